package demo

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/util/retry"

	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// Simulator plays the fleet's controllers: every step it makes a few small, plausible changes
// through the fake clients, which the sources then see through their watches. Argo CD apps
// with an automated sync policy drift out of sync and sync again, ExternalSecrets refresh when
// due, Portworx nodes fill up, and now and then a managed cluster's lease lapses and comes
// back. Sticky trouble (Fleet.Trouble) is never touched, so the demo always has it to show.
//
// While Run runs, the Simulator also answers what users write, as Argo CD and ESO do (see
// react.go): a requested sync (.operation) runs and succeeds — or fails again on the broken app
// —, a refresh annotation is handled, a force-sync annotation refreshes an ExternalSecret.
//
// The sequence of autonomous changes depends only on the seed and the fleet; reactions happen
// when users act; timestamps come from the wall clock. Step and Run may be used from any
// goroutine; steps and reactions never overlap.
type Simulator struct {
	mu    sync.Mutex // serialises Step and the reactions
	r     *rand.Rand
	now   func() time.Time
	conns map[string]kube.Conn // by cluster name, the hub included
	all   []kube.Conn
	eso   map[string][]string // served ESO versions by cluster
	hub   string

	apps     []objRef
	inFlight []*appSync
	secrets  []*secretRefresh
	nodes    []objRef
	clusters []string // managed clusters whose lease may lapse
	flap     *leaseFlap
	rv       *resourceVersions // shared with the fake clients, which version their own writes

	// Reactions to what users write (react.go).
	queue   reactQueue
	opDelay time.Duration     // how long a requested sync stays Running
	ops     []*requestedOp    // requested syncs that are Running
	broken  map[objRef]bool   // the sticky failed-sync apps: their syncs fail again
	forced  map[objRef]string // last force-sync value handled, by object (version left empty)

	inc incidents // injected incidents (incidents.go)
}

// Change describes one change a Step made.
type Change struct {
	// Cluster, Kind, Namespace and Name identify the changed object.
	Cluster, Kind, Namespace, Name string
	// What says what happened, for logs and tests ("synced", "refreshed" …).
	What string
}

// objRef locates an object on a cluster.
type objRef struct {
	cluster   string
	gvr       schema.GroupVersionResource
	namespace string
	name      string
}

// appSync is an app on its way from OutOfSync to Synced; wait counts the steps until the next
// stage so that each stage stays visible for a moment.
type appSync struct {
	ref     objRef
	running bool
	wait    int
}

type secretRefresh struct {
	ref      objRef
	interval time.Duration
	due      time.Time
}

type leaseFlap struct {
	cluster string
	wait    int
}

// Per-step limits keep each fake watch channel (100 events) far from full.
const (
	maxAppsInFlight     = 3
	maxRefreshesPerStep = 20
	leaseFlapOdds       = 60 // one step in this many starts a lease lapse
)

// NewSimulator prepares a simulator for a fleet served by Conns. Objects on clusters without a
// connection are left alone.
func NewSimulator(f *Fleet, hub kube.Conn, spokes []kube.Conn, seed int64) *Simulator {
	s := &Simulator{
		r:     rand.New(rand.NewPCG(uint64(seed), 0x51a1)),
		now:   time.Now,
		conns: map[string]kube.Conn{},
		eso:   map[string][]string{},
		hub:   f.Hub,
		rv:    newResourceVersions(),
		queue: reactQueue{wake: make(chan struct{}, 1), queued: map[objRef]bool{}},

		opDelay: defaultOpDelay,
		broken:  map[objRef]bool{},
		forced:  map[objRef]string{},
	}
	for _, c := range append([]kube.Conn{hub}, spokes...) {
		if c.Dynamic != nil {
			s.conns[c.Cluster] = c
			s.all = append(s.all, c)
			if d, ok := c.Dynamic.(*servedOnly); ok {
				s.rv = d.rv
			}
		}
	}
	type troubleKey struct{ cluster, kind, namespace, name string }
	sticky := map[troubleKey]bool{}
	for _, t := range f.Trouble {
		if t.Sticky {
			sticky[troubleKey{t.Cluster, t.Kind, t.Namespace, t.Name}] = true
		}
		if t.Scenario == ScenarioSyncFailed {
			s.broken[objRef{cluster: t.Cluster, gvr: appsGVR, namespace: t.Namespace, name: t.Name}] = true
		}
	}
	isSticky := func(cluster, kind, ns, name string) bool { return sticky[troubleKey{cluster, kind, ns, name}] }
	for _, c := range f.Clusters {
		s.eso[c.Name] = c.ESOVersions
		if c.Managed != nil && !isSticky(f.Hub, "ManagedCluster", "", c.Name) {
			s.clusters = append(s.clusters, c.Name)
		}
		if _, ok := s.conns[c.Name]; !ok {
			continue
		}
		for _, u := range c.Objects {
			if isSticky(c.Name, u.GetKind(), u.GetNamespace(), u.GetName()) {
				continue
			}
			s.track(c.Name, u)
		}
	}
	return s
}

