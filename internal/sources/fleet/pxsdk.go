package fleet

import (
	"context"
	"os"
	"sync"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
	"github.com/mcgtui/mcgtui/internal/sources/pxsdk"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// PortworxOpeners chooses how each cluster's Portworx SDK is reached: through the API
// server's service proxy, or — when token(cluster) gives a token, since the proxy cannot carry
// one — through a port-forward to a portworx-api pod. Connections without a client
// configuration (fake clients) get none.
func PortworxOpeners(token func(cluster string) string) func(kube.Conn) pxsdk.Opener {
	return func(conn kube.Conn) pxsdk.Opener {
		if conn.REST == nil {
			return nil
		}
		cfg := rest.CopyConfig(conn.REST)
		cs, err := kubernetes.NewForConfig(cfg)
		if err != nil {
			return nil
		}
		if t := token(conn.Cluster); t != "" {
			return pxsdk.PortForward{Config: cfg, Client: cs, Token: t}
		}
		return pxsdk.ServiceProxy{Client: cs.CoreV1().RESTClient()}
	}
}

// PortworxTokenEnv is the environment variable holding the Portworx SDK token for clusters
// whose config names no other.
const PortworxTokenEnv = "MCGTUI_PORTWORX_TOKEN"

// EnvTokens returns the token lookup: the variable perCluster names for a cluster, else
// MCGTUI_PORTWORX_TOKEN. Tokens come from the user's environment only, never from a Secret.
func EnvTokens(perCluster map[string]string) func(cluster string) string {
	return func(cluster string) string {
		if env := perCluster[cluster]; env != "" {
			return os.Getenv(env)
		}
		return os.Getenv(PortworxTokenEnv)
	}
}

// pollers holds each cluster's SDK poller.
type pollers struct{ m sync.Map } // cluster name → *pxsdk.Poller

func (p *pollers) get(name string) *pxsdk.Poller {
	v, ok := p.m.Load(name)
	if !ok {
		return nil
	}
	return v.(*pxsdk.Poller)
}

// startPoller creates and runs the cluster's SDK poller, when the manager has openers; a new
// poll result asks the cluster's source for a new snapshot.
func (m *Manager) startPoller(ctx context.Context, conn kube.Conn, src *kube.ClusterSource) {
	if m.opts.Portworx == nil {
		return
	}
	opener := m.opts.Portworx(conn)
	if opener == nil {
		return
	}
	p := pxsdk.NewPoller(conn.Cluster, opener, src.Refresh)
	p.Now = m.opts.Now
	m.pollers.m.Store(conn.Cluster, p)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		p.Run(ctx)
		m.pollers.m.CompareAndDelete(conn.Cluster, p)
	}()
}

// joinPortworx tells the cluster's poller where Portworx runs and joins its latest poll into
// a snapshot under construction (before the health rules run).
func (m *Manager) joinPortworx(s *model.ClusterSnapshot) {
	p := m.pollers.get(s.Name)
	if p == nil {
		return
	}
	ns := ""
	if len(s.StorageClusters) > 0 {
		ns = s.StorageClusters[0].Namespace
	}
	p.SetNamespace(ns)
	latest := p.Latest()
	if latest == nil && ns != "" {
		// The first poll is under way: Syncing, so that status waits for it (Settled).
		latest = &model.PortworxSDK{Namespace: ns, Source: model.SourceStatus{State: model.StateSyncing, Since: s.Updated}}
	}
	pxsdk.Join(s, latest)
}

// PollPortworx asks one cluster's SDK poller for a poll now (a user's refresh); "" asks every
// cluster's.
func (m *Manager) PollPortworx(cluster string) {
	m.pollers.m.Range(func(k, v any) bool {
		if cluster == "" || k.(string) == cluster {
			v.(*pxsdk.Poller).Poll()
		}
		return true
	})
}

// SetPortworxActive turns periodic SDK polling on every cluster on while a Portworx page is
// open, and off when it closes.
func (m *Manager) SetPortworxActive(on bool) {
	m.pollers.m.Range(func(_, v any) bool {
		v.(*pxsdk.Poller).SetActive(on)
		return true
	})
}
