package fleet_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// switchableProxy plays the cluster-proxy resolver: it serves the demo's connections for the
// clusters it is told are available.
type switchableProxy struct {
	mu    sync.Mutex
	conns map[string]kube.Conn
	on    map[string]bool
}

func (p *switchableProxy) Conn(name string) (kube.Conn, bool, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.conns[name]
	if !ok || !p.on[name] {
		return kube.Conn{}, false, "cluster-proxy addon not installed for " + name
	}
	c.Access, c.Context = model.AccessProxy, ""
	return c, true, ""
}

func (p *switchableProxy) set(name string, on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.on[name] = on
}

func waitFleet(t *testing.T, m *fleet.Manager, what string, ok func(f *model.Fleet) bool) *model.Fleet {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if f := m.Latest(); f != nil && ok(f) {
			return f
		}
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Each cluster takes its best path: a context where there is one, else the proxy, else hub
// facts only with every reason; a path that appears or goes away later is taken or left
// without touching the other clusters, and clusters.NAME.access forces one.
func TestPathsPerClusterAndSwitching(t *testing.T) {
	f := demo.Build(demo.Options{Now: time.Now()})
	hub, spokes := demo.Conns(f)
	hub.Access = model.AccessContext
	byName := map[string]kube.Conn{}
	for _, c := range spokes {
		c.Access = model.AccessContext
		byName[c.Cluster] = c
	}
	const viaProxy, forcedHub = "cluster-azure-eu", "cluster-gcp-eu"
	contexts := func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
		c, ok := byName[mc.Name]
		if !ok || mc.Name == viaProxy {
			return kube.Conn{}, false, "no kubeconfig context for " + mc.Name
		}
		return c, true, ""
	}
	proxy := &switchableProxy{conns: byName, on: map[string]bool{}}
	reconnect := make(chan struct{}, 1)
	m := fleet.New(fleet.Options{
		Hub: hub, Demo: true, Coalesce: 10 * time.Millisecond, Reconnect: reconnect,
		Connect: fleet.PathConnector(contexts, proxy, map[string]model.Access{forcedHub: model.AccessHub}),
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	defer func() { cancel(); <-done; goleak.VerifyNone(t, goleak.IgnoreCurrent()) }()

	fl := waitFleet(t, m, "settled", fleet.Settled)
	if c := fl.Cluster(viaProxy); c.Access != model.AccessHub ||
		c.AccessNote != "no kubeconfig context for "+viaProxy+"; cluster-proxy addon not installed for "+viaProxy {
		t.Errorf("%s without proxy: %s %q", viaProxy, c.Access, c.AccessNote)
	}
	if c := fl.Cluster(forcedHub); c.Access != model.AccessHub || !strings.Contains(c.AccessNote, "clusters."+forcedHub+".access is hub") || len(c.Apps) != 0 {
		t.Errorf("%s forced to hub: %s %q, %d apps", forcedHub, c.Access, c.AccessNote, len(c.Apps))
	}
	if c := fl.Cluster("cluster-east-1"); c.Access != model.AccessContext || fl.Clusters[0].Access != model.AccessContext {
		t.Errorf("cluster-east-1 %s, hub %s: want ctx", c.Access, fl.Clusters[0].Access)
	}
	east := fl.Cluster("cluster-east-1")
	ref := model.Ref{Cluster: forcedHub, APIVersion: "argoproj.io/v1alpha1", Resource: "applications", Kind: "Application", Namespace: "argocd", Name: "x"}
	if ok, why := fleet.NewExecutor(m, nil).Allowed(ctx, actions.Sync, m.Target(ref)); ok ||
		!strings.Contains(why, "no write path to "+forcedHub) || !strings.Contains(why, "ClusterPermission") {
		t.Errorf("sync on a hub-only cluster: allowed %v, %q", ok, why)
	}

	proxy.set(viaProxy, true)
	reconnect <- struct{}{}
	fl = waitFleet(t, m, viaProxy+" through the proxy", func(f *model.Fleet) bool {
		c := f.Cluster(viaProxy)
		return c.Access == model.AccessProxy && c.Sources[model.ProductArgoCD].State == model.StateReady && len(c.Apps) > 0
	})
	if c := fl.Cluster("cluster-east-1"); c.Generation < east.Generation || c.Access != model.AccessContext {
		t.Errorf("cluster-east-1 was restarted by another cluster's switch")
	}
	if c := fl.Cluster(forcedHub); c.Access != model.AccessHub {
		t.Errorf("%s left hub-only: %s", forcedHub, c.Access)
	}

	proxy.set(viaProxy, false)
	reconnect <- struct{}{}
	waitFleet(t, m, viaProxy+" back to hub facts", func(f *model.Fleet) bool {
		c := f.Cluster(viaProxy)
		return c.Access == model.AccessHub && len(c.Apps) == 0 && c.Sources[model.ProductArgoCD].State == model.StateNoAccess
	})
}
