package kube

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/util/wait"
)

// SourceOptions configures a ClusterSource.
type SourceOptions struct {
	Products []ProductSpec
	// Publish receives every new snapshot. It must not block for long.
	Publish func(*model.ClusterSnapshot)
	// Finish completes a snapshot before it is published (verdicts, destination resolution).
	Finish func(*model.ClusterSnapshot)
	// Coalesce is how long a burst of events is gathered into one snapshot (default 250 ms).
	Coalesce time.Duration
	// Reevaluate checks this often, even without events, whether verdicts that depend on time
	// (a stale refresh, a PVC pending for too long) have changed, and then publishes a new
	// snapshot.
	Reevaluate time.Duration
	// ChangesWithTime reports whether a published snapshot's verdicts would change if judged
	// at now; nil means always (every tick rebuilds and publishes).
	ChangesWithTime func(s *model.ClusterSnapshot, now time.Time) bool
	Now             func() time.Time
}

// ClusterSource watches every product on one cluster and publishes immutable snapshots.
type ClusterSource struct {
	conn  Conn
	opts  SourceOptions
	dirty chan struct{}
	// synced asks for a snapshot without the coalescing delay (kindSynced).
	synced chan struct{}

	mu        sync.Mutex
	products  []*productRun
	gen       uint64
	published *model.ClusterSnapshot // the last snapshot published
	// building serialises Snapshot: Collect adopts projections into the snapshot it builds.
	building sync.Mutex
}

type productRun struct {
	spec    ProductSpec
	watches []*kindWatch // aligned with spec.Kinds; nil where the kind is not served
	status  model.SourceStatus
	synced  bool
}

// NewClusterSource prepares a source; Run starts it.
func NewClusterSource(conn Conn, opts SourceOptions) *ClusterSource {
	if opts.Coalesce <= 0 {
		opts.Coalesce = 250 * time.Millisecond
	}
	if opts.Reevaluate <= 0 {
		opts.Reevaluate = 30 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &ClusterSource{conn: conn, opts: opts, dirty: make(chan struct{}, 1), synced: make(chan struct{}, 1)}
	now := opts.Now()
	for _, p := range opts.Products {
		s.products = append(s.products, &productRun{spec: p, status: model.SourceStatus{State: model.StateSyncing, Since: now}})
	}
	return s
}

// Run discovers what the cluster serves (retrying with backoff while it cannot be reached),
// starts the watches, and publishes snapshots until ctx ends. It returns once every watch
// goroutine has stopped.
func (s *ClusterSource) Run(ctx context.Context) {
	var wg sync.WaitGroup
	defer wg.Wait()
	s.flush()

	served, ok := s.discover(ctx)
	if !ok {
		return
	}
	s.start(ctx, &wg, served)
	s.loop(ctx)
}

// discover retries discovery with exponential backoff; every failure is published as state.
func (s *ClusterSource) discover(ctx context.Context) (map[string]map[string]bool, bool) {
	backoff := wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.2, Steps: 100, Cap: 30 * time.Second}
	wanted := wantedGroupVersions(s.opts.Products)
	for {
		served, err := s.probe()
		if err == nil {
			served, err = servedResources(s.conn.Discovery, wanted)
		}
		if err == nil {
			return served, true
		}
		s.setAll(stateFor(s.conn, err, false))
		s.flush()
		select {
		case <-ctx.Done():
			return nil, false
		case <-time.After(backoff.Step()):
		}
	}
}

// probe asks a cluster reached through cluster-proxy for its version first: the proxy answers
// 404 for a cluster it does not serve, and discovery would take every 404 for a product that
// is not installed.
func (s *ClusterSource) probe() (map[string]map[string]bool, error) {
	if s.conn.Access != model.AccessProxy {
		return nil, nil
	}
	_, err := s.conn.Discovery.ServerVersion()
	if apierrors.IsNotFound(err) {
		err = unknownToProxy{err}
	}
	return nil, err
}

// start creates and runs the watches of every installed product.
func (s *ClusterSource) start(ctx context.Context, wg *sync.WaitGroup, served map[string]map[string]bool) {
	now := s.opts.Now()
	for _, p := range s.products {
		if reason, missing := notInstalledReason(p.spec, served); missing {
			s.setStatus(p, model.SourceStatus{State: model.StateNotInstalled, Reason: reason}, now)
			continue
		}
		s.setStatus(p, model.SourceStatus{State: model.StateSyncing}, now)
		watches := make([]*kindWatch, len(p.spec.Kinds))
		for i, k := range p.spec.Kinds {
			gvr, ok := resolveKind(k, served)
			if !ok {
				continue
			}
			watches[i] = newKindWatch(s.conn, gvr, k, s.reporter(p), func() { s.changed(p) }, func() { s.kindSynced(p) })
		}
		s.mu.Lock()
		p.watches = watches
		s.mu.Unlock()
		for _, w := range watches {
			if w != nil {
				wg.Add(1)
				go func() { defer wg.Done(); w.run(ctx) }()
			}
		}
		s.kindSynced(p) // a product none of whose kinds is served is synced now
	}
	s.markDirty()
}

