package clusterproxy

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	fakediscovery "k8s.io/client-go/discovery/fake"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/rest"
	clienttesting "k8s.io/client-go/testing"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

func TestClusterConfigCredentials(t *testing.T) {
	env := map[string]string{"EAST_TOKEN": " tok-east\n"}
	getenv := func(k string) string { return env[k] }
	exec := &clientcmdapi.ExecConfig{Command: "get-token", APIVersion: "client.authentication.k8s.io/v1"}
	certOnly := &rest.Config{Host: "https://hub:6443", TLSClientConfig: rest.TLSClientConfig{CertData: []byte("c"), KeyData: []byte("k"), CAData: []byte("hub-ca")}}
	withToken := &rest.Config{Host: "https://hub:6443", BearerToken: "hub-token", TLSClientConfig: rest.TLSClientConfig{CertData: []byte("c"), CAData: []byte("hub-ca")}}
	tests := []struct {
		name    string
		hub     *rest.Config
		creds   Credentials
		token   string
		exec    bool
		wantErr string
	}{
		{name: "hub token", hub: withToken, token: "hub-token"},
		{name: "hub exec plugin", hub: &rest.Config{ExecProvider: exec}, exec: true},
		{name: "per-cluster token from env wins", hub: withToken, creds: Credentials{TokenEnv: "EAST_TOKEN"}, token: "tok-east"},
		{name: "per-cluster exec", hub: certOnly, creds: Credentials{Exec: exec}, exec: true},
		{name: "empty env var", hub: withToken, creds: Credentials{TokenEnv: "NOPE"}, wantErr: "NOPE is empty or unset"},
		{name: "client certificate only", hub: certOnly, wantErr: "client certificate only"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := ClusterConfig(tc.hub, "https://proxy.example.com/", "cluster-east", TLS{CAData: []byte("proxy-ca")}, tc.creds, getenv)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Host != "https://proxy.example.com/cluster-east" {
				t.Errorf("host %q", cfg.Host)
			}
			if cfg.BearerToken != tc.token || (cfg.ExecProvider != nil) != tc.exec {
				t.Errorf("token %q exec %v", cfg.BearerToken, cfg.ExecProvider != nil)
			}
			// The hub's client certificate and CA never go to the proxy.
			if len(cfg.CertData) != 0 || len(cfg.KeyData) != 0 || string(cfg.CAData) != "proxy-ca" {
				t.Errorf("TLS %+v: want only the proxy's CA", cfg.TLSClientConfig)
			}
		})
	}
	if _, err := ClusterConfig(withToken, "proxy.example.com", "x", TLS{}, Credentials{}, getenv); err == nil {
		t.Error("an endpoint without scheme was accepted")
	}
}

func addon(ns, status, reason string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "addon.open-cluster-management.io/v1alpha1", "kind": "ManagedClusterAddOn",
		"metadata": map[string]any{"name": AddOnName, "namespace": ns},
	}}
	if status != "" {
		u.Object["status"] = map[string]any{"conditions": []any{map[string]any{"type": "Available", "status": status, "reason": reason}}}
	}
	return u
}

func route(host string) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "route.openshift.io/v1", "kind": "Route",
		"metadata": map[string]any{"name": RouteName, "namespace": DefaultNamespace},
		"spec":     map[string]any{"host": host},
	}}
}

// fakeHub serves the given objects; routes says whether route.openshift.io is served.
func fakeHub(routes bool, objs ...runtime.Object) kube.Conn {
	dyn := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(), map[gvr]string{
		AddOnsGVR: "ManagedClusterAddOnList", RoutesGVR: "RouteList",
	}, objs...)
	disc := &fakediscovery.FakeDiscovery{Fake: &clienttesting.Fake{}}
	disc.Resources = []*metav1.APIResourceList{{GroupVersion: "addon.open-cluster-management.io/v1alpha1", APIResources: []metav1.APIResource{{Name: "managedclusteraddons", Namespaced: true}}}}
	if routes {
		disc.Resources = append(disc.Resources, &metav1.APIResourceList{GroupVersion: "route.openshift.io/v1", APIResources: []metav1.APIResource{{Name: "routes", Namespaced: true}}})
	}
	return kube.Conn{Cluster: "hub", Dynamic: dyn, Discovery: disc}
}

