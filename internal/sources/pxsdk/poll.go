package pxsdk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// Limits bound what one cluster's poller costs the cluster and mcgtui.
type Limits struct {
	// MinInterval is the least time between the starts of two polls: requests in between
	// (a key held down, several pages) merge into the next allowed poll.
	MinInterval time.Duration
	// Interval is how often the poller polls while Active (a Portworx page is open).
	Interval time.Duration
	// Request bounds one HTTP request; Poll bounds a whole poll.
	Request, Poll time.Duration
	// Parallel is how many inspect requests run at once on one cluster.
	Parallel int
	// MaxVolumes caps how many volumes one poll inspects; the rest are counted, not read.
	MaxVolumes int
}

// DefaultLimits: a poll of a 1,000-volume cluster is 1,000 inspect requests, 4 at a time.
var DefaultLimits = Limits{MinInterval: 5 * time.Second, Interval: 15 * time.Second,
	Request: 10 * time.Second, Poll: 2 * time.Minute, Parallel: 4, MaxVolumes: 5000}

// Poller polls one cluster's SDK: once when the Portworx namespace becomes known, again on
// demand (Poll) and every Interval while Active. At most one poll runs at a time; the latest
// result is published through OnUpdate and read with Latest.
type Poller struct {
	Cluster  string
	Opener   Opener
	Limits   Limits
	Now      func() time.Time
	OnUpdate func()

	mu        sync.Mutex
	namespace string
	active    bool
	latest    *model.PortworxSDK
	wake      chan struct{}
}

// NewPoller prepares a poller; Run starts it.
func NewPoller(cluster string, opener Opener, onUpdate func()) *Poller {
	return &Poller{Cluster: cluster, Opener: opener, Limits: DefaultLimits, Now: time.Now, OnUpdate: onUpdate,
		wake: make(chan struct{}, 1)}
}

// Latest is the result of the last poll, nil before the first.
func (p *Poller) Latest() *model.PortworxSDK {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.latest
}

// SetNamespace tells the poller where Portworx runs (the StorageCluster's namespace); the first
// call, and a change, start a poll. "" stops polling (Portworx gone).
func (p *Poller) SetNamespace(ns string) {
	p.mu.Lock()
	changed := ns != p.namespace
	p.namespace = ns
	if changed && ns == "" {
		p.latest = nil
	}
	p.mu.Unlock()
	if changed {
		p.Poll()
	}
}

// Poll asks for a poll soon (after MinInterval since the last one started).
func (p *Poller) Poll() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// SetActive turns periodic polling on (a Portworx page is open) or off.
func (p *Poller) SetActive(on bool) {
	p.mu.Lock()
	was := p.active
	p.active = on
	p.mu.Unlock()
	if on && !was {
		p.Poll()
	}
}

// Run polls until ctx ends.
func (p *Poller) Run(ctx context.Context) {
	var last time.Time
	tick := time.NewTicker(max(p.Limits.Interval, time.Second))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.wake:
		case <-tick.C:
			p.mu.Lock()
			active := p.active
			p.mu.Unlock()
			if !active {
				continue
			}
		}
		if wait := p.Limits.MinInterval - time.Since(last); !last.IsZero() && wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
		p.mu.Lock()
		ns := p.namespace
		p.mu.Unlock()
		if ns == "" {
			continue
		}
		last = time.Now()
		res := p.pollOnce(ctx, ns)
		if ctx.Err() != nil {
			return
		}
		p.mu.Lock()
		if p.namespace == ns {
			p.latest = res
		}
		p.mu.Unlock()
		if p.OnUpdate != nil {
			p.OnUpdate()
		}
	}
}

// Once polls ns now, outside Run (tests, scripts), records the result as Latest and
// returns it.
func (p *Poller) Once(ctx context.Context, ns string) *model.PortworxSDK {
	p.mu.Lock()
	p.namespace = ns
	p.mu.Unlock()
	res := p.pollOnce(ctx, ns)
	p.mu.Lock()
	p.latest = res
	p.mu.Unlock()
	return res
}

// pollOnce runs one poll and returns its result: fresh data, or the previous data marked
// Stale with why, or no data and the failure's state.
func (p *Poller) pollOnce(ctx context.Context, ns string) *model.PortworxSDK {
	ctx, cancel := context.WithTimeout(ctx, p.Limits.Poll)
	defer cancel()
	now := p.Now()
	res, path, err := p.fetch(ctx, ns)
	prev := p.Latest()
	if err != nil {
		st := StateFor(err, ns)
		st.Since = now
		if prev != nil && prev.Source.State == st.State && prev.Source.Reason == st.Reason {
			st.Since = prev.Source.Since
		}
		if prev != nil && !prev.Polled.IsZero() && st.State != model.StateNotInstalled {
			out := *prev // the data of the last good poll, marked Stale; Nodes/Volumes shared read-only
			reason := st.State.String() + ": " + st.Reason
			out.Source = model.SourceStatus{State: model.StateStale, Reason: reason, Since: now, Updated: prev.Polled}
			if prev.Source.State == model.StateStale && prev.Source.Reason == reason {
				out.Source.Since = prev.Source.Since
			}
			return &out
		}
		return &model.PortworxSDK{Source: st, Path: path, Namespace: ns}
	}
	res.Namespace, res.Path, res.Polled = ns, path, now
	res.Source = model.SourceStatus{State: model.StateReady, Since: now, Updated: now}
	if prev != nil && prev.Source.State == model.StateReady {
		res.Source.Since = prev.Source.Since
	}
	health.PortworxSDK(res)
	return res
}

