// Package fleet runs the whole fleet's sources: the hub's, one per reachable managed cluster,
// and the hub's ManagedCluster watch that decides which clusters exist. It composes each
// cluster's snapshot with its hub-side facts and publishes immutable model.Fleet values.
package fleet

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/acm"
	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/eso"
	"github.com/mcgtui/mcgtui/internal/sources/governance"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
	"github.com/mcgtui/mcgtui/internal/sources/portworx"
	"github.com/mcgtui/mcgtui/internal/sources/pxsdk"
)

// Connector returns the connection to a managed cluster, or why there is none. It must not
// touch the network: connections are only built here, and used by the cluster's source.
type Connector func(mc *model.ManagedCluster) (conn kube.Conn, ok bool, why string)

// Options configures a Manager.
type Options struct {
	Hub     kube.Conn
	Connect Connector
	Demo    bool
	// Products watched on every cluster; default Argo CD, ESO and Portworx.
	Products []kube.ProductSpec
	// HubProducts are watched on the hub only, on top of Products; default governance.
	HubProducts []kube.ProductSpec
	Now         func() time.Time
	Coalesce    time.Duration // per cluster, see kube.SourceOptions
	Reevaluate  time.Duration
	// Portworx builds the opener of each cluster's Portworx SDK (PortworxOpeners for real
	// clusters, the demo's own); nil, or a nil opener, polls no SDK.
	Portworx func(kube.Conn) pxsdk.Opener
	// Reconnect, when signalled, makes the manager ask Connect again for every managed
	// cluster and switch paths where the answer changed (the cluster-proxy endpoint was found,
	// an addon became available or went away).
	Reconnect <-chan struct{}
	// ReadOnly: create nothing anywhere, not even a ManagedClusterView to open an object.
	ReadOnly bool
	// ViewTimeout bounds the wait for a ManagedClusterView's answer (default 30 s).
	ViewTimeout time.Duration
	// MaxProxyWatched bounds how many clusters are watched through cluster-proxy at once
	// (default 100); the others are watched when opened (Enter) and stopped ProxyLinger
	// (default 2 min) after they were left (Leave). See ondemand.go.
	MaxProxyWatched int
	ProxyLinger     time.Duration
}

// DefaultProducts are the products mcgtui watches on every cluster; argocdNamespace limits
// Applications to one namespace ("" for all).
func DefaultProducts(argocdNamespace string) []kube.ProductSpec {
	return []kube.ProductSpec{argocd.Spec(argocdNamespace), eso.Spec(), portworx.Spec()}
}

// ProductsIn are DefaultProducts with every namespaced kind listed in namespace only
// (-n/--namespace; "" for all); argocdNamespace, when set, still decides for Argo CD.
func ProductsIn(namespace, argocdNamespace string) []kube.ProductSpec {
	return kube.InNamespace(DefaultProducts(argocdNamespace), namespace)
}

// Manager owns every source of the fleet.
type Manager struct {
	opts    Options
	updates chan *model.Fleet
	dirty   chan struct{}
	latest  atomic.Pointer[model.Fleet]
	dests   atomic.Pointer[destinations]

	mu      sync.Mutex
	ctx     context.Context
	wg      sync.WaitGroup
	entries map[string]*entry
	roster  roster // the entries' composed snapshots, in fleet order
	conns   map[string]kube.Conn
	hubSrc  *kube.ClusterSource
	acm     model.SourceStatus
	pol     policyIndex // the hub's replicated policies by cluster, see policies.go
	note    string
	gen     uint64
	pollers pollers
	// proxyWatched counts the running sources that go through cluster-proxy.
	proxyWatched int
}

type entry struct {
	name     string
	hub      bool
	managed  *model.ManagedCluster
	raw      *model.ClusterSnapshot // latest from the cluster's own source
	composed *model.ClusterSnapshot // raw plus hub-side facts: what the views get
	noAccess string                 // why no source runs for this cluster
	cancel   context.CancelFunc
	conn     kube.Conn // the running source's connection (zero when none)
	srcID    uint64    // which source's snapshots are current: a stopped one may still publish
	// parked is a cluster-proxy connection not watched because of MaxProxyWatched.
	parked  kube.Conn
	entered bool        // the user is looking at the cluster (Enter without Leave)
	lastUse time.Time   // when it was last entered or left
	linger  *time.Timer // after Leave: stop the watch if the bound needs its place
}

