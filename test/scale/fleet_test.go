package scale

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/mcgtui/mcgtui/internal/demo"
)

// watched are the resources mcgtui lists and watches on a hub with every product (the first
// served version of each kind of fleet.DefaultProducts, and ManagedClusters), as kubectl
// names them, with whether they are namespaced.
var watched = []struct {
	gvr        schema.GroupVersionResource
	kubectl    string
	namespaced bool
}{
	{schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "applications"}, "applications.argoproj.io", true},
	{schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "applicationsets"}, "applicationsets.argoproj.io", true},
	{schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "externalsecrets"}, "externalsecrets.external-secrets.io", true},
	{schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "clusterexternalsecrets"}, "clusterexternalsecrets.external-secrets.io", false},
	{schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1alpha1", Resource: "pushsecrets"}, "pushsecrets.external-secrets.io", true},
	{schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "secretstores"}, "secretstores.external-secrets.io", true},
	{schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "clustersecretstores"}, "clustersecretstores.external-secrets.io", false},
	{schema.GroupVersionResource{Group: "core.libopenstorage.org", Version: "v1", Resource: "storageclusters"}, "storageclusters.core.libopenstorage.org", true},
	{schema.GroupVersionResource{Group: "core.libopenstorage.org", Version: "v1", Resource: "storagenodes"}, "storagenodes.core.libopenstorage.org", true},
	{schema.GroupVersionResource{Group: "storage.k8s.io", Version: "v1", Resource: "storageclasses"}, "storageclasses.storage.k8s.io", false},
	{schema.GroupVersionResource{Version: "v1", Resource: "persistentvolumeclaims"}, "persistentvolumeclaims", true},
	{schema.GroupVersionResource{Version: "v1", Resource: "persistentvolumes"}, "persistentvolumes", false},
	{schema.GroupVersionResource{Group: "cluster.open-cluster-management.io", Version: "v1", Resource: "managedclusters"}, "managedclusters.cluster.open-cluster-management.io", false},
}

// loaded describes the fleet in the control plane.
type loaded struct {
	clusters int
	objects  int // objects of the watched resources
	took     time.Duration
}

// resourceOf maps a demo object's kind to its resource (the watched ones, plus Namespace).
func resourceOf(u *unstructured.Unstructured) (schema.GroupVersionResource, bool) {
	group, version, _ := strings.Cut(u.GetAPIVersion(), "/")
	if version == "" {
		group, version = "", group
	}
	kind := u.GetKind()
	for _, w := range watched {
		if w.gvr.Group == group && strings.EqualFold(w.gvr.Resource, strings.ToLower(kind)+"s") {
			gvr := w.gvr
			gvr.Version = version // v1beta1 ESO objects are created as such: the CRD serves both
			return gvr, true
		}
	}
	if kind == "StorageClass" {
		return watched[9].gvr, true
	}
	return schema.GroupVersionResource{}, false
}