// track indexes an object the simulator may change.
func (s *Simulator) track(cluster string, u *unstructured.Unstructured) {
	ref := objRef{cluster: cluster, namespace: u.GetNamespace(), name: u.GetName()}
	switch u.GetKind() {
	case "Application":
		ref.gvr = appsGVR
		s.apps = append(s.apps, ref)
		// Apps with a manual sync policy wait for somebody to press Sync.
		if st, _, _ := unstructured.NestedString(u.Object, "status", "sync", "status"); st == "OutOfSync" && automated(u) {
			phase, _, _ := unstructured.NestedString(u.Object, "status", "operationState", "phase")
			s.inFlight = append(s.inFlight, &appSync{ref: ref, running: phase == "Running", wait: 2})
		}
	case "ExternalSecret":
		ref.gvr = gvr(esoGroup, "", "externalsecrets") // version chosen per served version at write time
		raw, _, _ := unstructured.NestedString(u.Object, "spec", "refreshInterval")
		interval, err := time.ParseDuration(raw)
		refreshed, _, _ := unstructured.NestedString(u.Object, "status", "refreshTime")
		last, terr := time.Parse(time.RFC3339, refreshed)
		if err != nil || interval <= 0 || terr != nil {
			return
		}
		s.secrets = append(s.secrets, &secretRefresh{ref: ref, interval: interval, due: last.Add(interval)})
	case "StorageNode":
		if phase, _, _ := unstructured.NestedString(u.Object, "status", "phase"); phase == "Online" {
			ref.gvr = gvr("core.libopenstorage.org", "v1", "storagenodes")
			s.nodes = append(s.nodes, ref)
		}
	}
}

// Run steps every interval and reacts to what users write until ctx is cancelled, then returns
// once everything it started has stopped. Errors of single changes are dropped: the next step
// simply tries something else.
func (s *Simulator) Run(ctx context.Context, every time.Duration) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	s.startWatches(ctx, &wg)
	wg.Go(func() { s.reactLoop(ctx) })

	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_, _ = s.Step(ctx)
		}
	}
}

// Step makes one round of changes and returns them; it also forgets the calls the fake
// clients recorded, which would otherwise accumulate for as long as the demo runs.
func (s *Simulator) Step(ctx context.Context) ([]Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var changes []Change
	var errs []error
	collect := func(c []Change, err error) {
		changes = append(changes, c...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	collect(s.stepApps(ctx))
	collect(s.stepSecrets(ctx))
	collect(s.stepNodes(ctx))
	collect(s.stepLease(ctx))
	collect(s.stepIncidents(ctx))
	s.clearRecordedActions()
	return changes, errors.Join(errs...)
}

// nextRV returns a fresh resourceVersion for the typed OCM client, whose fake does not set one:
// watchers that skip updates with an unchanged resourceVersion would otherwise miss changes.
func (s *Simulator) nextRV() string { return s.rv.next() }

// modify reads an object, lets change edit it and, if change returns true, writes it back:
// through UpdateStatus when status is a subresource of the kind, Update otherwise. A write that
// conflicts with another (a user's patch in between) is retried on a fresh read, so change
// may run more than once. It reports whether it wrote.
func (s *Simulator) modify(ctx context.Context, ref objRef, statusSubresource bool, change func(*unstructured.Unstructured) bool) (bool, error) {
	conn, ok := s.conns[ref.cluster]
	if !ok {
		return false, errors.New("demo: no connection to " + ref.cluster)
	}
	res := resourceClient(conn, ref)
	wrote := false
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		wrote = false
		u, err := res.Get(ctx, ref.name, metav1.GetOptions{})
		if err != nil || !change(u) {
			return err
		}
		// u keeps the resourceVersion it was read at: the fake clients refuse the write if the
		// object changed since, and version it.
		if statusSubresource {
			_, err = res.UpdateStatus(ctx, u, metav1.UpdateOptions{})
		} else {
			_, err = res.Update(ctx, u, metav1.UpdateOptions{})
		}
		wrote = err == nil
		return err
	})
	return wrote, err
}

// resourceClient returns the dynamic client for ref's resource and namespace.
func resourceClient(conn kube.Conn, ref objRef) dynamic.ResourceInterface {
	client := conn.Dynamic.Resource(ref.gvr)
	if ref.namespace != "" {
		return client.Namespace(ref.namespace)
	}
	return client
}

// get reads the object ref names.
func (s *Simulator) get(ctx context.Context, ref objRef) (*unstructured.Unstructured, error) {
	conn, ok := s.conns[ref.cluster]
	if !ok {
		return nil, errors.New("demo: no connection to " + ref.cluster)
	}
	return resourceClient(conn, ref).Get(ctx, ref.name, metav1.GetOptions{})
}

// clearRecordedActions empties the fake clients' call records.
func (s *Simulator) clearRecordedActions() {
	type clearer interface{ ClearActions() }
	for _, c := range s.all {
		for _, client := range []any{c.Dynamic, c.Discovery, c.OCM} {
			if cl, ok := client.(clearer); ok {
				cl.ClearActions()
			}
		}
	}
}