func runResolver(t *testing.T, r *Resolver) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); r.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestResolverFindsTheRouteAndJudgesAddOns(t *testing.T) {
	hub := fakeHub(true, route("cluster-proxy-user.apps.hub.example.com"),
		addon("cluster-east", "True", ""), addon("cluster-west", "False", "ProxyDown"), addon("cluster-new", "", ""))
	r := NewResolver(Options{Hub: hub, HubConfig: &rest.Config{BearerToken: "t"}, Retry: 20 * time.Millisecond})
	runResolver(t, r)
	r.Conn("cluster-east") // the first ask starts the resolver
	waitFor(t, "the east cluster through the Route's host", func() bool {
		c, ok, _ := r.Conn("cluster-east")
		return ok && c.Server == "https://cluster-proxy-user.apps.hub.example.com/cluster-east" && c.Access == model.AccessProxy
	})
	if _, ok, why := r.Conn("cluster-west"); ok || !strings.Contains(why, "Available=False ProxyDown") {
		t.Errorf("unavailable addon: ok %v, why %q", ok, why)
	}
	if _, ok, why := r.Conn("cluster-gone"); ok || !strings.Contains(why, "addon not installed for cluster-gone") {
		t.Errorf("no addon: ok %v, why %q", ok, why)
	}
	if _, ok, _ := r.Conn("cluster-new"); !ok {
		t.Errorf("an addon without an Available condition yet is tried")
	}
}

func TestResolverWithoutRoutes(t *testing.T) {
	r := NewResolver(Options{Hub: fakeHub(false, addon("cluster-east", "True", "")), HubConfig: &rest.Config{BearerToken: "t"}, Retry: 20 * time.Millisecond})
	runResolver(t, r)
	waitFor(t, "a reason naming the flag", func() bool {
		_, ok, why := r.Conn("cluster-east")
		return !ok && strings.Contains(why, "serves no route.openshift.io Routes; pass --cluster-proxy URL")
	})
}

func TestResolverGivenEndpointAndUnreadableAddOns(t *testing.T) {
	hub := fakeHub(false)
	hub.Dynamic.(*dynamicfake.FakeDynamicClient).PrependReactor("list", "managedclusteraddons", func(clienttesting.Action) (bool, runtime.Object, error) {
		return true, nil, apierrorsForbidden()
	})
	r := NewResolver(Options{Hub: hub, HubConfig: &rest.Config{BearerToken: "t"}, Endpoint: "https://127.0.0.1:9443", Retry: 20 * time.Millisecond})
	runResolver(t, r)
	waitFor(t, "the proxy tried with a note", func() bool {
		c, ok, _ := r.Conn("cluster-east")
		return ok && strings.Contains(c.Note, "addon status unknown") && strings.Contains(c.Note, "forbidden")
	})
	select {
	case <-r.Changed():
	default:
		t.Error("no change signalled after the first listing")
	}
}

// With a context for every cluster nobody asks for the proxy, and the hub is asked nothing.
func TestResolverAsksTheHubOnlyWhenWanted(t *testing.T) {
	hub := fakeHub(true, route("p.example.com"))
	r := NewResolver(Options{Hub: hub, HubConfig: &rest.Config{BearerToken: "t"}, Retry: 10 * time.Millisecond})
	runResolver(t, r)
	time.Sleep(100 * time.Millisecond)
	if n := len(hub.Dynamic.(*dynamicfake.FakeDynamicClient).Actions()); n != 0 {
		t.Errorf("%d requests to the hub before any cluster wanted the proxy", n)
	}
	r.Conn("cluster-east")
	waitFor(t, "the hub asked once wanted", func() bool { return len(hub.Dynamic.(*dynamicfake.FakeDynamicClient).Actions()) > 0 })
}
