package fleet

import (
	"context"
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// ProxyPaths builds connections through the hub's cluster-proxy (clusterproxy.Resolver).
type ProxyPaths interface {
	Conn(cluster string) (kube.Conn, bool, string)
}

// PathConnector picks each cluster's path, best first: its kubeconfig context, then the hub's
// cluster-proxy, else hub facts only with every reason why not. force maps a cluster to the
// one path it must take (config clusters.NAME.access); proxy may be nil.
func PathConnector(contexts Connector, proxy ProxyPaths, force map[string]model.Access) Connector {
	return func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
		want := force[mc.Name]
		var whys []string
		if want == "" || want == model.AccessContext {
			conn, ok, why := contexts(mc)
			if ok {
				return conn, true, ""
			}
			whys = append(whys, why)
		}
		if (want == "" || want == model.AccessProxy) && proxy != nil {
			conn, ok, why := proxy.Conn(mc.Name)
			if ok {
				return conn, true, ""
			}
			whys = append(whys, why)
		} else if want == model.AccessProxy {
			whys = append(whys, "no cluster-proxy endpoint configured")
		}
		if want == model.AccessHub {
			whys = append(whys, fmt.Sprintf("clusters.%s.access is hub", mc.Name))
		}
		return kube.Conn{}, false, strings.Join(whys, "; ")
	}
}

// reconnectLoop asks Connect again whenever opts.Reconnect is signalled.
func (m *Manager) reconnectLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-m.opts.Reconnect:
		}
		m.reconnectAll()
	}
}

// reconnectAll switches every managed cluster whose best path changed.
func (m *Manager) reconnectAll() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ctx.Err() != nil {
		return
	}
	for _, e := range m.entries {
		if e.hub || e.managed == nil {
			continue
		}
		if m.connect(e, e.managed) {
			m.compose(e)
		}
	}
}

// connect asks Connect for e's path and starts (or switches to) its source; it reports
// whether anything changed. The caller holds m.mu.
func (m *Manager) connect(e *entry, mc *model.ManagedCluster) bool {
	conn, ok, why := m.opts.Connect(mc)
	if ok {
		conn.Cluster = mc.Name
	}
	running := e.cancel != nil
	if e.parked.Access != "" && ok && conn.Server == e.parked.Server && !e.entered {
		conn.Close() // still parked: nothing changed
		return false
	}
	switch {
	case ok && running && conn.Access == e.conn.Access && conn.Server == e.conn.Server && conn.Context == e.conn.Context:
		conn.Close()
		changed := e.conn.Note != conn.Note
		e.conn.Note = conn.Note
		return changed
	case !ok && !running:
		changed := e.noAccess != why
		e.noAccess = why
		return changed
	}
	m.stopSource(e)
	e.noAccess = ""
	switch {
	case ok && conn.Access == model.AccessProxy && !e.entered && m.proxyWatched >= m.opts.MaxProxyWatched:
		e.parked = conn
		e.noAccess = fmt.Sprintf("cluster-proxy available but not watched: %d clusters are watched through it already (the bound); opening the cluster watches it", m.proxyWatched)
	case ok:
		m.conns[mc.Name] = conn
		m.startSourceFor(e, conn)
	default:
		e.noAccess = why
	}
	return true
}

// stopSource stops e's source, if any, and forgets its parked connection. The caller holds
// m.mu.
func (m *Manager) stopSource(e *entry) {
	e.parked.Close()
	e.parked = kube.Conn{}
	if e.cancel == nil {
		return
	}
	e.cancel() // its source closes its connection when it has stopped
	if e.conn.Access == model.AccessProxy {
		m.proxyWatched--
	}
	e.cancel, e.conn, e.raw = nil, kube.Conn{}, nil
	e.srcID++ // whatever the stopped source still publishes is dropped
	delete(m.conns, e.name)
}

// noWritePath explains why nothing can be changed on a cluster and how to get a path that
// can: actions need the cluster's own API server, through a context or cluster-proxy.
func (m *Manager) noWritePath(cluster string) string {
	m.mu.Lock()
	e := m.entries[cluster]
	why := ""
	if e != nil {
		why = e.noAccess
	}
	m.mu.Unlock()
	if e == nil {
		return "no access to cluster " + cluster
	}
	msg := "no write path to " + cluster + ": it is reached through hub facts only"
	if why != "" {
		msg += " (" + why + ")"
	}
	return msg + "; to act on it, add a kubeconfig context for it, or reach it through cluster-proxy (the addon Available, and patch rights granted to you there with a ClusterPermission)"
}
