package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// probeApp is an Application in its own namespace, Synced and Healthy, deploying to its own
// cluster.
func probeApp(t *testing.T, namespace, name string) *unstructured.Unstructured {
	t.Helper()
	app := example(t, "argocd-application-synced-healthy")[0]
	app.SetNamespace(namespace)
	app.SetName(name)
	_ = unstructured.SetNestedMap(app.Object, map[string]any{"server": "https://kubernetes.default.svc", "namespace": namespace}, "spec", "destination")
	return app
}

// applicationWatchedNotListed checks in a plane's audit log that mcgtui's user watched
// Applications, and made no list or get of them after the first n events: a change arrived
// through the watch, not a poll.
func applicationWatchedNotListed(t *testing.T, p *Plane, after int) {
	t.Helper()
	events := p.auditEvents(t)
	watched := false
	for i, e := range events {
		if e.User.Username != mcgtuiUser || e.ObjectRef == nil || e.ObjectRef.Resource != "applications" {
			continue
		}
		if e.Verb == "watch" {
			watched = true
		}
		if i >= after && (e.Verb == "list" || e.Verb == "get") {
			t.Errorf("%s: mcgtui read Applications again (%s %s) instead of watching", p.Name, e.Verb, e.RequestURI)
		}
	}
	if !watched {
		t.Errorf("%s: the audit log holds no watch of Applications by %s", p.Name, mcgtuiUser)
	}
}

// Watch, not poll: an Application changed through the API on a spoke reaches the open
// dashboard within seconds (far below mcgtui's 30 s re-evaluation), and the spoke's audit log
// shows that mcgtui watched Applications and did not list or get them again to see the change.
// Quitting with q exits 0.
func TestWatchNotPoll(t *testing.T) {
	s := requireSuite(t)
	ns := uniqueName(t, "e2e")
	const name = "watch-probe"
	s.East.Create(t, probeApp(t, ns, name))

	u := s.dashboard(t, s.kubeconfigFor(t, nil))
	u.WaitFor(60*time.Second, "Fleet (3)")
	u.command("apps")
	u.WaitFor(screenWait, "Apps · all clusters")
	u.filter(name)
	u.waitRow(60*time.Second, eastName, "Synced and Healthy", func(r string) bool {
		return hasWords(r, name, "Synced", "Healthy", "OK")
	})

	mark := len(s.East.auditEvents(t))
	s.East.Patch(t, "argoproj.io/v1alpha1", "Application", ns, name,
		`{"status":{"sync":{"status":"OutOfSync"},"health":{"status":"Degraded","message":"probe pod crash-looping"}}}`, false)
	start := time.Now()
	r := u.waitRow(screenWait, eastName, "OutOfSync and Degraded", func(r string) bool {
		return hasWords(r, name, "OutOfSync", "Degraded") && strings.Contains(r, "Critical: Degraded")
	})
	t.Logf("the change reached the screen in %s: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(r))
	applicationWatchedNotListed(t, s.East, mark)
	u.quit()
}

// managedClusterConditions returns a ManagedCluster's status.conditions as stored on the hub.
func managedClusterConditions(t *testing.T, hub *Plane, name string) []any {
	t.Helper()
	mc, err := hub.Dyn.Resource(managedClustersGVR).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("ManagedCluster %s: %v", name, err)
	}
	conds, _, err := unstructured.NestedSlice(mc.Object, "status", "conditions")
	if err != nil || len(conds) == 0 {
		t.Fatalf("ManagedCluster %s has no conditions (%v)", name, err)
	}
	return conds
}

// setManagedClusterConditions merge-patches status.conditions (a list: replaced as a whole)
// through the status subresource.
func setManagedClusterConditions(t *testing.T, hub *Plane, name string, conds []any) {
	t.Helper()
	patch, err := json.Marshal(map[string]any{"status": map[string]any{"conditions": conds}})
	if err != nil {
		t.Fatal(err)
	}
	hub.Patch(t, "cluster.open-cluster-management.io/v1", "ManagedCluster", "", name, string(patch), true)
}

