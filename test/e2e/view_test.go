package e2e

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/clusterview"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// workAgent plays the managed clusters' work agents for ManagedClusterViews, as the
// multicloud-operators-foundation agent does: it reads the viewed object from the spoke and
// writes it into the view's status.result with Processing=True (GetResourceProcessing), or
// Processing=False (GetResourceFailed) when it cannot. While paused it answers nothing.
type workAgent struct {
	paused atomic.Bool
	seen   atomic.Int64
}

func (s *Suite) startWorkAgent(t *testing.T) *workAgent {
	t.Helper()
	a := &workAgent{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	spokes := map[string]*Plane{eastName: s.East, westName: s.West}
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			time.Sleep(200 * time.Millisecond)
			if a.paused.Load() {
				continue
			}
			for name, spoke := range spokes {
				list, err := s.Hub.Dyn.Resource(clusterview.GVR).Namespace(name).List(ctx, metav1.ListOptions{})
				if err != nil {
					continue
				}
				for i := range list.Items {
					a.answer(ctx, s.Hub, spoke, &list.Items[i])
				}
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return a
}

func (a *workAgent) answer(ctx context.Context, hub, spoke *Plane, view *unstructured.Unstructured) {
	if conds, _, _ := unstructured.NestedSlice(view.Object, "status", "conditions"); len(conds) > 0 {
		return
	}
	a.seen.Add(1)
	sc := func(k string) string { v, _, _ := unstructured.NestedString(view.Object, "spec", "scope", k); return v }
	gvr := schema.GroupVersionResource{Group: sc("apiGroup"), Version: sc("version"), Resource: sc("resource")}
	obj, err := spoke.Dyn.Resource(gvr).Namespace(sc("namespace")).Get(ctx, sc("name"), metav1.GetOptions{})
	cond := map[string]any{"type": "Processing", "status": "True", "reason": "GetResourceProcessing", "message": "Watching resources successfully",
		"lastTransitionTime": time.Now().UTC().Format(time.RFC3339)}
	if err != nil {
		cond["status"], cond["reason"], cond["message"] = "False", "GetResourceFailed", err.Error()
	} else {
		view.Object["status"] = map[string]any{"result": obj.Object}
	}
	_ = unstructured.SetNestedSlice(view.Object, []any{cond}, "status", "conditions")
	_, _ = hub.Dyn.Resource(clusterview.GVR).Namespace(view.GetNamespace()).UpdateStatus(ctx, view, metav1.UpdateOptions{})
}

// hubOnlyFleet runs the fleet manager with a hub token user and no path to any spoke but
// the hub's own API (no context, no cluster-proxy).
func (s *Suite) hubOnlyFleet(t *testing.T, token string, readOnly bool, viewTimeout time.Duration) *fleet.Manager {
	t.Helper()
	hubCfg := &rest.Config{Host: s.Hub.Admin.Host, BearerToken: token, TLSClientConfig: rest.TLSClientConfig{CAData: s.Hub.Admin.CAData}}
	hub, err := kube.ConnForConfig(hubCfg, hubName, true)
	if err != nil {
		t.Fatal(err)
	}
	hub.Context, hub.Access = hubName, model.AccessContext
	none := func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
		return kube.Conn{}, false, "no kubeconfig context for " + mc.Name
	}
	m := fleet.New(fleet.Options{Hub: hub, Connect: none, ReadOnly: readOnly, ViewTimeout: viewTimeout, Coalesce: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	waitCluster(t, m, eastName, "listed with hub facts only", 60*time.Second, func(c *model.ClusterSnapshot) bool { return c.Access == model.AccessHub })
	return m
}

func viewsLeft(t *testing.T, s *Suite, ns string) int {
	t.Helper()
	list, err := s.Hub.Dyn.Resource(clusterview.GVR).Namespace(ns).List(context.Background(), metav1.ListOptions{LabelSelector: clusterview.Label + "=mcgtui"})
	if err != nil {
		t.Fatal(err)
	}
	return len(list.Items)
}

// Opening an object of a cluster reached through hub facts only: a ManagedClusterView in the
// cluster's namespace, answered by the work agent, gives the whole object, and is deleted
// afterwards; a missing object is the agent's reason; no answer is a timeout (view deleted);
// read-only mode creates no view at all.
func TestOpenThroughManagedClusterView(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	s.Hub.EnsureNamespace(t, eastName)
	if err := s.Hub.grant("mcgtui-views", []rbacv1.PolicyRule{{APIGroups: []string{"view.open-cluster-management.io"},
		Resources: []string{"managedclusterviews"}, Verbs: []string{"create", "get", "list", "watch", "delete"}}}); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	token, username := s.hubTokenUser(t, "view-user", readerRole)
	bindUser(t, s.Hub, username, "mcgtui-views")
	agent := s.startWorkAgent(t)
	ctx := context.Background()
	app := model.Ref{Cluster: eastName, APIVersion: "argoproj.io/v1alpha1", Resource: "applications", Kind: "Application", Namespace: "argocd", Name: "velero-test"}

	m := s.hubOnlyFleet(t, token, false, 5*time.Second)
	y, err := m.FetchYAML(ctx, app)
	if err != nil || !strings.Contains(y, "kind: Application") || !strings.Contains(y, "name: velero-test") || strings.Contains(y, "managedFields") {
		t.Fatalf("FetchYAML through a view: %v\n%s", err, y)
	}
	if n := viewsLeft(t, s, eastName); n != 0 {
		t.Errorf("%d ManagedClusterViews left behind", n)
	}

	missing := app
	missing.Name = "no-such-app"
	if _, err := m.FetchYAML(ctx, missing); err == nil || !strings.Contains(err.Error(), "Processing=False GetResourceFailed") {
		t.Errorf("a missing object: %v, want the agent's GetResourceFailed", err)
	}

	agent.paused.Store(true)
	start := time.Now()
	_, err = m.FetchYAML(ctx, app)
	if err == nil || !strings.Contains(err.Error(), "no answer from the cluster's work agent within 5s") {
		t.Errorf("no agent: %v, want a timeout", err)
	}
	t.Logf("timed out after %s: %v", time.Since(start).Round(time.Millisecond), err)
	agent.paused.Store(false)
	if n := viewsLeft(t, s, eastName); n != 0 {
		t.Errorf("%d ManagedClusterViews left behind after the timeout", n)
	}
	if _, err := m.FetchYAML(ctx, model.Ref{Cluster: eastName, APIVersion: "v1", Resource: "secrets", Kind: "Secret", Namespace: "payments", Name: "x"}); err == nil {
		t.Error("a Secret was opened through a view")
	}

	before := agent.seen.Load()
	ro := s.hubOnlyFleet(t, token, true, 5*time.Second)
	if _, err := ro.FetchYAML(ctx, app); err == nil || !strings.Contains(err.Error(), "read-only: mcgtui creates nothing") {
		t.Errorf("read-only: %v", err)
	}
	creates := 0
	for _, e := range s.Hub.auditEvents(t) {
		if e.Verb == "create" && e.ObjectRef != nil && e.ObjectRef.Resource == "managedclusterviews" && e.User.Username == username && e.Stage == "ResponseComplete" {
			creates++
		}
	}
	if creates != 3 || agent.seen.Load() != before {
		t.Errorf("%d views created by %s (want 3: open, missing, timeout; none read-only)", creates, username)
	}
}