// loadFleet creates the reference fleet with n managed clusters in the one control plane:
// each cluster's objects in namespaces prefixed with its index ("c0042-payments"), its
// cluster-scoped objects renamed the same way, and the ManagedClusters on the hub. Status is
// written with the status subresource where there is one, as the controllers would.
func loadFleet(t *testing.T, e *env, n int) loaded {
	t.Helper()
	start := time.Now()
	f := demo.Build(demo.ReferenceOptions(n))
	cfg := rest.CopyConfig(e.plane.Admin)
	cfg.QPS, cfg.Burst = 5000, 10000
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var objs []*unstructured.Unstructured
	namespaces := map[string]bool{}
	classes := map[string]bool{}
	for i, c := range f.Clusters {
		prefix := fmt.Sprintf("c%04d-", i)
		for _, u := range c.Objects {
			if _, ok := resourceOf(u); !ok {
				continue // Namespaces, AppProjects: not watched; namespaces are made below
			}
			u = u.DeepCopy()
			if u.GetKind() == "StorageClass" {
				if classes[u.GetName()] { // the same classes on every cluster: one of each
					continue
				}
				classes[u.GetName()] = true
			} else {
				rename(u, prefix)
			}
			if ns := u.GetNamespace(); ns != "" {
				namespaces[ns] = true
			}
			objs = append(objs, u)
		}
		if c.Managed != nil {
			raw, err := runtime.DefaultUnstructuredConverter.ToUnstructured(c.Managed)
			if err != nil {
				t.Fatal(err)
			}
			objs = append(objs, &unstructured.Unstructured{Object: raw})
		}
	}
	ctx := context.Background()
	nsGVR := schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}
	var nsObjs []*unstructured.Unstructured
	for ns := range namespaces {
		u := &unstructured.Unstructured{}
		u.SetAPIVersion("v1")
		u.SetKind("Namespace")
		u.SetName(ns)
		nsObjs = append(nsObjs, u)
	}
	create(t, ctx, dyn, nsObjs, func(*unstructured.Unstructured) schema.GroupVersionResource { return nsGVR })
	create(t, ctx, dyn, objs, func(u *unstructured.Unstructured) schema.GroupVersionResource {
		if u.GetKind() == "ManagedCluster" {
			return watched[len(watched)-1].gvr
		}
		gvr, _ := resourceOf(u)
		return gvr
	})
	l := loaded{clusters: n, objects: len(objs), took: time.Since(start)}
	t.Logf("loaded %d managed clusters: %d objects of the watched kinds (+%d namespaces) in %s",
		n, l.objects, len(nsObjs), l.took.Round(time.Second))
	return l
}

// rename moves a cluster's object into its prefixed namespace, or prefixes its name when it
// is cluster-scoped, along with the references that point at renamed objects.
func rename(u *unstructured.Unstructured, prefix string) {
	if ns := u.GetNamespace(); ns != "" {
		u.SetNamespace(prefix + ns)
	} else if u.GetKind() != "ManagedCluster" {
		u.SetName(prefix + u.GetName())
	}
	switch u.GetKind() {
	case "PersistentVolumeClaim":
		if v, ok, _ := unstructured.NestedString(u.Object, "spec", "volumeName"); ok && v != "" {
			_ = unstructured.SetNestedField(u.Object, prefix+v, "spec", "volumeName")
		}
	case "PersistentVolume":
		if ns, ok, _ := unstructured.NestedString(u.Object, "spec", "claimRef", "namespace"); ok && ns != "" {
			_ = unstructured.SetNestedField(u.Object, prefix+ns, "spec", "claimRef", "namespace")
		}
	case "ExternalSecret":
		if k, _, _ := unstructured.NestedString(u.Object, "spec", "secretStoreRef", "kind"); k == "ClusterSecretStore" {
			name, _, _ := unstructured.NestedString(u.Object, "spec", "secretStoreRef", "name")
			_ = unstructured.SetNestedField(u.Object, prefix+name, "spec", "secretStoreRef", "name")
		}
	}
}

// create creates objs on 16 goroutines, then writes each one's status through the status
// subresource when the create dropped it.
func create(t *testing.T, ctx context.Context, dyn dynamic.Interface, objs []*unstructured.Unstructured, gvrOf func(*unstructured.Unstructured) schema.GroupVersionResource) {
	t.Helper()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		failures atomic.Int64
		firstErr atomic.Value
	)
	for range 16 {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(objs); i = int(next.Add(1) - 1) {
				if err := createOne(ctx, dyn, gvrOf(objs[i]), objs[i]); err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%s %s/%s: %v", objs[i].GetKind(), objs[i].GetNamespace(), objs[i].GetName(), err))
				}
			}
		})
	}
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d of %d objects not created; first: %v", n, len(objs), firstErr.Load())
	}
}

func createOne(ctx context.Context, dyn dynamic.Interface, gvr schema.GroupVersionResource, u *unstructured.Unstructured) error {
	status, hasStatus := u.Object["status"]
	u.SetResourceVersion("")
	u.SetUID("")
	u.SetManagedFields(nil)
	res := dyn.Resource(gvr).Namespace(u.GetNamespace())
	created, err := res.Create(ctx, u, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	if err != nil || !hasStatus || gvr.Resource == "applications" || gvr.Resource == "namespaces" {
		return err // Applications have no status subresource: their status was created with them
	}
	created.Object["status"] = status
	_, err = res.UpdateStatus(ctx, created, metav1.UpdateOptions{})
	return err
}