// withCondition returns conds with the condition of the same type replaced by c.
func withCondition(conds []any, c map[string]any) []any {
	out := make([]any, 0, len(conds))
	for _, x := range conds {
		if m, ok := x.(map[string]any); ok && m["type"] == c["type"] {
			continue
		}
		out = append(out, x)
	}
	return append(out, c)
}

// The fleet is the hub's ManagedClusters: the hub and both spokes are rows on the screen and in
// `status -o json` (kind Cluster for the hub, ManagedCluster for the spokes). When the hub
// flips cluster-west's ManagedClusterConditionAvailable to Unknown (the agent stopped renewing
// its lease), the open dashboard turns that row Critical with the reason, and `status -o json`
// gives the ManagedCluster row verdict Critical. The condition is restored afterwards.
func TestFleetFollowsManagedClusters(t *testing.T) {
	s := requireSuite(t)
	kc := s.kubeconfigFor(t, nil)

	u := s.dashboard(t, kc)
	u.WaitFor(60*time.Second, "Fleet (3)", "3 clusters · 3 available")
	for _, name := range []string{"hub (hub)", eastName, westName} {
		u.waitRow(60*time.Second, name, "listed", func(string) bool { return true })
	}
	u.waitRow(60*time.Second, westName, "available", func(r string) bool { return hasWords(r, "True") })

	doc, r := s.statusJSON(t, kc)
	if r.code != 0 && r.code != 1 {
		t.Fatalf("status: exit %d\nstderr: %s", r.code, r.stderr)
	}
	doc.find(t, hubName, "Cluster", "", hubName)
	for _, spoke := range []string{eastName, westName} {
		if row := doc.find(t, spoke, "ManagedCluster", "", spoke); strings.Contains(row.Reason, "ManagedClusterLeaseUpdateStopped") {
			t.Fatalf("%s before the change: %+v", spoke, row)
		}
	}

	original := managedClusterConditions(t, s.Hub, westName)
	t.Cleanup(func() { setManagedClusterConditions(t, s.Hub, westName, original) })
	setManagedClusterConditions(t, s.Hub, westName, withCondition(original, map[string]any{
		"type":               "ManagedClusterConditionAvailable",
		"status":             "Unknown",
		"reason":             "ManagedClusterLeaseUpdateStopped",
		"message":            "Registration agent stopped updating its lease.",
		"lastTransitionTime": time.Now().UTC().Format(time.RFC3339),
	}))

	row := u.waitRow(screenWait, westName, "Critical with the lease reason", func(r string) bool {
		return hasWords(r, "Unknown") && strings.Contains(r, "Critical: ManagedClusterLeaseUpdateStopped")
	})
	t.Logf("row: %s", strings.TrimSpace(row))
	u.WaitFor(screenWait, "3 clusters · 2 available")
	if east, _ := tableRow(u.Screen(), eastName); strings.Contains(east, "ManagedClusterLeaseUpdateStopped") {
		t.Errorf("cluster-east took cluster-west's condition: %s", east)
	}

	doc, r = s.statusJSON(t, kc)
	if r.code != 1 {
		t.Errorf("status with a Critical cluster: exit %d, want 1\nstderr: %s", r.code, r.stderr)
	}
	west := doc.find(t, westName, "ManagedCluster", "", westName)
	if west.Verdict != "Critical" || !strings.Contains(west.Reason, "ManagedClusterLeaseUpdateStopped") {
		t.Errorf("ManagedCluster %s: %s %q, want Critical for ManagedClusterLeaseUpdateStopped", westName, west.Verdict, west.Reason)
	}

	// The lease is renewed again: the row follows back (the Cleanup above restores it anyway).
	setManagedClusterConditions(t, s.Hub, westName, original)
	u.waitRow(screenWait, westName, "available again", func(r string) bool {
		return hasWords(r, "True") && !strings.Contains(r, "ManagedClusterLeaseUpdateStopped")
	})
	u.WaitFor(screenWait, "3 clusters · 3 available")
	u.quit()
}
