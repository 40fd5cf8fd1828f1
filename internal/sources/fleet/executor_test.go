package fleet

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	clienttesting "k8s.io/client-go/testing"
)

var appsGVR = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "applications"}

// fakeCluster is one cluster whose API allows patching Applications in namespace "argocd"
// only, answers SelfSubjectReview with user "alice", and counts patches.
func fakeCluster(t *testing.T, name string, objs ...runtime.Object) (kube.Conn, *int) {
	t.Helper()
	dyn := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(), map[schema.GroupVersionResource]string{appsGVR: "ApplicationList"}, objs...)
	dyn.PrependReactor("create", "selfsubjectaccessreviews", func(a clienttesting.Action) (bool, runtime.Object, error) {
		u := a.(clienttesting.CreateAction).GetObject().(*unstructured.Unstructured)
		ns, _, _ := unstructured.NestedString(u.Object, "spec", "resourceAttributes", "namespace")
		_ = unstructured.SetNestedField(u.Object, ns == "argocd", "status", "allowed")
		return true, u, nil
	})
	dyn.PrependReactor("create", "selfsubjectreviews", func(a clienttesting.Action) (bool, runtime.Object, error) {
		u := a.(clienttesting.CreateAction).GetObject().(*unstructured.Unstructured)
		_ = unstructured.SetNestedField(u.Object, "alice", "status", "userInfo", "username")
		return true, u, nil
	})
	patches := new(int)
	dyn.PrependReactor("patch", "*", func(clienttesting.Action) (bool, runtime.Object, error) { *patches++; return false, nil, nil })
	return kube.Conn{Cluster: name, Context: "ctx-" + name, Dynamic: dyn}, patches
}

func app(ns, name string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
		"metadata": map[string]any{"name": name, "namespace": ns}, "spec": map[string]any{}}}
	return u
}

func appRef(cluster, ns, name string) model.Ref {
	return model.Ref{Cluster: cluster, APIVersion: "argoproj.io/v1alpha1", Resource: "applications", Kind: "Application", Namespace: ns, Name: name}
}

func TestExecutorChecksPermissionPatchesAndAudits(t *testing.T) {
	east, eastPatches := fakeCluster(t, "east", app("argocd", "guestbook"), app("team", "private"))
	m := New(Options{Hub: east})
	audit := &actions.AuditLog{Path: filepath.Join(t.TempDir(), "audit.log")}
	e := NewExecutor(m, audit)
	ctx := context.Background()

	allowed, denied := m.Target(appRef("east", "argocd", "guestbook")), m.Target(appRef("east", "team", "private"))
	if ok, why := e.Allowed(ctx, actions.Sync, denied); ok || !strings.Contains(why, "no permission to patch applications in namespace team") {
		t.Fatalf("denied target: ok=%v why=%q", ok, why)
	}
	res := e.Execute(ctx, actions.Request{Kind: actions.Sync, Targets: []actions.Target{allowed, denied}, Sync: actions.SyncOptions{Prune: true}})
	if res[0].Err != nil || res[1].Err == nil {
		t.Fatalf("results: %v / %v", res[0].Err, res[1].Err)
	}
	if *eastPatches != 1 {
		t.Fatalf("%d patches sent, want 1: nothing may be sent without permission", *eastPatches)
	}
	live, err := east.Dynamic.Resource(appsGVR).Namespace("argocd").Get(ctx, "guestbook", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	user, _, _ := unstructured.NestedString(live.Object, "operation", "initiatedBy", "username")
	prune, _, _ := unstructured.NestedBool(live.Object, "operation", "sync", "prune")
	if user != "alice" || !prune {
		t.Fatalf("operation not set as asked: %v", live.Object["operation"])
	}
	// A second sync while the first is pending is refused, and nothing is stacked.
	if res := e.Execute(ctx, actions.Request{Kind: actions.Sync, Targets: []actions.Target{allowed}}); res[0].Err == nil {
		t.Fatal("second sync stacked on a pending operation")
	}
	if res := e.Execute(ctx, actions.Request{Kind: actions.HardRefresh, Targets: []actions.Target{allowed}}); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	live, _ = east.Dynamic.Resource(appsGVR).Namespace("argocd").Get(ctx, "guestbook", metav1.GetOptions{})
	if live.GetAnnotations()["argocd.argoproj.io/refresh"] != "hard" {
		t.Fatalf("refresh annotation: %v", live.GetAnnotations())
	}
	data, err := os.ReadFile(audit.Path)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines != 4 {
		t.Fatalf("%d audit lines, want one per attempt (4):\n%s", lines, data)
	}
	if !strings.Contains(string(data), `"user":"alice"`) || !strings.Contains(string(data), `"result":"error"`) {
		t.Fatalf("audit lines lack user or failures:\n%s", data)
	}
}

func TestExecutorWithoutAccess(t *testing.T) {
	east, _ := fakeCluster(t, "east")
	e := NewExecutor(New(Options{Hub: east, Now: func() time.Time { return time.Unix(0, 0) }}), nil)
	res := e.Execute(context.Background(), actions.Request{Kind: actions.Refresh, Targets: []actions.Target{{Ref: appRef("nowhere", "argocd", "x")}}})
	if res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "no access to cluster nowhere") {
		t.Fatalf("got %v", res[0].Err)
	}
}
