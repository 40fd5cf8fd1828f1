package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/model"
)

// apiStandIn is an HTTP server that answers every request with 503, counting them: a hub
// that is there but never serves, so that the fleet's sources keep asking it (with backoff)
// until they are stopped. The real API servers are in test/e2e (TestCtxSwitchesHubsInARealTerminal).
func apiStandIn(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		http.Error(w, "not serving", http.StatusServiceUnavailable)
	}))
	return srv, &n
}

// twoContextKubeconfig writes a kubeconfig with contexts hub-a and hub-b, each on its own
// server, hub-b with a default namespace.
func twoContextKubeconfig(t *testing.T, a, b string) string {
	t.Helper()
	cfg := clientcmdapi.NewConfig()
	for name, server := range map[string]string{"hub-a": a, "hub-b": b} {
		cfg.Clusters[name+"-cluster"] = &clientcmdapi.Cluster{Server: server}
		cfg.AuthInfos[name+"-user"] = &clientcmdapi.AuthInfo{Token: "not-a-real-token"}
		cfg.Contexts[name] = &clientcmdapi.Context{Cluster: name + "-cluster", AuthInfo: name + "-user"}
	}
	cfg.Contexts["hub-b"].Namespace = "ops"
	cfg.CurrentContext = "hub-a"
	p := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*cfg, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// nextFleet waits for the session's next fleet.
func nextFleet(t *testing.T, s *hubSession) *model.Fleet {
	t.Helper()
	select {
	case f := <-s.Updates():
		return f
	case <-time.After(20 * time.Second):
		t.Fatal("no fleet published")
		return nil
	}
}

// A switch builds the new fleet on the other context, stops every goroutine of the old one
// (its sources, watches, pollers, the proxy resolver, the forwarder and the HTTP connections),
// numbers the new fleet's snapshots after the old one's, and stops the old server being asked.
func TestSwitchContextReplacesTheFleet(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	srvA, askedA := apiStandIn(t)
	defer srvA.Close()
	srvB, askedB := apiStandIn(t)
	defer srvB.Close()
	kubeconfig := twoContextKubeconfig(t, srvA.URL, srvB.URL)
	baseline := goleak.IgnoreCurrent()

	o := options{kubeconfig: kubeconfig, readOnly: true, cfg: config.Config{}}
	o.overrides.ClusterInfo.Server = srvA.URL // --server: for the first context only
	o.overrides.AuthInfo.Token = "flag-token" // --token: likewise
	b, err := connectBackend(o, o.cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := newHubSession(ctx, o, b)
	stopped := false
	defer func() {
		if !stopped {
			cancel()
			s.wait(switchStopLimit)
		}
	}()
	if f := nextFleet(t, s); f.HubContext != "hub-a" {
		t.Fatalf("first fleet is on %q", f.HubContext)
	}

	l, err := s.Contexts()
	if err != nil || l.Current != "hub-a" || len(l.Contexts) != 2 || l.Contexts[1].Name != "hub-b" ||
		l.Contexts[1].Cluster != "hub-b-cluster" || l.Contexts[1].User != "hub-b-user" || l.Contexts[1].Namespace != "ops" {
		t.Fatalf("Contexts() = %+v, %v", l, err)
	}

	if _, err := s.SwitchContext("nope"); err == nil || !strings.Contains(err.Error(), `context "nope" not found in kubeconfig`) {
		t.Fatalf("a switch to a context that does not exist: %v", err)
	}
	if s.current() != b {
		t.Fatal("a refused switch replaced the running fleet")
	}

	res, err := s.SwitchContext("hub-b")
	if err != nil {
		t.Fatal(err)
	}
	if res.Context != "hub-b" || res.After == 0 || !strings.Contains(res.Note, "--server, --token applied to the first context only") ||
		strings.Contains(res.Note, "had not stopped") {
		t.Fatalf("SwitchContext = %+v", res)
	}
	if !b.wait(switchStopLimit) { // returns at once: the switch waited for them
		t.Fatal("the old fleet's goroutines had not all stopped when the switch returned")
	}
	asked := askedA.Load()
	f := nextFleet(t, s)
	if f.HubContext != "hub-b" || f.Generation <= res.After {
		t.Fatalf("after the switch: a fleet on %q, generation %d (the old fleet ended at %d)", f.HubContext, f.Generation, res.After)
	}
	if l, _ := s.Contexts(); l.Current != "hub-b" {
		t.Errorf("Contexts().Current = %q after the switch", l.Current)
	}
	for deadline := time.Now().Add(20 * time.Second); askedB.Load() == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) { // the new fleet asks its own server
			t.Fatal("the new fleet never asked hub-b's server")
		}
	}
	if n := askedA.Load(); n != asked {
		t.Errorf("the old hub's server was asked %d more times after the switch", n-asked)
	}

	cancel()
	s.wait(switchStopLimit)
	stopped = true
	goleak.VerifyNone(t, baseline)
}

func TestSwitchedOptionsKeepMcgtuisFlagsAndDropTheHubsConnectionFlags(t *testing.T) {
	o := options{context: "hub-a", namespace: "ops", readOnly: true, clusterContexts: []string{"east=east-admin"}}
	o.overrides.Timeout = "20s"
	o.overrides.ClusterInfo.Server = "https://10.0.0.1:6443"
	o.overrides.Context.AuthInfo = "admin"
	o.overrides.AuthInfo.Impersonate = "sre"
	got := switchedOptions(o, "hub-b")
	if got.context != "hub-b" || got.namespace != "ops" || !got.readOnly || len(got.clusterContexts) != 1 ||
		got.overrides.Timeout != "20s" || got.overrides.ClusterInfo.Server != "" || got.overrides.Context.AuthInfo != "" ||
		got.overrides.AuthInfo.Impersonate != "" {
		t.Fatalf("switchedOptions = %+v", got)
	}
	if flags := strings.Join(hubConnectionFlags(o.overrides), " "); flags != "--server --user --as" {
		t.Fatalf("hubConnectionFlags = %q", flags)
	}
}