// New prepares a manager; Run starts it.
func New(opts Options) *Manager {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxProxyWatched <= 0 {
		opts.MaxProxyWatched = 100
	}
	if opts.ProxyLinger <= 0 {
		opts.ProxyLinger = 2 * time.Minute
	}
	if opts.Products == nil {
		opts.Products = DefaultProducts("")
	}
	if opts.HubProducts == nil {
		opts.HubProducts = []kube.ProductSpec{governance.Spec()}
	}
	if opts.Connect == nil {
		opts.Connect = func(*model.ManagedCluster) (kube.Conn, bool, string) { return kube.Conn{}, false, "no connector" }
	}
	m := &Manager{
		opts:    opts,
		updates: make(chan *model.Fleet, 1),
		dirty:   make(chan struct{}, 1),
		entries: map[string]*entry{},
		conns:   map[string]kube.Conn{opts.Hub.Cluster: opts.Hub},
		acm:     model.SourceStatus{State: model.StateSyncing, Since: opts.Now()},
		pol:     policyIndex{source: model.SourceStatus{State: model.StateSyncing, Since: opts.Now()}},
	}
	m.dests.Store(newDestinations(nil, map[string]string{opts.Hub.Cluster: opts.Hub.Server}))
	return m
}

// ContinueAfter numbers the manager's fleets from gen+1 on; call it before Run. The dashboard
// switching to another context calls it with the last generation the old fleet delivered, so
// that generations only grow in one session and a late snapshot of the old fleet is told apart
// from the new one's (ADR 0003).
func (m *Manager) ContinueAfter(gen uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gen = max(m.gen, gen)
}

// Updates delivers fleets, latest wins: a slow reader skips generations, never blocks sources.
func (m *Manager) Updates() <-chan *model.Fleet { return m.updates }

// Latest returns the most recently published fleet, or nil before the first.
func (m *Manager) Latest() *model.Fleet { return m.latest.Load() }

// Run starts every source and blocks until ctx ends and all of them have stopped.
func (m *Manager) Run(ctx context.Context) {
	m.mu.Lock()
	m.ctx = ctx
	hub := &entry{name: m.opts.Hub.Cluster, hub: true}
	m.entries[hub.name] = hub
	m.hubSrc = m.startSourceCtx(m.ctx, m.opts.Hub, append(slices.Clip(m.opts.Products), m.opts.HubProducts...),
		func(s *model.ClusterSnapshot) { m.onSnapshot(m.opts.Hub.Cluster, 0, s) })
	m.compose(hub)
	m.mu.Unlock()

	publisherDone := make(chan struct{})
	go func() { defer close(publisherDone); m.publishLoop(ctx) }()

	if m.opts.Reconnect != nil {
		m.wg.Add(1)
		go func() { defer m.wg.Done(); m.reconnectLoop(ctx) }()
	}
	m.watchManagedClusters(ctx)
	<-ctx.Done()
	m.stopLingers()
	m.wg.Wait()
	<-publisherDone
	// The spokes' connections were closed as their sources stopped; the hub's served the
	// ManagedCluster watch too, which has stopped now.
	m.opts.Hub.Close()
}

// watchManagedClusters finds out whether the hub context is an ACM hub (retrying while it
// cannot be reached) and then watches its ManagedClusters until ctx ends.
func (m *Manager) watchManagedClusters(ctx context.Context) {
	hub := m.opts.Hub
	delay := time.Second
	for {
		served, err := kube.Served(hub.Discovery, acm.ManagedClustersGVR)
		if err == nil && served && hub.OCM != nil {
			break
		}
		if err == nil {
			m.setACM(model.SourceStatus{State: model.StateNotInstalled, Reason: "ManagedCluster CRD not served"},
				fmt.Sprintf("no ACM on context %q: showing it as a one-cluster fleet", hub.Context))
			return
		}
		m.setACM(kube.StateFor(err, false), "")
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(delay*2, 30*time.Second)
	}
	w := &acm.Watcher{Client: hub.OCM, OnClusters: m.onClusters, OnState: func(st model.SourceStatus) { m.setACM(st, "") }}
	w.Run(ctx)
}

func (m *Manager) setACM(st model.SourceStatus, note string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if st.State != m.acm.State || st.Reason != m.acm.Reason {
		st.Since = m.opts.Now()
		m.acm = st
	}
	m.note = note
	m.compose(m.entries[m.opts.Hub.Cluster])
}

