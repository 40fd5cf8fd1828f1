package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// createForTest creates an object like Plane.Create and deletes it when the test ends, so that
// later tests of the run see the fleet without it. (Namespaces stay: without a namespace
// controller a deleted namespace would never finish terminating.)
func createForTest(t *testing.T, p *Plane, u *unstructured.Unstructured) {
	t.Helper()
	p.Create(t, u)
	gvr, err := gvrOf(u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		err := p.Dyn.Resource(gvr).Namespace(u.GetNamespace()).Delete(context.Background(), u.GetName(), metav1.DeleteOptions{})
		if err != nil && !apierrors.IsNotFound(err) {
			t.Errorf("%s: deleting %s %s/%s: %v", p.Name, u.GetKind(), u.GetNamespace(), u.GetName(), err)
		}
	})
}

// makeObject builds an object from its parts; status may be nil.
func makeObject(apiVersion, kind, namespace, name string, spec, status map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": apiVersion, "kind": kind,
		"metadata": map[string]any{"name": name, "namespace": namespace},
	}}
	if spec != nil {
		u.Object["spec"] = spec
	}
	if status != nil {
		u.Object["status"] = status
	}
	return u
}

// Strange but schema-valid data. The upstream CRDs type their status fields but leave the values
// open: Argo CD's sync and health statuses and operation phases, ESO's condition types and
// statuses and its refreshInterval, Portworx's phases, sizes and conditions (whose items require
// no field at all) are plain strings without enums. Each object below was accepted by the real
// API server (status written through the status subresource where the kind has one); mcgtui
// must list every one of them with a verdict that does not claim health it cannot know and a
// reason naming the odd value, exit 0 or 1 (never 2), not panic, and show the rows in the
// dashboard.
func TestStrangeButValidObjects(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	ns := uniqueName(t, "odd")
	const (
		app   = "argoproj.io/v1alpha1"
		es    = "external-secrets.io/v1"
		px    = "core.libopenstorage.org/v1"
		stamp = "2026-08-20T11:00:00Z"
	)
	appSpec := func() map[string]any {
		return map[string]any{
			"project":     "default",
			"destination": map[string]any{"server": "https://kubernetes.default.svc", "namespace": "odd"},
			"source":      map[string]any{"repoURL": "https://github.com/argoproj/argocd-example-apps.git", "path": "guestbook"},
		}
	}
	esSpec := func(interval string) map[string]any {
		return map[string]any{
			"refreshInterval": interval,
			"secretStoreRef":  map[string]any{"kind": "SecretStore", "name": "odd-store"},
			"target":          map[string]any{"name": "odd"},
			"dataFrom":        []any{map[string]any{"extract": map[string]any{"key": "odd"}}},
		}
	}
	cond := func(kv ...string) map[string]any {
		c := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			c[kv[i]] = kv[i+1]
		}
		return c
	}
	fresh := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339) // a refresh that is not stale
	healthy := map[string]any{"status": "Healthy"}
	synced := map[string]any{"status": "Synced", "revision": "53e28ff20cc530b9ada2173fbbd64d48338583ba"}

	cases := []struct {
		u       *unstructured.Unstructured
		verdict string
		reason  []string // each must be in the reason
	}{
		// Argo CD: values its enums-by-convention do not know.
		{makeObject(app, "Application", ns, "odd-sync", appSpec(), map[string]any{
			"sync": map[string]any{"status": "Banana"}, "health": healthy}),
			"Unknown", []string{"Banana"}},
		{makeObject(app, "Application", ns, "odd-health", appSpec(), map[string]any{
			"sync": synced, "health": map[string]any{"status": "Weird", "message": "nobody knows"}}),
			"Unknown", []string{"Weird"}},
		{makeObject(app, "Application", ns, "odd-operation", appSpec(), map[string]any{
			"sync": synced, "health": healthy,
			"operationState": map[string]any{"operation": map[string]any{"sync": map[string]any{}}, "phase": "Exploded", "startedAt": stamp, "message": "kaboom"}}),
			"Unknown", []string{"Exploded"}},
		{makeObject(app, "Application", ns, "odd-empty", appSpec(), map[string]any{}),
			"Unknown", []string{"no status yet"}},
		// ESO: conditions of a type nobody knows, a Ready status that is neither True, False nor
		// Unknown, a refreshInterval that is no duration, a null refreshTime.
		{makeObject(es, "ExternalSecret", ns, "odd-no-ready", esSpec("1h"), map[string]any{
			"conditions": []any{cond("type", "Bananas", "status", "True", "reason", "Ripe", "lastTransitionTime", stamp)}}),
			"Unknown", []string{"no Ready condition"}},
		{makeObject(es, "ExternalSecret", ns, "odd-ready-maybe", esSpec("1h"), map[string]any{
			"refreshTime": fresh,
			"conditions":  []any{cond("type", "Ready", "status", "Maybe", "reason", "Dunno", "lastTransitionTime", stamp)}}),
			"Unknown", []string{`"Maybe"`}},
		{makeObject(es, "ExternalSecret", ns, "odd-interval", esSpec("every tuesday"), map[string]any{
			"refreshTime": nil,
			"conditions":  []any{cond("type", "Ready", "status", "True", "reason", "SecretSynced", "lastTransitionTime", stamp)}}),
			"Unknown", []string{"refreshInterval", "every tuesday"}},
		// Portworx: a phase nobody knows, sizes that are not quantities, no status, conditions
		// of odd shapes (the CRD requires no field of a condition).
		{makeObject(px, "StorageNode", "portworx", "odd-node-phase", map[string]any{"version": "3.1.4.0-ab9c1a4"}, map[string]any{
			"phase": "Exploding", "conditions": []any{cond("type", "NodeState", "status", "Exploding", "message", "on fire")}}),
			"Warning", []string{"Exploding", "on fire"}},
		{makeObject(px, "StorageNode", "portworx", "odd-node-size", map[string]any{"version": "3.1.4.0-ab9c1a4"}, map[string]any{
			"phase": "Online", "storage": map[string]any{"totalSize": "lots", "usedSize": "-5Gi"}}),
			"Unknown", []string{"totalSize", "lots"}},
		{makeObject(px, "StorageNode", "portworx", "odd-node-bare", map[string]any{"version": "3.1.4.0-ab9c1a4"}, nil),
			"Unknown", []string{"no status yet"}},
		{makeObject(px, "StorageCluster", "portworx", "odd-px-conditions", map[string]any{"image": "portworx/oci-monitor:3.1.4"}, map[string]any{
			"phase": "Running",
			"conditions": []any{map[string]any{}, cond("message", "a lonely message"), cond("status", "Online"),
				cond("source", "Portworx", "type", "RuntimeState", "status", "NotInQuorum", "message", "quorum lost")}}),
			"Critical", []string{"RuntimeState NotInQuorum", "quorum lost"}},
		{makeObject(px, "StorageCluster", "portworx", "odd-px-runtime", map[string]any{"image": "portworx/oci-monitor:3.1.4"}, map[string]any{
			"phase": "Running", "conditions": []any{cond("source", "Portworx", "type", "RuntimeState", "status", "Exploding")}}),
			"Warning", []string{"RuntimeState Exploding"}},
		{makeObject(px, "StorageCluster", "portworx", "odd-px-phase", map[string]any{"image": "portworx/oci-monitor:3.1.4"}, map[string]any{
			"phase": "Exploding"}),
			"Warning", []string{"Exploding"}},
		{makeObject(px, "StorageCluster", "portworx", "odd-px-shapeless", map[string]any{"image": "portworx/oci-monitor:3.1.4"}, map[string]any{
			"conditions": []any{map[string]any{}, cond("status", "Weird")}}),
			"Unknown", []string{"no status yet"}},
	}
	for _, c := range cases {
		createForTest(t, s.East, c.u)
	}

	doc, r := s.statusJSON(t, s.kubeconfigFor(t, nil))
	checkRun(t, r)
	for _, c := range cases {
		row := doc.find(t, eastName, c.u.GetKind(), c.u.GetNamespace(), c.u.GetName())
		if row.Verdict != c.verdict || !hasAll(row.Reason, c.reason...) {
			t.Errorf("%s %s/%s: %s %q\n  want %s with a reason naming %q", c.u.GetKind(), c.u.GetNamespace(), c.u.GetName(),
				row.Verdict, row.Reason, c.verdict, c.reason)
		}
	}
	if row, ok := doc.lookup(eastName, "Source", "", "eso"); ok {
		t.Errorf("strange objects must not fail their source: %+v", row)
	}
	if row, ok := doc.lookup(eastName, "Source", "", "portworx"); ok {
		t.Errorf("strange objects must not fail their source: %+v", row)
	}

	// The dashboard lists them too, with the same verdicts.
	d := s.dashboard(t, s.kubeconfigFor(t, nil))
	d.fleetReady()
	d.openCluster(eastName)
	for _, tab := range []struct{ key, title string }{{"1", "Apps"}, {"2", "Secrets"}, {"5", "Nodes"}} {
		d.Keys(tab.key)
		d.WaitFor(termWait, eastName+" › "+tab.title)
		d.filter("odd-")
		var names []string
		for _, c := range cases {
			if tabOf(c.u.GetKind()) == tab.title {
				names = append(names, c.u.GetName())
			}
		}
		scr := d.WaitFor(termWait, names...)
		for _, c := range cases {
			if tabOf(c.u.GetKind()) != tab.title {
				continue
			}
			if row := rowOf(scr, c.u.GetName()); !strings.Contains(row, c.verdict) {
				t.Errorf("%s tab: the row of %s does not say %s:\n%s", tab.title, c.u.GetName(), c.verdict, scr)
			}
		}
	}
	d.quit()
}

// tabOf is the cluster tab that lists a kind.
func tabOf(kind string) string {
	switch kind {
	case "Application":
		return "Apps"
	case "ExternalSecret":
		return "Secrets"
	case "StorageNode", "StorageCluster":
		return "Nodes"
	}
	return ""
}
