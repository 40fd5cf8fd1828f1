package demo

import (
	"context"
	"sync"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/tools/cache"

	"github.com/mcgtui/mcgtui/internal/sources/acm"
	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/eso"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
	"github.com/mcgtui/mcgtui/internal/sources/portworx"
)

func connsByName(hub kube.Conn, spokes []kube.Conn) map[string]kube.Conn {
	out := map[string]kube.Conn{hub.Cluster: hub}
	for _, c := range spokes {
		out[c.Cluster] = c
	}
	return out
}

func TestConns(t *testing.T) {
	f := defaultFleet(t)
	hub, spokes := Conns(f)
	if hub.Cluster != HubName || hub.OCM == nil || hub.Context != "demo/hub" || hub.Server != "https://api.hub.demo.example:6443" {
		t.Fatalf("hub conn %+v", hub)
	}
	if len(spokes) != len(f.Clusters)-2 { // all but the hub and cluster-edge-9
		t.Fatalf("got %d spokes", len(spokes))
	}
	for _, s := range spokes {
		if s.Cluster == "cluster-edge-9" || s.OCM != nil || s.Dynamic == nil || s.Discovery == nil {
			t.Errorf("spoke %s: %+v", s.Cluster, s)
		}
	}
	ctx := context.Background()
	mcs, err := hub.OCM.ClusterV1().ManagedClusters().List(ctx, metav1.ListOptions{})
	if err != nil || len(mcs.Items) != len(f.Clusters)-1 {
		t.Fatalf("typed ManagedClusters: %v, %d items", err, len(mcs.Items))
	}
	dyn, err := hub.Dynamic.Resource(acm.ManagedClustersGVR).List(ctx, metav1.ListOptions{})
	if err != nil || len(dyn.Items) != len(mcs.Items) {
		t.Fatalf("dynamic ManagedClusters: %v", err)
	}
}

// TestServedVersions checks that discovery and the dynamic client agree on what each cluster
// serves, ESO versions included.
func TestServedVersions(t *testing.T) {
	f := defaultFleet(t)
	hub, spokes := Conns(f)
	conns := connsByName(hub, spokes)
	ctx := context.Background()
	for _, c := range f.Clusters {
		conn, ok := conns[c.Name]
		if !ok {
			continue
		}
		want := 0
		for _, u := range c.Objects {
			if u.GetKind() == "ExternalSecret" {
				want++
			}
		}
		for _, v := range []string{"v1", "v1beta1"} {
			served := false
			for _, sv := range c.ESOVersions {
				served = served || sv == v
			}
			_, derr := conn.Discovery.ServerResourcesForGroupVersion("external-secrets.io/" + v)
			list, lerr := conn.Dynamic.Resource(eso.GVR(v, eso.ExternalSecrets)).List(ctx, metav1.ListOptions{})
			switch {
			case served && (derr != nil || lerr != nil || len(list.Items) != want):
				t.Errorf("%s %s: discovery %v, list %v", c.Name, v, derr, lerr)
			case !served && (!apierrors.IsNotFound(derr) || !apierrors.IsNotFound(lerr)):
				t.Errorf("%s %s not served: discovery %v, list %v", c.Name, v, derr, lerr)
			}
		}
		_, err := conn.Discovery.ServerResourcesForGroupVersion("cluster.open-cluster-management.io/v1")
		if c.Hub != (err == nil) {
			t.Errorf("%s: managedclusters discovery %v", c.Name, err)
		}
		if v, err := conn.Discovery.ServerVersion(); err != nil || v.GitVersion != c.KubeVersion {
			t.Errorf("%s: server version %v %v", c.Name, v, err)
		}
		if _, err := conn.Dynamic.Resource(schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}).
			List(ctx, metav1.ListOptions{}); !apierrors.IsNotFound(err) {
			t.Errorf("%s: an unserved resource must answer NotFound, got %v", c.Name, err)
		}
	}
}

// TestGVRsMatchSources guards against the demo serving a resource under a name the sources
// do not watch.
func TestGVRsMatchSources(t *testing.T) {
	served := map[schema.GroupVersionResource]bool{}
	for _, r := range servedResources(Cluster{Hub: true, ESOVersions: esoBoth}) {
		served[r.gvr] = true
	}
	want := []schema.GroupVersionResource{
		acm.ManagedClustersGVR, argocd.ApplicationsGVR, argocd.ApplicationSetsGVR,
		portworx.StorageClustersGVR, portworx.StorageNodesGVR, portworx.PVCsGVR, portworx.PVsGVR, portworx.StorageClassesGVR,
		eso.GVR(eso.PushSecretVersion, eso.PushSecrets),
	}
	for _, v := range eso.Versions {
		for _, r := range []string{eso.ExternalSecrets, eso.ClusterExternalSecrets, eso.SecretStores, eso.ClusterSecretStores} {
			want = append(want, eso.GVR(v, r))
		}
	}
	for _, g := range want {
		if !served[g] {
			t.Errorf("%v is not served by the demo", g)
		}
	}
	if pxProvisioner != portworx.Provisioners[0] {
		t.Errorf("provisioner %q is not the sources' %q", pxProvisioner, portworx.Provisioners[0])
	}
}

// TestInformerSeesUpdates runs a dynamic informer (List + Watch) on a fake connection and
// checks that an update made through the fake client reaches it.
func TestInformerSeesUpdates(t *testing.T) {
	f := defaultFleet(t)
	_, spokes := Conns(f)
	conn := spokes[0]
	ctx, cancel := context.WithCancel(context.Background())
	factory := dynamicinformer.NewDynamicSharedInformerFactory(conn.Dynamic, 0)
	defer func() {
		cancel() // Shutdown waits for the informers, which stop on cancel
		factory.Shutdown()
	}()
	informer := factory.ForResource(argocd.ApplicationsGVR).Informer()
	var mu sync.Mutex
	updated := map[string]string{}
	if _, err := informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		UpdateFunc: func(_, obj any) {
			u := obj.(*unstructured.Unstructured)
			st, _, _ := unstructured.NestedString(u.Object, "status", "sync", "status")
			mu.Lock()
			updated[u.GetName()] = st
			mu.Unlock()
		},
	}); err != nil {
		t.Fatal(err)
	}
	factory.Start(ctx.Done())
	for gvr, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			t.Fatalf("%v did not sync", gvr)
		}
	}
	if n := len(informer.GetStore().List()); n != DefaultAppsPerCluster {
		t.Fatalf("informer lists %d apps", n)
	}

	apps := conn.Dynamic.Resource(argocd.ApplicationsGVR).Namespace("multicloud-gitops-group-one")
	app, err := apps.Get(ctx, "config-demo", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	driftApp(app, gitRevision(newTestRand()), testNow)
	if _, err := apps.Update(ctx, app, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return updated["config-demo"] == "OutOfSync"
	})
}

// waitFor polls cond for a few seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func BenchmarkConns1000(b *testing.B) {
	f := Build(Options{Clusters: 1000, AppsPerCluster: 20, SecretsPerCluster: 20, VolumesPerCluster: 10, Now: testNow})
	b.ResetTimer()
	for b.Loop() {
		Conns(f)
	}
}
