package e2e

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// The fleet manager, built in-process exactly as the binary builds it (kubeconfig, hub
// connection, KubeconfigConnector), against the real API servers: it settles with both spokes
// reached and their products in the right states, and once its context is cancelled Run
// returns and leaves no goroutine behind: informers, reflectors, watch streams and HTTP/2
// connections included.
func TestFleetManagerStopsWithoutLeakingGoroutines(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	kc, err := kube.LoadKubeconfig(s.kubeconfigFor(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	hub, err := kc.Conn(hubName, hubName, true)
	if err != nil {
		t.Fatal(err)
	}
	// The suite's own goroutines (envtest's processes, the admin clients' connections) were
	// started before this point and are not the manager's.
	baseline := goleak.IgnoreCurrent()

	m := fleet.New(fleet.Options{
		Hub:      hub,
		Connect:  fleet.KubeconfigConnector(kc, nil, hubName),
		Products: fleet.DefaultProducts(""),
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()

	deadline := time.Now().Add(60 * time.Second)
	for !fleet.Settled(m.Latest()) {
		if time.Now().After(deadline) {
			cancel()
			<-done
			t.Fatalf("the fleet never settled: %+v", sourceStates(m.Latest()))
		}
		time.Sleep(20 * time.Millisecond)
	}
	f := m.Latest()
	want := map[string][model.NumProducts]model.SourceState{
		hubName:  {model.ProductACM: model.StateReady, model.ProductArgoCD: model.StateReady, model.ProductESO: model.StateReady, model.ProductPortworx: model.StateReady},
		eastName: {model.ProductACM: model.StateReady, model.ProductArgoCD: model.StateReady, model.ProductESO: model.StateReady, model.ProductPortworx: model.StateReady},
		westName: {model.ProductACM: model.StateReady, model.ProductArgoCD: model.StateReady, model.ProductESO: model.StateReady, model.ProductPortworx: model.StateNotInstalled},
	}
	for name, states := range want {
		c := f.Cluster(name)
		if c == nil {
			t.Errorf("cluster %s missing from the fleet", name)
			continue
		}
		for p, st := range states {
			if got := c.Sources[p].State; got != st {
				t.Errorf("%s %s: %s (%s), want %s", name, model.Product(p), got, c.Sources[p].Reason, st)
			}
		}
	}
	if east := f.Cluster(eastName); east == nil || len(east.Apps) == 0 || len(east.Secrets) == 0 || len(east.StorageNodes) == 0 {
		t.Errorf("cluster-east's objects were not listed: %+v", east)
	}

	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return within 30s of its context ending")
	}
	goleak.VerifyNone(t, baseline)
}

// sourceStates lists every cluster's source states, for failure messages.
func sourceStates(f *model.Fleet) map[string][]string {
	out := map[string][]string{}
	if f == nil {
		return out
	}
	for _, c := range f.Clusters {
		for p, st := range c.Sources {
			out[c.Name] = append(out[c.Name], model.Product(p).String()+"="+st.State.String())
		}
	}
	return out
}