// onClusters reconciles the entries with the hub's current ManagedCluster list. Only the
// clusters whose record or verdict changed are composed again, and the hub's apps are
// resolved again only when the destinations changed: at 3,500 clusters, one ManagedCluster's
// update must not cost a pass over every cluster's objects.
func (m *Manager) onClusters(list []model.ManagedCluster) {
	now := m.opts.Now()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ctx.Err() != nil {
		return
	}
	seen := make(map[string]bool, len(list))
	hub := m.entries[m.opts.Hub.Cluster]
	var local *model.ManagedCluster
	for i := range list {
		mc := &list[i]
		mc.Health = health.ManagedCluster(mc, now)
		if isLocalCluster(mc) { // ACM registers the hub itself as local-cluster: one row, not two
			local = mc
			continue
		}
		seen[mc.Name] = true
		e := m.entries[mc.Name]
		if e == nil {
			e = &entry{name: mc.Name}
			m.entries[mc.Name] = e
			m.connect(e, mc)
		} else if sameRecord(e.managed, mc) {
			continue
		}
		e.managed = clone(mc)
		m.compose(e)
	}
	if !sameRecord(hub.managed, local) {
		hub.managed = clone(local)
		m.compose(hub)
	}
	for name, e := range m.entries {
		if !e.hub && !seen[name] {
			m.stopSource(e)
			delete(m.entries, name)
			delete(m.conns, name)
			m.roster.remove(false, name)
		}
	}
	servers := make(map[string]string, len(m.conns))
	for name, c := range m.conns {
		if c.Access != model.AccessProxy { // the proxy's URL is not the cluster's own
			servers[name] = c.Server
		}
	}
	if d := newDestinations(list, servers); !d.equal(m.dests.Load()) {
		m.dests.Store(d)
		// Resolved here, before anything reads the fleet again: a refresh of the source would
		// leave a moment in which the fleet counts as settled with the old destinations.
		for _, e := range m.entries {
			if e.raw != nil {
				if r := m.resolved(e.raw, d); r != e.raw {
					e.raw = r
					m.compose(e)
				}
			}
		}
	}
	m.markDirty()
}

// sameRecord reports whether two ManagedCluster records (verdicts included) are equal. Equal
// resourceVersions settle it without a deep comparison; objects without one (fake clients)
// are compared field by field.
func sameRecord(a, b *model.ManagedCluster) bool {
	switch {
	case a == nil || b == nil:
		return a == b
	case a.ResourceVersion != "" && a.ResourceVersion == b.ResourceVersion:
		return a.Health == b.Health
	}
	return reflect.DeepEqual(a, b)
}

// clone returns a copy of mc that does not keep the watcher's whole list alive.
func clone(mc *model.ManagedCluster) *model.ManagedCluster {
	if mc == nil {
		return nil
	}
	c := *mc
	return &c
}

func isLocalCluster(mc *model.ManagedCluster) bool {
	return mc.Name == "local-cluster" || mc.Labels["local-cluster"] == "true"
}

func (m *Manager) startSourceFor(e *entry, conn kube.Conn) {
	ctx, cancel := context.WithCancel(m.ctx)
	e.cancel, e.conn = cancel, conn
	if conn.Access == model.AccessProxy {
		m.proxyWatched++
		if now := m.opts.Now(); now.After(e.lastUse) {
			e.lastUse = now // idle time counts from the watch's start
		}
	}
	e.srcID++
	id := e.srcID
	m.startSourceCtx(ctx, conn, m.opts.Products, func(s *model.ClusterSnapshot) { m.onSnapshot(conn.Cluster, id, s) })
}

func (m *Manager) startSourceCtx(ctx context.Context, conn kube.Conn, products []kube.ProductSpec, publish func(*model.ClusterSnapshot)) *kube.ClusterSource {
	name := conn.Cluster
	src := kube.NewClusterSource(conn, kube.SourceOptions{
		Products:        products,
		Publish:         publish,
		Finish:          m.finish,
		Coalesce:        m.opts.Coalesce,
		Reevaluate:      m.opts.Reevaluate,
		ChangesWithTime: health.ChangesWithTime,
		Now:             m.opts.Now,
	})
	m.startPoller(ctx, conn, src)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		src.Run(ctx)
		if name != m.opts.Hub.Cluster { // Run closes the hub's last, see there
			conn.Close() // nothing uses the cluster's connections once its source has stopped
		}
	}()
	return src
}

