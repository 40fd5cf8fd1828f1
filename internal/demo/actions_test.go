package demo_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// actionsDemo is a running demo: the simulator reacts to what the tests write, and its own
// steps are too rare to interfere.
type actionsDemo struct {
	fleet *demo.Fleet
	conns map[string]kube.Conn
	diffs diff.Provider
}

// startActionsDemo runs the simulator on a fresh default fleet until the test ends, then checks
// that it stopped without leaking goroutines.
func startActionsDemo(t *testing.T) *actionsDemo {
	t.Helper()
	leaks := goleak.IgnoreCurrent()
	f := demo.Build(demo.Options{Seed: 1, Now: time.Now().Add(-time.Hour)}) // every timestamp in the past
	hub, spokes := demo.Conns(f)
	d := &actionsDemo{fleet: f, conns: map[string]kube.Conn{hub.Cluster: hub}, diffs: f.DiffProvider(hub, spokes)}
	for _, c := range spokes {
		d.conns[c.Cluster] = c
	}
	sim := demo.NewSimulator(f, hub, spokes, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); sim.Run(ctx, time.Hour) }()
	t.Cleanup(func() {
		cancel()
		<-done
		goleak.VerifyNone(t, leaks)
	})
	return d
}

// executor acts on one cluster as mcgtui does: its manager's hub is that cluster.
func (d *actionsDemo) executor(cluster string) (*fleet.Executor, *fleet.Manager) {
	m := fleet.New(fleet.Options{Hub: d.conns[cluster]})
	return fleet.NewExecutor(m, nil), m
}

func appRef(cluster, namespace, name string) model.Ref {
	return model.Ref{Cluster: cluster, APIVersion: "argoproj.io/v1alpha1", Resource: "applications", Kind: "Application",
		Namespace: namespace, Name: name}
}

// run executes one request on one target and fails the test on error.
func (d *actionsDemo) run(t *testing.T, kind actions.Kind, ref model.Ref, opts actions.SyncOptions) {
	t.Helper()
	e, m := d.executor(ref.Cluster)
	res := e.Execute(context.Background(), actions.Request{Kind: kind, Targets: []actions.Target{m.Target(ref)}, Sync: opts})
	if res[0].Err != nil {
		t.Fatalf("%s %s/%s: %v", kind, ref.Namespace, ref.Name, res[0].Err)
	}
}

// get reads an object at a version of its resource.
func (d *actionsDemo) get(t *testing.T, cluster, apiVersion, resource, namespace, name string) *unstructured.Unstructured {
	t.Helper()
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		t.Fatal(err)
	}
	u, err := d.conns[cluster].Dynamic.Resource(gv.WithResource(resource)).Namespace(namespace).
		Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (d *actionsDemo) app(t *testing.T, ref model.Ref) *unstructured.Unstructured {
	t.Helper()
	return d.get(t, ref.Cluster, ref.APIVersion, ref.Resource, ref.Namespace, ref.Name)
}

