package fleet

import (
	"sort"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// With only the hub's credentials on a large hub, every cluster could be watched through
// cluster-proxy: at 3,500 clusters that is some 42,000 watches through one proxy. So at most
// MaxProxyWatched clusters are watched through it at once; the others show hub facts and say
// why, and are watched when the user opens them (Enter). A cluster left (Leave) keeps its
// watch for ProxyLinger, so that going back is instant, and is then stopped if the bound
// needs its place.

// Enter tells the manager that the user opened a cluster: one reached through cluster-proxy
// but parked by the bound is watched now.
func (m *Manager) Enter(cluster string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.entries[cluster]
	if e == nil || e.hub || m.ctx == nil || m.ctx.Err() != nil {
		return
	}
	e.entered, e.lastUse = true, m.opts.Now()
	if e.cancel == nil && e.parked.Access == model.AccessProxy {
		conn := e.parked
		e.parked = kube.Conn{} // handed over to the source below, not closed
		e.noAccess = ""
		m.conns[cluster] = conn
		m.startSourceFor(e, conn)
		m.compose(e)
	}
	m.evictLocked()
}

// Leave tells the manager that the user left a cluster; its proxy watch may be stopped
// ProxyLinger later if the bound needs its place.
func (m *Manager) Leave(cluster string) {
	m.mu.Lock()
	e := m.entries[cluster]
	if e == nil || !e.entered {
		m.mu.Unlock()
		return
	}
	e.entered, e.lastUse = false, m.opts.Now()
	if e.linger != nil {
		e.linger.Stop()
	}
	e.linger = time.AfterFunc(m.opts.ProxyLinger, func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.evictLocked()
	})
	m.mu.Unlock()
}

// stopLingers stops every pending linger timer (the manager is stopping).
func (m *Manager) stopLingers() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if e.linger != nil {
			e.linger.Stop()
		}
	}
}

// evictLocked parks proxy-watched clusters, least recently used first, while more than the
// bound are watched; clusters open or used within ProxyLinger are kept even over the bound.
// The caller holds m.mu.
func (m *Manager) evictLocked() {
	over := m.proxyWatched - m.opts.MaxProxyWatched
	if over <= 0 || m.ctx == nil || m.ctx.Err() != nil {
		return
	}
	now := m.opts.Now()
	var idle []*entry
	for _, e := range m.entries {
		if e.cancel != nil && e.conn.Access == model.AccessProxy && !e.entered && now.Sub(e.lastUse) >= m.opts.ProxyLinger {
			idle = append(idle, e)
		}
	}
	sort.Slice(idle, func(i, j int) bool { return idle[i].lastUse.Before(idle[j].lastUse) })
	for _, e := range idle[:min(over, len(idle))] {
		m.stopSource(e)
		// A new connection like the stopped one, kept ready for the next Enter.
		if c, ok, _ := m.opts.Connect(e.managed); ok && c.Access == model.AccessProxy {
			c.Cluster = e.name
			e.parked = c
		}
		e.noAccess = "cluster-proxy watch stopped after the cluster was left (bound reached); opening the cluster watches it again"
		m.compose(e)
	}
}