// finish resolves Application destinations and applies the health rules to a snapshot
// before its source publishes it, as of the snapshot's time (health.ChangesWithTime).
func (m *Manager) finish(s *model.ClusterSnapshot) {
	d := m.dests.Load()
	for i := range s.Apps {
		s.Apps[i].DestCluster = d.resolve(s.Name, s.Apps[i].Destination)
	}
	m.joinPortworx(s)
	health.Apply(s, s.Updated)
}

// resolved returns s with its Applications' destinations resolved by d: s itself when none
// changes, else a copy with new Apps (published snapshots are never modified). No verdict
// depends on the destination, so nothing else is judged again.
func (m *Manager) resolved(s *model.ClusterSnapshot, d *destinations) *model.ClusterSnapshot {
	var apps []model.App
	for i := range s.Apps {
		if dest := d.resolve(s.Name, s.Apps[i].Destination); dest != s.Apps[i].DestCluster {
			if apps == nil {
				apps = slices.Clone(s.Apps)
			}
			apps[i].DestCluster = dest
		}
	}
	if apps == nil {
		return s
	}
	c := *s
	c.Apps = apps
	return &c
}

func (m *Manager) onSnapshot(name string, id uint64, s *model.ClusterSnapshot) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.entries[name]; e != nil && e.srcID == id {
		// finish may have resolved s just before the destinations changed (updateClusters).
		e.raw = m.resolved(s, m.dests.Load())
		if e.hub {
			m.updatePolicies(s)
		}
		m.compose(e)
	}
}

// compose builds the snapshot the views see for one cluster. Callers hold m.mu.
func (m *Manager) compose(e *entry) {
	var c model.ClusterSnapshot
	if e.raw != nil {
		c = *e.raw // slices are shared: published snapshots are never modified
	} else {
		c = model.ClusterSnapshot{Name: e.name, Updated: m.opts.Now()}
		for p := range c.Sources {
			c.Sources[p] = model.SourceStatus{State: model.StateSyncing}
		}
		if e.noAccess != "" {
			for p := range c.Sources {
				c.Sources[p] = model.SourceStatus{State: model.StateNoAccess, Reason: e.noAccess}
			}
		}
	}
	c.Hub, c.Managed = e.hub, e.managed
	if c.Context == "" && e.hub {
		c.Context, c.Server = m.opts.Hub.Context, m.opts.Hub.Server
	}
	switch {
	case e.hub:
		c.Access = m.opts.Hub.Access
	case e.cancel != nil:
		c.Access, c.AccessNote = e.conn.Access, e.conn.Note
	default:
		c.Access, c.AccessNote = model.AccessHub, e.noAccess
	}
	switch {
	case e.hub:
		c.Sources[model.ProductACM] = m.acm
	case e.managed != nil:
		c.Sources[model.ProductACM] = model.SourceStatus{State: model.StateReady, Updated: c.Updated}
	}
	m.attachPolicies(e, &c)
	c.Summary = model.Summarize(&c)
	health.CorrelatePolicies(&c)
	e.composed = &c
	m.roster.set(e.composed)
	m.markDirty()
}

func (m *Manager) markDirty() {
	select {
	case m.dirty <- struct{}{}:
	default:
	}
}

// publishLoop turns bursts of cluster changes into one new Fleet each.
func (m *Manager) publishLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-m.dirty:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(50 * time.Millisecond):
		}
		m.publish(m.buildFleet())
	}
}

// buildFleet returns the next Fleet: a copy of the roster's cluster pointers, nothing
// recomputed (see roster).
func (m *Manager) buildFleet() *model.Fleet {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gen++
	clusters, remote := m.roster.snapshot()
	return &model.Fleet{
		Generation: m.gen, HubName: m.opts.Hub.Cluster, HubContext: m.opts.Hub.Context,
		Demo: m.opts.Demo, Note: m.note, Clusters: clusters, Remote: remote,
	}
}

// publish hands f to the reader, replacing a fleet it has not taken yet.
func (m *Manager) publish(f *model.Fleet) {
	m.latest.Store(f)
	select {
	case m.updates <- f:
		return
	default:
	}
	select {
	case <-m.updates:
	default:
	}
	select {
	case m.updates <- f:
	default:
	}
}