func (d *actionsDemo) diff(t *testing.T, ref model.Ref) diff.Result {
	t.Helper()
	res, err := d.diffs.Diff(context.Background(), model.App{Meta: model.Meta{Ref: ref}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Source != demo.DiffSource || res.App != ref {
		t.Fatalf("diff of %v: source %q app %v", ref, res.Source, res.App)
	}
	return res
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func str(u *unstructured.Unstructured, path ...string) string {
	s, _, _ := unstructured.NestedString(u.Object, path...)
	return s
}

func phase(u *unstructured.Unstructured) string { return str(u, "status", "operationState", "phase") }

// lastHistory returns the app's last history entry.
func lastHistory(t *testing.T, u *unstructured.Unstructured) map[string]any {
	t.Helper()
	h, _, _ := unstructured.NestedSlice(u.Object, "status", "history")
	if len(h) == 0 {
		t.Fatal("no history")
	}
	return h[len(h)-1].(map[string]any)
}

func TestActions(t *testing.T) {
	d := startActionsDemo(t)
	t.Run("sync", func(t *testing.T) { t.Parallel(); testSync(t, d) })
	t.Run("sync fails on the broken app", func(t *testing.T) { t.Parallel(); testBrokenSync(t, d) })
	t.Run("dry run", func(t *testing.T) { t.Parallel(); testDryRun(t, d) })
	t.Run("refresh", func(t *testing.T) { t.Parallel(); testRefresh(t, d) })
	t.Run("force-sync", func(t *testing.T) { t.Parallel(); testForceSync(t, d) })
	t.Run("cluster external secret", func(t *testing.T) { t.Parallel(); testForceSyncCES(t, d) })
	t.Run("denied namespace", func(t *testing.T) { t.Parallel(); testDenied(t, d) })
	t.Run("secrets masked", func(t *testing.T) { t.Parallel(); testMasked(t, d) })
}

// testSync syncs an OutOfSync app with a manual policy: Running, then Succeeded with a history
// entry by the demo user; its diff empties.
func testSync(t *testing.T, d *actionsDemo) {
	ref := appRef(demo.RestrictedCluster, "multicloud-gitops-group-one", "hello-world")
	before := d.app(t, ref)
	if str(before, "status", "sync", "status") != "OutOfSync" {
		t.Fatalf("%s is %s", ref.Name, str(before, "status", "sync", "status"))
	}
	target := str(before, "status", "sync", "revision")
	prevID, _, _ := unstructured.NestedInt64(lastHistory(t, before), "id")

	modified := d.diff(t, ref).Modified()
	if len(modified) < 2 {
		t.Fatalf("want several modified resources, got %+v", modified)
	}
	kinds := map[string]bool{}
	for _, r := range modified {
		kinds[r.Kind] = true
		switch {
		case r.LiveYAML == "" && r.TargetYAML != "": // to be created
			kinds["created"] = true
		case r.Kind == "Deployment" && !strings.Contains(r.Unified(), "image:"):
			t.Errorf("Deployment diff without an image change:\n%s", r.Unified())
		case r.Kind == "ConfigMap" && !strings.Contains(r.Unified(), "CACHE_TTL_SECONDS"):
			t.Errorf("ConfigMap diff without a data change:\n%s", r.Unified())
		}
	}
	if !kinds["Deployment"] || !kinds["ConfigMap"] || !kinds["created"] {
		t.Errorf("modified kinds %v: want a Deployment, a ConfigMap and a resource to create", kinds)
	}

	d.run(t, actions.Sync, ref, actions.SyncOptions{Prune: true})
	var running *unstructured.Unstructured
	eventually(t, "sync Running", func() bool { running = d.app(t, ref); return phase(running) == "Running" })
	if _, pending := running.Object["operation"]; pending {
		t.Error(".operation not removed once picked up")
	}
	if who := str(running, "status", "operationState", "operation", "initiatedBy", "username"); who != demo.DemoUser {
		t.Errorf("operation initiated by %q", who)
	}
	if msg := str(running, "status", "operationState", "message"); !strings.HasPrefix(msg, "waiting for healthy state of apps/Deployment/") {
		t.Errorf("Running message %q", msg)
	}

	var done *unstructured.Unstructured
	eventually(t, "sync Succeeded", func() bool { done = d.app(t, ref); return phase(done) == "Succeeded" })
	if st := str(done, "status", "sync", "status"); st != "Synced" || str(done, "status", "health", "status") != "Healthy" {
		t.Errorf("after sync: %s/%s", st, str(done, "status", "health", "status"))
	}
	if rev := str(done, "status", "operationState", "syncResult", "revision"); rev != target {
		t.Errorf("synced revision %q, want %q", rev, target)
	}
	h := lastHistory(t, done)
	if id, _, _ := unstructured.NestedInt64(h, "id"); id != prevID+1 || h["revision"] != target {
		t.Errorf("history entry %v, want id %d revision %s", h, prevID+1, target)
	}
	if who, _, _ := unstructured.NestedString(h, "initiatedBy", "username"); who != demo.DemoUser {
		t.Errorf("history initiated by %q", who)
	}
	resources, _, _ := unstructured.NestedSlice(done.Object, "status", "resources")
	for _, r := range resources {
		if r := r.(map[string]any); r["status"] != "Synced" {
			t.Errorf("resource %v not Synced", r)
		}
	}
	if m := d.diff(t, ref).Modified(); len(m) != 0 {
		t.Errorf("diff after the sync: %+v", m)
	}
}

// testBrokenSync syncs the deliberately broken app: it fails again and stays OutOfSync/Degraded.
func testBrokenSync(t *testing.T, d *actionsDemo) {
	ref := appRef("cluster-azure-eu", "multicloud-gitops-group-one", "payments-api")
	res := d.diff(t, ref)
	var sawMemory, sawPrune bool
	for _, r := range res.Modified() {
		sawMemory = sawMemory || (r.Kind == "Deployment" && strings.Contains(r.TargetYAML, "memory: 2Gi"))
		sawPrune = sawPrune || (r.TargetYAML == "" && strings.HasSuffix(r.Name, "-legacy-config"))
	}
	if !sawMemory || !sawPrune {
		t.Errorf("broken app's diff: memory request %v, resource to prune %v", sawMemory, sawPrune)
	}
	before := d.app(t, ref)
	d.run(t, actions.Sync, ref, actions.SyncOptions{})
	eventually(t, "sync Running", func() bool { return phase(d.app(t, ref)) == "Running" })
	var u *unstructured.Unstructured
	eventually(t, "sync Failed", func() bool { u = d.app(t, ref); return phase(u) == "Failed" })
	if who := str(u, "status", "operationState", "operation", "initiatedBy", "username"); who != demo.DemoUser ||
		str(u, "status", "operationState", "finishedAt") == str(before, "status", "operationState", "finishedAt") {
		t.Errorf("the failure is not the new sync's: initiated by %q", who)
	}
	if n, _, _ := unstructured.NestedInt64(u.Object, "status", "operationState", "retryCount"); n != 5 {
		t.Errorf("retryCount %d", n)
	}
	if msg := str(u, "status", "operationState", "message"); !strings.Contains(msg, "Invalid value") {
		t.Errorf("failure message %q", msg)
	}
	if str(u, "status", "sync", "status") != "OutOfSync" || str(u, "status", "health", "status") != "Degraded" {
		t.Errorf("broken app after sync: %s/%s", str(u, "status", "sync", "status"), str(u, "status", "health", "status"))
	}
	if !reflect.DeepEqual(lastHistory(t, u), lastHistory(t, before)) {
		t.Error("a failed sync added history")
	}
	if len(d.diff(t, ref).Modified()) == 0 {
		t.Error("the broken app's diff emptied")
	}
}

// testDryRun: a dry run succeeds and changes nothing else.
func testDryRun(t *testing.T, d *actionsDemo) {
	ref := appRef("cluster-openstack-1", "multicloud-gitops-group-one", "hello-world")
	before := d.app(t, ref)
	d.run(t, actions.Sync, ref, actions.SyncOptions{DryRun: true, Prune: true})
	var u *unstructured.Unstructured
	eventually(t, "dry run Succeeded", func() bool {
		u = d.app(t, ref)
		return phase(u) == "Succeeded" && str(u, "status", "operationState", "startedAt") != str(before, "status", "operationState", "startedAt")
	})
	if msg := str(u, "status", "operationState", "message"); !strings.Contains(msg, "(dry run)") {
		t.Errorf("dry run message %q", msg)
	}
	for _, path := range [][]string{{"status", "sync"}, {"status", "history"}, {"status", "resources"}} {
		a, _, _ := unstructured.NestedFieldNoCopy(before.Object, path...)
		b, _, _ := unstructured.NestedFieldNoCopy(u.Object, path...)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("dry run changed %v", path)
		}
	}
}

// testRefresh: the refresh annotation is removed and reconciledAt moves on.
func testRefresh(t *testing.T, d *actionsDemo) {
	ref := appRef(demo.HubName, "multicloud-gitops-hub", "vault")
	before := str(d.app(t, ref), "status", "reconciledAt")
	d.run(t, actions.HardRefresh, ref, actions.SyncOptions{})
	eventually(t, "refresh handled", func() bool {
		u := d.app(t, ref)
		_, annotated := u.GetAnnotations()[argocd.RefreshAnnotation]
		return !annotated && str(u, "status", "reconciledAt") != before
	})
}

// testDenied: the restricted namespace refuses, and nothing is sent.
func testDenied(t *testing.T, d *actionsDemo) {
	ref := appRef(demo.RestrictedCluster, demo.RestrictedNamespace, "ledger-reports")
	e, m := d.executor(ref.Cluster)
	ok, why := e.Allowed(context.Background(), actions.Sync, m.Target(ref))
	if ok || !strings.Contains(why, "no permission to patch applications in namespace "+demo.RestrictedNamespace) {
		t.Fatalf("restricted app: allowed=%v %q", ok, why)
	}
	res := e.Execute(context.Background(), actions.Request{Kind: actions.Sync, Targets: []actions.Target{m.Target(ref)}})
	if res[0].Err == nil {
		t.Fatal("sync in the restricted namespace succeeded")
	}
	if _, pending := d.app(t, ref).Object["operation"]; pending {
		t.Fatal("an operation was set without permission")
	}
	other := appRef(demo.RestrictedCluster, "multicloud-gitops-group-one", "config-demo")
	if ok, why := e.Allowed(context.Background(), actions.Refresh, m.Target(other)); !ok {
		t.Fatalf("other namespace refused: %s", why)
	}
}

// testMasked: Secret data never shows in a diff.
func testMasked(t *testing.T, d *actionsDemo) {
	res := d.diff(t, appRef("cluster-east-1", "multicloud-gitops-group-one", "redis"))
	for _, r := range res.Resources {
		if r.Kind == "Secret" {
			if !strings.Contains(r.LiveYAML, "redis-password: ++++++++") || r.LiveYAML != r.TargetYAML {
				t.Errorf("Secret not masked:\n%s", r.LiveYAML)
			}
			return
		}
	}
	t.Error("redis manages no Secret")
}
