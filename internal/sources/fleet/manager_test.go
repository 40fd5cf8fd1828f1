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

// startDemo runs a manager on the demo fleet's fake clients and returns it once settled.
// Stopping it is checked for leaked goroutines.
func startDemo(t *testing.T, hubOverride *kube.Conn) *fleet.Manager {
	t.Helper()
	f := demo.Build(demo.Options{Now: time.Now()})
	hub, spokes := demo.Conns(f)
	if hubOverride != nil {
		hub = *hubOverride
	}
	byName := map[string]kube.Conn{}
	for _, c := range spokes {
		byName[c.Cluster] = c
	}
	m := fleet.New(fleet.Options{
		Hub: hub, Demo: true, Coalesce: 10 * time.Millisecond,
		Connect: func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
			c, ok := byName[mc.Name]
			return c, ok, "no kubeconfig context for " + mc.Name
		},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
		goleak.VerifyNone(t, goleak.IgnoreCurrent())
	})
	deadline := time.After(20 * time.Second)
	for !fleet.Settled(m.Latest()) {
		select {
		case <-deadline:
			t.Fatal("fleet never settled")
		case <-time.After(20 * time.Millisecond):
		}
	}
	return m
}

func TestManagerComposesTheDemoFleet(t *testing.T) {
	m := startDemo(t, nil)
	f := m.Latest()
	if len(f.Clusters) != 10 || !f.Clusters[0].Hub || f.HubName != demo.HubName {
		t.Fatalf("want hub first plus 9 managed clusters, got %d (first %q)", len(f.Clusters), f.Clusters[0].Name)
	}
	for _, c := range f.Clusters[1:] {
		if c.Managed == nil || c.Sources[model.ProductACM].State != model.StateReady {
			t.Errorf("%s: no hub-side ManagedCluster record", c.Name)
		}
		for _, a := range c.Apps {
			if a.Cluster != c.Name {
				t.Errorf("app %s on %s carries cluster %q", a.Name, c.Name, a.Cluster)
			}
		}
	}

	edge := f.Cluster("cluster-edge-9")
	if edge == nil || edge.Sources[model.ProductArgoCD].State != model.StateNoAccess ||
		!strings.Contains(edge.Sources[model.ProductArgoCD].Reason, "no kubeconfig context") {
		t.Fatalf("cluster without a context must say no access: %+v", edge)
	}
	if got := f.AppsFor(edge); got.Total == 0 {
		t.Error("hub apps that deploy to cluster-edge-9 are not counted on its row")
	}

	west := f.Cluster("cluster-west-2")
	if west.Summary.Health.Verdict != model.VerdictCritical || !strings.Contains(west.Summary.Health.Reason, "ManagedClusterLeaseUpdateStopped") {
		t.Errorf("lease-stopped cluster: %+v", west.Summary.Health)
	}
	gcp := f.Cluster("cluster-gcp-eu")
	if gcp.Summary.Secrets.Problems == 0 || gcp.Summary.Stores.Problems == 0 {
		t.Errorf("invalid Vault store not reflected: %+v", gcp.Summary)
	}
}

func TestFetchYAMLReadsObjectsButNeverSecrets(t *testing.T) {
	m := startDemo(t, nil)
	f := m.Latest()
	app := f.Cluster("cluster-azure-eu").Apps[0]
	y, err := m.FetchYAML(context.Background(), app.Ref)
	if err != nil || !strings.Contains(y, "kind: Application") || strings.Contains(y, "managedFields") {
		t.Fatalf("FetchYAML: %v\n%s", err, y)
	}
	if _, err := m.FetchYAML(context.Background(), model.Ref{Cluster: "cluster-azure-eu", APIVersion: "v1", Resource: "secrets", Namespace: "payments", Name: "x"}); err == nil {
		t.Fatal("FetchYAML read a Secret")
	}
	if _, err := m.FetchYAML(context.Background(), model.Ref{Cluster: "cluster-edge-9", APIVersion: "v1", Resource: "configmaps", Name: "x"}); err == nil {
		t.Fatal("FetchYAML on a cluster without access must fail")
	}
}

func TestContextWithoutACMIsAOneClusterFleet(t *testing.T) {
	f := demo.Build(demo.Options{Now: time.Now()})
	_, spokes := demo.Conns(f)
	plain := spokes[0] // a managed cluster's API: no ManagedCluster CRD there
	plain.Cluster, plain.OCM = "plain", nil
	m := startDemo(t, &plain)
	fl := m.Latest()
	if len(fl.Clusters) != 1 || fl.Note == "" || fl.Clusters[0].Sources[model.ProductACM].State != model.StateNotInstalled {
		t.Fatalf("want one cluster with a note and ACM NotInstalled, got %d clusters, note %q", len(fl.Clusters), fl.Note)
	}
	if len(fl.Clusters[0].Apps) == 0 {
		t.Fatal("the one cluster's apps are missing")
	}
}

// A manager started after a context switch continues the old fleet's numbering: its first
// fleet is a generation above the old fleet's last, so the views drop the old one's late
// snapshots by generation alone.
func TestContinueAfterNumbersFleetsAfterTheOldFleet(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	f := demo.Build(demo.Options{Now: time.Now()})
	hub, _ := demo.Conns(f)
	m := fleet.New(fleet.Options{Hub: hub, Demo: true, Coalesce: 10 * time.Millisecond})
	const oldLast = 41
	m.ContinueAfter(oldLast)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	defer func() { cancel(); <-done }()
	select {
	case first := <-m.Updates():
		if first.Generation <= oldLast {
			t.Fatalf("a fleet after ContinueAfter(%d) is generation %d, want above %d", oldLast, first.Generation, oldLast)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no fleet published")
	}
}
