package fleet_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// At most MaxProxyWatched clusters are watched through cluster-proxy; another is watched
// when entered, and once left for longer than the linger the least recently used proxy
// watch beyond the bound is stopped.
func TestProxyWatchesAreBoundedAndOnDemand(t *testing.T) {
	f := demo.Build(demo.Options{Now: time.Now()})
	hub, spokes := demo.Conns(f)
	byName := map[string]kube.Conn{}
	for _, c := range spokes {
		byName[c.Cluster] = c
	}
	const a, b = "cluster-azure-eu", "cluster-gcp-eu"
	contexts := func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
		c, ok := byName[mc.Name]
		if !ok || mc.Name == a || mc.Name == b {
			return kube.Conn{}, false, "no kubeconfig context for " + mc.Name
		}
		c.Access = model.AccessContext
		return c, true, ""
	}
	proxy := &switchableProxy{conns: byName, on: map[string]bool{a: true, b: true}}
	m := fleet.New(fleet.Options{
		Hub: hub, Demo: true, Coalesce: 10 * time.Millisecond, MaxProxyWatched: 1, ProxyLinger: time.Second,
		Connect: fleet.PathConnector(contexts, proxy, nil),
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	defer func() { cancel(); <-done; goleak.VerifyNone(t, goleak.IgnoreCurrent()) }()

	watched := func(f *model.Fleet, name string) bool {
		c := f.Cluster(name)
		return c != nil && c.Access == model.AccessProxy && c.Sources[model.ProductArgoCD].State == model.StateReady
	}
	parked := func(f *model.Fleet, name, why string) bool {
		c := f.Cluster(name)
		return c != nil && c.Access == model.AccessHub && strings.Contains(c.AccessNote, why)
	}
	fl := waitFleet(t, m, "one watched through the proxy, the other parked", func(f *model.Fleet) bool {
		return fleet.Settled(f) && ((watched(f, a) && parked(f, b, "not watched")) || (watched(f, b) && parked(f, a, "not watched")))
	})
	first, second := a, b
	if watched(fl, b) {
		first, second = b, a
	}
	time.Sleep(1100 * time.Millisecond) // the first watch is idle for longer than the linger
	m.Enter(second)
	waitFleet(t, m, "the entered cluster watched, the idle one stopped to keep the bound", func(f *model.Fleet) bool {
		return watched(f, second) && parked(f, first, "watch stopped after the cluster was left")
	})
	m.Leave(second)
	m.Enter(first)
	waitFleet(t, m, "both watched while the one just left lingers", func(f *model.Fleet) bool {
		return watched(f, first) && watched(f, second)
	})
	waitFleet(t, m, "the one left stopped after the linger", func(f *model.Fleet) bool {
		return watched(f, first) && parked(f, second, "watch stopped")
	})
}
