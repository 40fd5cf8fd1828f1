package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

const (
	hubBName = "hub-b"
	ctxUser  = "mcgtui-ctx" // this test's own user: its requests are told apart in the audit logs
)

// hubBClusters are the ManagedClusters of the second hub: none of them is the first hub's, and
// none has a context (their URLs answer nothing), so they are listed from the hub's facts.
var hubBClusters = []string{"cluster-south", "cluster-north"}

// startHubB starts a second hub, its own control plane with the hub's CRDs, holding
// hubBClusters; it is stopped when the test ends.
func startHubB(t *testing.T, s *Suite) *Plane {
	t.Helper()
	p, err := startPlane(s, hubBName, hubCRDs())
	if p != nil {
		t.Cleanup(p.stop)
	}
	if err != nil {
		t.Fatalf("starting %s: %v", hubBName, err)
	}
	ctx := context.Background()
	for i, name := range hubBClusters {
		mc, err := managedClusterFor(name, fmt.Sprintf("https://127.0.0.1:%d", 9+i))
		if err != nil {
			t.Fatal(err)
		}
		status := mc.Object["status"]
		created, err := p.Dyn.Resource(managedClustersGVR).Create(ctx, mc, metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("ManagedCluster %s on %s: %v", name, hubBName, err)
		}
		created.Object["status"] = status
		if _, err := p.Dyn.Resource(managedClustersGVR).UpdateStatus(ctx, created, metav1.UpdateOptions{}); err != nil {
			t.Fatalf("ManagedCluster %s status on %s: %v", name, hubBName, err)
		}
	}
	return p
}

// ctxKubeconfig writes a kubeconfig with a context per plane for ctxUser, the first hub's
// current.
func ctxKubeconfig(t *testing.T, planes ...*Plane) string {
	t.Helper()
	cfg := clientcmdapi.NewConfig()
	for _, p := range planes {
		rc, err := p.User(ctxUser, readerRole)
		if err != nil {
			t.Fatalf("user %s on %s: %v", ctxUser, p.Name, err)
		}
		addContext(cfg, p.Name, rc)
	}
	cfg.CurrentContext = hubName
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// `:ctx` in the real binary, in a real terminal, between two real hubs: the dashboard opens on
// the first hub (its two spokes watched through their contexts), `:ctx` lists the
// kubeconfig's four contexts with the first hub's marked, `/` and enter pick the second hub,
// and the fleet page shows the second hub's clusters, without a restart. Every request of the
// first fleet to the first hub and its spokes has ended by then (their audit logs hold a
// ResponseComplete for each watch), none is made afterwards, and the second hub is watched.
func TestCtxSwitchesHubsInARealTerminal(t *testing.T) {
	s := requireSuite(t)
	hubB := startHubB(t, s)
	first := []*Plane{s.Hub, s.East, s.West}
	d := s.dashboard(t, ctxKubeconfig(t, s.Hub, s.East, s.West, hubB))
	d.fleetReady()

	d.command("ctx")
	scr := d.WaitFor(termWait, "Contexts (4)", "NAME", "CLUSTER", "USER", hubName+" (current)", hubBName, eastName, westName)
	if strings.Contains(scr, "cluster-south") {
		t.Fatalf("the contexts page shows the second hub's clusters:\n%s", scr)
	}
	d.filter(hubBName)
	d.WaitFor(termWait, "Contexts (1 of 4)")
	d.Keys("Enter")
	d.WaitFor(termWait, "the hub is now context "+hubBName)
	switched := time.Now()

	scr = d.WaitUntil(termWait, "the second hub's fleet, synced", func(scr string) bool {
		return hasAll(scr, "context "+hubBName, "3 clusters", "Fleet (3)", "cluster-south", "cluster-north", hubBName+" (hub)") &&
			!strings.Contains(scr, "Syncing") && !strings.Contains(scr, eastName) && !strings.Contains(scr, westName)
	})
	if strings.Contains(scr, "had not stopped") {
		t.Fatalf("the switch says the old fleet did not stop:\n%s", scr)
	}
	t.Logf("after the switch:\n%s", scr)

	for _, p := range first {
		if watchesBy(t, p) == 0 {
			t.Fatalf("%s: the first fleet made no watch as %s: the checks below would prove nothing", p.Name, ctxUser)
		}
		d.WaitUntil(termWait, "every watch of the first fleet on "+p.Name+" ended", func(string) bool {
			return len(openWatches(t, p)) == 0
		})
		for _, e := range p.auditEvents(t) {
			if e.User.Username == ctxUser && e.Stage == "RequestReceived" && e.StageTimestamp.After(switched) {
				t.Errorf("%s: the old fleet asked again after the switch: %s %s", p.Name, e.Verb, e.RequestURI)
			}
		}
	}
	if watched := watchesBy(t, hubB); watched == 0 {
		t.Errorf("%s: the new fleet made no watch", hubBName)
	}
	d.quit()
	d.WaitUntil(termWait, "every watch of the second fleet on "+hubBName+" ended after q", func(string) bool {
		return len(openWatches(t, hubB)) == 0
	})
}

// openWatches lists the watches of ctxUser on p that started and have not completed.
func openWatches(t *testing.T, p *Plane) []string {
	t.Helper()
	started := map[string]string{}
	for _, e := range p.auditEvents(t) {
		if e.User.Username != ctxUser || e.Verb != "watch" {
			continue
		}
		switch e.Stage {
		case "RequestReceived":
			started[e.AuditID] = e.RequestURI
		case "ResponseComplete", "Panic":
			delete(started, e.AuditID)
		}
	}
	var out []string
	for _, uri := range started {
		out = append(out, uri)
	}
	return out
}

// watchesBy counts the watches ctxUser started on p.
func watchesBy(t *testing.T, p *Plane) int {
	t.Helper()
	n := 0
	for _, e := range p.auditEvents(t) {
		if e.User.Username == ctxUser && e.Verb == "watch" && e.Stage == "RequestReceived" {
			n++
		}
	}
	return n
}