// kindSynced is told when one of a product's kinds has stored its first full list (or its
// watch-list's initial events). Once all have, the product is synced, and its objects are
// published at once rather than after the coalescing delay: the initial events are in, and
// whoever waits for the list should not wait longer; later events coalesce as before.
func (s *ClusterSource) kindSynced(p *productRun) {
	s.mu.Lock()
	if p.synced {
		s.mu.Unlock()
		return
	}
	for _, w := range p.watches {
		if w != nil && !w.store.HasSynced() {
			s.mu.Unlock()
			return
		}
	}
	p.synced = true
	if p.status.State == model.StateSyncing {
		now := s.opts.Now()
		p.status = model.SourceStatus{State: model.StateReady, Since: now, Updated: now}
	}
	s.mu.Unlock()
	select {
	case s.synced <- struct{}{}:
	default:
	}
}

// reporter turns list/watch outcomes of one product into its state.
func (s *ClusterSource) reporter(p *productRun) outcome {
	return func(err error) {
		if Ignorable(err) {
			return
		}
		s.mu.Lock()
		now := s.opts.Now()
		var next model.SourceStatus
		if err == nil {
			if !p.status.State.Failed() && p.status.State != model.StateNotInstalled {
				s.mu.Unlock()
				return
			}
			next = model.SourceStatus{State: model.StateSyncing}
			if p.synced {
				next.State = model.StateReady
			}
		} else {
			next = stateFor(s.conn, err, p.synced)
		}
		changed := next.State != p.status.State || next.Reason != p.status.Reason
		if changed {
			next.Since, next.Updated = now, p.status.Updated
			p.status = next
		}
		s.mu.Unlock()
		if changed {
			s.markDirty()
		}
	}
}

// Ignorable errors are part of a watch's normal life: the reflector handles them itself.
func Ignorable(err error) bool {
	return err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, io.EOF) ||
		apierrors.IsResourceExpired(err) || apierrors.IsGone(err))
}

func (s *ClusterSource) loop(ctx context.Context) {
	tick := time.NewTicker(s.opts.Reevaluate)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			s.reevaluate()
		case <-s.synced:
			// A product's initial list is in: publish it now, with whatever else is pending.
			select {
			case <-s.dirty:
			default:
			}
			s.flush()
		case <-s.dirty:
			// Gather the rest of the burst before building one snapshot for all of it, unless
			// an initial list comes in meanwhile.
			select {
			case <-ctx.Done():
				return
			case <-s.synced:
			case <-time.After(s.opts.Coalesce):
			}
			s.flush()
		}
	}
}

// changed records that one product's data changed and asks for a snapshot.
func (s *ClusterSource) changed(p *productRun) {
	s.mu.Lock()
	p.status.Updated = s.opts.Now()
	s.mu.Unlock()
	s.markDirty()
}

// markDirty asks the loop for a snapshot; requests made while one is pending merge into it.
func (s *ClusterSource) markDirty() {
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

func (s *ClusterSource) setAll(st model.SourceStatus) {
	now := s.opts.Now()
	for _, p := range s.products {
		s.setStatus(p, st, now)
	}
}

func (s *ClusterSource) setStatus(p *productRun, st model.SourceStatus, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st.State != p.status.State || st.Reason != p.status.Reason {
		st.Since = now
	} else {
		st.Since = p.status.Since
	}
	st.Updated = p.status.Updated
	p.status = st
}

// flush builds and publishes one snapshot from the stores.
func (s *ClusterSource) flush() {
	snap := s.Snapshot()
	s.mu.Lock()
	s.published = snap
	s.mu.Unlock()
	if s.opts.Publish != nil {
		s.opts.Publish(snap)
	}
}

// reevaluate publishes a new snapshot when time alone has changed a verdict. Events publish
// through flush; without them, nothing else can have changed.
func (s *ClusterSource) reevaluate() {
	s.mu.Lock()
	last := s.published
	s.mu.Unlock()
	if last == nil || s.opts.ChangesWithTime == nil || s.opts.ChangesWithTime(last, s.opts.Now()) {
		s.flush()
	}
}

// Snapshot builds a new snapshot from the current stores. Stores are read under their own
// locks; every slice in the result is new, so the snapshot is safe to share.
func (s *ClusterSource) Snapshot() *model.ClusterSnapshot {
	s.building.Lock()
	defer s.building.Unlock()
	s.mu.Lock()
	s.gen++
	now := s.opts.Now()
	snap := &model.ClusterSnapshot{
		Name: s.conn.Cluster, Context: s.conn.Context, Server: s.conn.Server,
		Generation: s.gen, Updated: now,
	}
	type pending struct {
		p       *productRun
		watches []*kindWatch
	}
	var todo []pending
	for _, p := range s.products {
		if p.spec.SetState != nil {
			p.spec.SetState(snap, p.status)
		} else {
			snap.Sources[p.spec.Product] = p.status
		}
		if p.watches != nil && p.synced {
			todo = append(todo, pending{p, p.watches})
		}
	}
	s.mu.Unlock()
	for _, t := range todo {
		items := make([][]*Projected, len(t.watches))
		for i, w := range t.watches {
			if w != nil {
				items[i] = w.projections()
			}
		}
		t.p.spec.Build(snap, items)
	}
	if s.opts.Finish != nil {
		s.opts.Finish(snap)
	}
	return snap
}

// Refresh asks for a new snapshot even though no object changed, for example because the
// fleet's cluster list changed and with it how Application destinations resolve.
func (s *ClusterSource) Refresh() { s.markDirty() }