// fetch reads the cluster, its nodes and its volumes.
func (p *Poller) fetch(ctx context.Context, ns string) (*model.PortworxSDK, string, error) {
	sess, err := p.Opener.Open(ctx, ns)
	if err != nil {
		return nil, "", err
	}
	defer sess.Close()
	get := func(path string) ([]byte, error) {
		rctx, cancel := context.WithTimeout(ctx, p.Limits.Request)
		defer cancel()
		return sess.Get(rctx, path)
	}
	body, err := get(pathCluster)
	if err != nil {
		return nil, sess.Path(), err
	}
	ci, err := DecodeCluster(body)
	if err != nil {
		return nil, sess.Path(), err
	}
	out := &model.PortworxSDK{ClusterName: ci.Name, ClusterID: ci.ID, ClusterStatus: ci.Status}

	nodeIDs, err := p.ids(get, pathNodes, "node_ids")
	if err != nil {
		return nil, sess.Path(), err
	}
	out.Nodes, err = inspectAll(ctx, p.Limits.Parallel, nodeIDs, func(id string) (model.PXNode, bool, error) {
		b, err := get(nodePath(id))
		if notFound(err) {
			return model.PXNode{}, false, nil // gone between the list and the inspect
		}
		if err != nil {
			return model.PXNode{}, false, err
		}
		return DecodeNodeInspect(b, id), true, nil
	})
	if err != nil {
		return nil, sess.Path(), err
	}
	volumeIDs, err := p.ids(get, pathVolumes, "volume_ids")
	if err != nil {
		return nil, sess.Path(), err
	}
	if len(volumeIDs) > p.Limits.MaxVolumes {
		volumeIDs = volumeIDs[:p.Limits.MaxVolumes]
	}
	out.Volumes, err = inspectAll(ctx, p.Limits.Parallel, volumeIDs, func(id string) (model.PXVolume, bool, error) {
		b, err := get(volumePath(id))
		if notFound(err) {
			return model.PXVolume{}, false, nil
		}
		if err != nil {
			return model.PXVolume{}, false, err
		}
		return DecodeVolumeInspect(b, id), true, nil
	})
	if err != nil {
		return nil, sess.Path(), err
	}
	slices.SortFunc(out.Nodes, func(a, b model.PXNode) int { return strings.Compare(nodeName(&a), nodeName(&b)) })
	slices.SortFunc(out.Volumes, func(a, b model.PXVolume) int { return strings.Compare(a.ID, b.ID) })
	out.Quorum = Quorum(out.Nodes)
	fillHosts(out.Volumes, out.Nodes)
	return out, sess.Path(), nil
}

func nodeName(n *model.PXNode) string {
	if n.Hostname != "" {
		return n.Hostname
	}
	return n.ID
}

func (p *Poller) ids(get func(string) ([]byte, error), path, field string) ([]string, error) {
	body, err := get(path)
	if err != nil {
		return nil, err
	}
	return DecodeIDs(body, field)
}

// inspectAll runs inspect for every id, parallel at a time, keeping the ids' order; the first
// error stops the rest.
func inspectAll[T any](ctx context.Context, parallel int, ids []string, inspect func(string) (T, bool, error)) ([]T, error) {
	type result struct {
		v  T
		ok bool
	}
	results := make([]result, len(ids))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, max(parallel, 1))
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for i, id := range ids {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			v, ok, err := inspect(id)
			if err != nil {
				once.Do(func() { first = err; cancel() })
				return
			}
			results[i] = result{v, ok}
		})
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]T, 0, len(ids))
	for _, r := range results {
		if r.ok {
			out = append(out, r.v)
		}
	}
	return out, nil
}

func notFound(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && se.SDK && se.Code == http.StatusNotFound
}

// StateFor turns a poll's failure into the SDK source's state.
func StateFor(err error, ns string) model.SourceStatus {
	var se *StatusError
	if errors.As(err, &se) {
		switch {
		case se.SDK && (se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden) && se.TokenSent:
			return model.SourceStatus{State: model.StateForbidden, Reason: "the SDK refused the token: " + se.Message}
		case se.SDK && (se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden):
			// No token: 401, or 403 when Portworx lets guests in but the guest role may not
			// read (pxctl auth guest-access disable).
			return model.SourceStatus{State: model.StateAuthRequired, Reason: "Portworx security is on and " +
				"the SDK wants a token (" + se.Message + "): set one with MCGTUI_PORTWORX_TOKEN or " +
				"clusters.NAME.portworx.tokenEnv; mcgtui then port-forwards to a portworx-api pod"}
		case !se.SDK && se.Code == http.StatusForbidden:
			return model.SourceStatus{State: model.StateForbidden, Reason: se.Message}
		case !se.SDK && se.Code == http.StatusNotFound && se.Reason == "NotFound":
			return model.SourceStatus{State: model.StateNotInstalled, Reason: fmt.Sprintf("no %s service in %s: %s", ServiceName, ns, se.Message)}
		case !se.SDK && se.Code == http.StatusUnauthorized:
			return model.SourceStatus{State: model.StateForbidden, Reason: "unauthorized (credentials rejected): " + se.Message}
		}
		return model.SourceStatus{State: model.StateUnreachable, Reason: se.Error()}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return model.SourceStatus{State: model.StateUnreachable, Reason: "timeout: the SDK did not answer in time"}
	}
	return kube.StateFor(err, false)
}
