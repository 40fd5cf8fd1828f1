package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
	"go.uber.org/goleak"
)

// The demo's Portworx clusters serve their SDK through the real poller and decoder: across the
// fleet there are healthy, resyncing and degraded volumes and a node with a full pool, and the
// claims carry them.
func TestDemoPortworxSDK(t *testing.T) {
	leaks := goleak.IgnoreCurrent()
	f := demo.Build(demo.Options{Seed: 1, Now: time.Now().Add(-time.Hour)})
	hub, spokes := demo.Conns(f)
	byName := map[string]kube.Conn{}
	for _, c := range spokes {
		byName[c.Cluster] = c
	}
	m := fleet.New(fleet.Options{Hub: hub, Demo: true, Portworx: demo.PortworxOpeners(),
		Connect: func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
			c, ok := byName[mc.Name]
			return c, ok, "no context"
		}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	defer func() { cancel(); <-done; goleak.VerifyNone(t, leaks) }()

	deadline := time.Now().Add(60 * time.Second)
	var fl *model.Fleet
	for time.Now().Before(deadline) {
		if fl = m.Latest(); fleet.Settled(fl) && len(fl.Clusters) > 1 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !fleet.Settled(fl) {
		t.Fatal("fleet did not settle")
	}
	states := map[string]int{}
	fullPool := 0
	for _, c := range fl.Clusters {
		if len(c.StorageClusters) == 0 {
			continue
		}
		if c.Portworx == nil || c.Portworx.Source.State != model.StateReady {
			t.Errorf("%s: SDK %+v", c.Name, c.Portworx)
			continue
		}
		for _, v := range c.Volumes {
			if v.SDK != nil {
				states[v.SDK.Replication.State]++
			}
		}
		for _, n := range c.StorageNodes {
			if n.SDK != nil && n.Health.Verdict == model.VerdictWarning {
				fullPool++
			}
		}
	}
	if states[model.ReplUp] == 0 || states[model.ReplResync] == 0 || states[model.ReplDegraded] == 0 || fullPool == 0 {
		t.Errorf("replication states %v, %d nodes with a full pool", states, fullPool)
	}
}
