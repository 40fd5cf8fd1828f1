package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/clusterproxy"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
	testproxy "github.com/mcgtui/mcgtui/test/internal/clusterproxy"
)

const proxyOperator = "proxy-operator"

// proxyFleet runs mcgtui's fleet manager in this process as a hub token user with only the
// hub's credentials, every spoke through the proxy (the resolver polls addons every second).
func (s *Suite) proxyFleet(t *testing.T, p *testproxy.Proxy, token string) *fleet.Manager {
	t.Helper()
	hubCfg := &rest.Config{Host: s.Hub.Admin.Host, BearerToken: token, TLSClientConfig: rest.TLSClientConfig{CAData: s.Hub.Admin.CAData}}
	hub, err := kube.ConnForConfig(rest.CopyConfig(hubCfg), hubName, true)
	if err != nil {
		t.Fatal(err)
	}
	hub.Context, hub.Access = hubName, model.AccessContext
	r := clusterproxy.NewResolver(clusterproxy.Options{Hub: hub, HubConfig: hubCfg, Endpoint: p.URL,
		TLS: clusterproxy.TLS{CAData: p.CAPEM}, Retry: time.Second})
	none := func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
		return kube.Conn{}, false, "no kubeconfig context for " + mc.Name
	}
	m := fleet.New(fleet.Options{Hub: hub, Connect: fleet.PathConnector(none, r, nil), Reconnect: r.Changed(), Coalesce: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { r.Run(ctx); done <- struct{}{} }()
	go func() { m.Run(ctx); done <- struct{}{} }()
	t.Cleanup(func() { cancel(); <-done; <-done })
	return m
}

// waitCluster waits until the named cluster's snapshot satisfies ok, and returns it.
func waitCluster(t *testing.T, m *fleet.Manager, name, what string, timeout time.Duration, ok func(c *model.ClusterSnapshot) bool) *model.ClusterSnapshot {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var last *model.ClusterSnapshot
	for time.Now().Before(deadline) {
		if c := m.Latest().Cluster(name); c != nil {
			last = c
			if ok(c) {
				return c
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never %s; last: access %s %q, sources %+v", name, what, accessOf(last), noteOf(last), sourcesOf(last))
	return nil
}

func accessOf(c *model.ClusterSnapshot) model.Access {
	if c == nil {
		return ""
	}
	return c.Access
}

func noteOf(c *model.ClusterSnapshot) string {
	if c == nil {
		return ""
	}
	return c.AccessNote
}

func sourcesOf(c *model.ClusterSnapshot) string {
	if c == nil {
		return "none"
	}
	var b strings.Builder
	for p, st := range c.Sources {
		fmt.Fprintf(&b, "%s=%s(%s) ", model.Product(p), st.State, st.Reason)
	}
	return b.String()
}

func hasApp(c *model.ClusterSnapshot, ns, name string, ok func(model.App) bool) bool {
	for _, a := range c.Apps {
		if a.Namespace == ns && a.Name == name {
			return ok(a)
		}
	}
	return false
}

func argoReady(c *model.ClusterSnapshot) bool {
	return c.Access == model.AccessProxy && c.Sources[model.ProductArgoCD].State == model.StateReady
}

// Sync through the proxy: the executor checks the hub user's rights on the spoke (a
// SelfSubjectAccessReview through the proxy, so the spoke answers for the impersonated user)
// and patches the Application there; the spoke's audit log shows the patch made as that user.
func TestSyncThroughClusterProxy(t *testing.T) {
	s := requireSuite(t)
	p := s.clusterProxy(t)
	ns := uniqueName(t, "e2e")
	const app = "proxy-sync"
	s.East.Create(t, probeApp(t, ns, app))
	if err := s.East.grant("mcgtui-app-patcher", []rbacv1.PolicyRule{{APIGroups: []string{"argoproj.io"}, Resources: []string{"applications"}, Verbs: []string{"patch"}}}); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	token, username := s.hubTokenUser(t, proxyOperator, readerRole)
	bindUser(t, s.East, username, readerRole)
	bindUser(t, s.East, username, "mcgtui-app-patcher")

	m := s.proxyFleet(t, p, token)
	waitCluster(t, m, eastName, "listed the app through the proxy", 60*time.Second, func(c *model.ClusterSnapshot) bool {
		return argoReady(c) && hasApp(c, ns, app, func(model.App) bool { return true })
	})
	ref := model.Ref{Cluster: eastName, APIVersion: "argoproj.io/v1alpha1", Resource: "applications", Kind: "Application", Namespace: ns, Name: app}
	exec := fleet.NewExecutor(m, nil)
	res := exec.Execute(context.Background(), actions.Request{Kind: actions.Sync, Targets: []actions.Target{m.Target(ref)}, Sync: actions.SyncOptions{Prune: true}})
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("sync through the proxy: %+v", res)
	}
	live, err := s.East.Dyn.Resource(schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "applications"}).Namespace(ns).Get(context.Background(), app, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if prune, _, _ := unstructured.NestedBool(live.Object, "operation", "sync", "prune"); !prune {
		t.Errorf("no sync operation with prune on the spoke's Application: %v", live.Object["operation"])
	}
	if by, _, _ := unstructured.NestedString(live.Object, "operation", "initiatedBy", "username"); by != username {
		t.Errorf("operation initiated by %q, want the hub user %q", by, username)
	}
	patched := false
	for _, e := range s.East.auditEvents(t) {
		if e.Verb == "patch" && e.ObjectRef != nil && e.ObjectRef.Name == app && e.ImpersonatedUser != nil && e.ImpersonatedUser.Username == username {
			patched = true
		}
	}
	if !patched {
		t.Errorf("cluster-east's audit log has no patch of %s as %s", app, username)
	}
}

// Faults on the proxy path stay with their cluster: a 502 for cluster-east makes its sources
// Unreachable with the proxy's answer while cluster-west keeps updating; after the fault, and
// after every watch to cluster-east is cut mid-stream, its watches recover by themselves and
// deliver changes made meanwhile. An addon that becomes unavailable turns the cluster to hub
// facts only, saying why, and back.
func TestClusterProxyFaults(t *testing.T) {
	s := requireSuite(t)
	p := s.clusterProxy(t)
	ns := uniqueName(t, "e2e")
	const eastApp, westApp = "proxy-fault-east", "proxy-fault-west"
	s.East.Create(t, probeApp(t, ns, eastApp))
	s.West.Create(t, probeApp(t, ns, westApp))
	token, username := s.hubTokenUser(t, proxyViewer, readerRole)
	bindUser(t, s.East, username, readerRole)
	bindUser(t, s.West, username, readerRole)
	m := s.proxyFleet(t, p, token)
	for _, spoke := range []string{eastName, westName} {
		waitCluster(t, m, spoke, "Ready through the proxy", 60*time.Second, argoReady)
	}

	p.Fail(eastName, 502)
	p.Cut(eastName)
	c := waitCluster(t, m, eastName, "Unreachable with the proxy's 502", recoverWait, func(c *model.ClusterSnapshot) bool {
		st := c.Sources[model.ProductArgoCD]
		return st.State == model.StateUnreachable && strings.Contains(st.Reason, "cluster-proxy answered 502")
	})
	t.Logf("cluster-east with the proxy failing: %s", c.Sources[model.ProductArgoCD].Reason)
	s.West.Patch(t, "argoproj.io/v1alpha1", "Application", ns, westApp, `{"status":{"sync":{"status":"OutOfSync"}}}`, false)
	waitCluster(t, m, westName, "updated while cluster-east fails", screenWait, func(c *model.ClusterSnapshot) bool {
		return argoReady(c) && hasApp(c, ns, westApp, func(a model.App) bool { return a.SyncStatus == "OutOfSync" })
	})
	s.East.Patch(t, "argoproj.io/v1alpha1", "Application", ns, eastApp, `{"status":{"sync":{"status":"OutOfSync"}}}`, false)
	p.Fail(eastName, 0)
	waitCluster(t, m, eastName, "recovered with the change made during the fault", recoverWait, func(c *model.ClusterSnapshot) bool {
		return argoReady(c) && hasApp(c, ns, eastApp, func(a model.App) bool { return a.SyncStatus == "OutOfSync" })
	})

	if n := p.Cut(eastName); n == 0 {
		t.Errorf("no stream open to cluster-east to cut")
	}
	s.East.Patch(t, "argoproj.io/v1alpha1", "Application", ns, eastApp, `{"status":{"health":{"status":"Missing"}}}`, false)
	waitCluster(t, m, eastName, "delivered a change after its watches were cut", recoverWait, func(c *model.ClusterSnapshot) bool {
		return argoReady(c) && hasApp(c, ns, eastApp, func(a model.App) bool { return a.HealthStatus == "Missing" })
	})

	s.Hub.Patch(t, "addon.open-cluster-management.io/v1alpha1", "ManagedClusterAddOn", westName, "cluster-proxy",
		`{"status":{"conditions":[{"type":"Available","status":"False","reason":"ProxyUnavailable","message":"agent not running","lastTransitionTime":"2026-11-02T00:00:00Z"}]}}`, true)
	t.Cleanup(func() {
		s.Hub.Patch(t, "addon.open-cluster-management.io/v1alpha1", "ManagedClusterAddOn", westName, "cluster-proxy",
			`{"status":{"conditions":[{"type":"Available","status":"True","reason":"ProxyAvailable","message":"cluster-proxy is available","lastTransitionTime":"2026-11-03T00:00:00Z"}]}}`, true)
	})
	c = waitCluster(t, m, westName, "hub facts only with the addon unavailable", screenWait, func(c *model.ClusterSnapshot) bool {
		return c.Access == model.AccessHub && strings.Contains(c.AccessNote, "Available=False ProxyUnavailable")
	})
	t.Logf("cluster-west without the addon: %s", c.AccessNote)
	if st := c.Sources[model.ProductArgoCD]; st.State != model.StateNoAccess || len(c.Apps) != 0 {
		t.Errorf("cluster-west without a path: argocd %s, %d apps; want NoAccess and none", st.State, len(c.Apps))
	}
	if c := m.Latest().Cluster(eastName); !argoReady(c) {
		t.Errorf("cluster-east lost its path when cluster-west's addon went: %s", sourcesOf(c))
	}
	s.Hub.Patch(t, "addon.open-cluster-management.io/v1alpha1", "ManagedClusterAddOn", westName, "cluster-proxy",
		`{"status":{"conditions":[{"type":"Available","status":"True","reason":"ProxyAvailable","message":"cluster-proxy is available","lastTransitionTime":"2026-11-03T00:00:00Z"}]}}`, true)
	waitCluster(t, m, westName, "back through the proxy", screenWait, func(c *model.ClusterSnapshot) bool {
		return argoReady(c) && hasApp(c, ns, westApp, func(a model.App) bool { return a.SyncStatus == "OutOfSync" })
	})
}
