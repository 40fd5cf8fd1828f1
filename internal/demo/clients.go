package demo

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	kruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/version"
	fakediscovery "k8s.io/client-go/discovery/fake"
	"k8s.io/client-go/dynamic"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	clienttesting "k8s.io/client-go/testing"
	clusterfake "open-cluster-management.io/api/client/cluster/clientset/versioned/fake"

	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// Conns serves a fleet through client-go's fake clients: one connection per cluster that has a
// kubeconfig context (NoAccess clusters get none), each with a fake dynamic client pre-loaded
// with the cluster's objects, a fake discovery client listing exactly the resources the cluster
// serves, and, for the hub, a fake Open Cluster Management clientset holding the ManagedClusters
// (which the hub's dynamic client serves too). Resources a cluster does not serve answer
// NotFound, as an API server does. spokes follow the fleet's cluster order.
//
// The dynamic clients also answer SelfSubjectAccessReviews (allowed, except in a cluster's
// DeniedNamespaces) and SelfSubjectReviews (DemoUser), give every write a fresh resourceVersion
// and refuse stale updates with 409 Conflict, as an API server does (see apiserver.go).
//
// The fake clients record every call they receive; the Simulator clears those records as it
// runs, so a long demo does not grow without bound.
func Conns(f *Fleet) (hub kube.Conn, spokes []kube.Conn) {
	var managed []kruntime.Object
	for _, c := range f.Clusters {
		if c.Managed != nil {
			managed = append(managed, c.Managed.DeepCopy())
		}
	}
	// Loading the fake trackers deep-copies every object, so clusters are loaded in parallel.
	conns := make([]*kube.Conn, len(f.Clusters))
	rv := newResourceVersions()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(f.Clusters)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(f.Clusters); i = int(next.Add(1) - 1) {
				if c := f.Clusters[i]; !c.NoAccess {
					conns[i] = newConn(c, managed, rv)
				}
			}
		})
	}
	wg.Wait()
	for i, c := range conns {
		switch {
		case c == nil:
		case f.Clusters[i].Hub:
			hub = *c
		default:
			spokes = append(spokes, *c)
		}
	}
	return hub, spokes
}

// newConn builds one cluster's fake clients; the hub also gets the ManagedClusters.
func newConn(c Cluster, managed []kruntime.Object, rv *resourceVersions) *kube.Conn {
	conn := &kube.Conn{Cluster: c.Name, Context: ContextName(c.Name), Server: APIServer(c.Name)}
	served := servedResources(c)
	objects := storedObjects(c)
	if c.Hub {
		for _, mc := range managed {
			u, err := kruntime.DefaultUnstructuredConverter.ToUnstructured(mc)
			if err != nil {
				panic("demo: ManagedCluster does not convert to unstructured: " + err.Error())
			}
			objects = append(objects, &unstructured.Unstructured{Object: u})
		}
		conn.OCM = clusterfake.NewSimpleClientset(managed...)
	}
	dyn := newDynamicClient(served, objects, rv)
	addAPIServerReactors(dyn, c.DeniedNamespaces)
	conn.Dynamic = dyn
	conn.Discovery = newDiscovery(c.KubeVersion, served)
	return conn
}

// servedResource is one resource in a cluster's discovery document.
type servedResource struct {
	gvr        schema.GroupVersionResource
	kind       string
	namespaced bool
	shortNames []string
	status     bool // has a status subresource
}

// Group/versions served by every demo cluster, besides ESO's which vary.
var (
	argoResources = []servedResource{
		{gvr("argoproj.io", "v1alpha1", "applications"), "Application", true, []string{"app", "apps"}, false},
		{gvr("argoproj.io", "v1alpha1", "applicationsets"), "ApplicationSet", true, []string{"appset", "appsets"}, true},
		{gvr("argoproj.io", "v1alpha1", "appprojects"), "AppProject", true, []string{"appproj", "appprojs"}, false},
	}
	portworxResources = []servedResource{
		{gvr("core.libopenstorage.org", "v1", "storageclusters"), "StorageCluster", true, []string{"stc"}, true},
		{gvr("core.libopenstorage.org", "v1", "storagenodes"), "StorageNode", true, []string{"sn"}, true},
	}
	coreResources = []servedResource{
		{gvr("", "v1", "namespaces"), "Namespace", false, []string{"ns"}, true},
		{gvr("", "v1", "persistentvolumeclaims"), "PersistentVolumeClaim", true, []string{"pvc"}, true},
		{gvr("", "v1", "persistentvolumes"), "PersistentVolume", false, []string{"pv"}, true},
		{gvr("storage.k8s.io", "v1", "storageclasses"), "StorageClass", false, []string{"sc"}, false},
	}
	managedClusterResource = servedResource{gvr("cluster.open-cluster-management.io", "v1", "managedclusters"),
		"ManagedCluster", false, []string{"mcl", "mcls"}, true}
	pushSecretResources = []servedResource{
		{gvr(esoGroup, "v1alpha1", "pushsecrets"), "PushSecret", true, nil, true},
		{gvr(esoGroup, "v1alpha1", "clusterpushsecrets"), "ClusterPushSecret", false, nil, true},
	}
)

// esoResources are the ESO resources served at one of the versions in Cluster.ESOVersions.
func esoResources(ver string) []servedResource {
	return []servedResource{
		{gvr(esoGroup, ver, "externalsecrets"), "ExternalSecret", true, []string{"es"}, true},
		{gvr(esoGroup, ver, "clusterexternalsecrets"), "ClusterExternalSecret", false, []string{"ces"}, true},
		{gvr(esoGroup, ver, "secretstores"), "SecretStore", true, []string{"ss"}, true},
		{gvr(esoGroup, ver, "clustersecretstores"), "ClusterSecretStore", false, []string{"css"}, true},
	}
}

func gvr(group, ver, resource string) schema.GroupVersionResource {
	return schema.GroupVersionResource{Group: group, Version: ver, Resource: resource}
}

// servedResources lists what the cluster's API serves, ESO versions in preference order (the
// fake discovery makes the first version it sees of a group the preferred one).
func servedResources(c Cluster) []servedResource {
	out := append(append(append([]servedResource{}, argoResources...), portworxResources...), coreResources...)
	for _, v := range c.ESOVersions {
		out = append(out, esoResources(v)...)
	}
	out = append(out, pushSecretResources...)
	out = append(out, reviewResources...)
	if c.Hub {
		out = append(out, managedClusterResource)
		out = append(out, governanceResources...)
	}
	return out
}

// storedObjects returns the cluster's objects plus, for ESO kinds, a copy at every other served
// version: the fake tracker stores objects per version, where an API server converts.
func storedObjects(c Cluster) []kruntime.Object {
	out := make([]kruntime.Object, 0, len(c.Objects)*5/4)
	for _, u := range c.Objects {
		out = append(out, u)
		group, ver, _ := strings.Cut(u.GetAPIVersion(), "/")
		if group != esoGroup || u.GetKind() == "PushSecret" {
			continue
		}
		for _, other := range c.ESOVersions {
			if other != ver {
				out = append(out, atVersion(u, esoGroup+"/"+other))
			}
		}
	}
	return out
}

// atVersion returns a shallow copy of u with another apiVersion; the tracker deep-copies what
// it stores, so sharing the nested maps here is safe.
func atVersion(u *unstructured.Unstructured, apiVersion string) *unstructured.Unstructured {
	obj := make(map[string]any, len(u.Object))
	for k, v := range u.Object {
		obj[k] = v
	}
	obj["apiVersion"] = apiVersion
	return &unstructured.Unstructured{Object: obj}
}

// newDynamicClient returns a fake dynamic client holding objects that answers NotFound for
// every resource outside served; rv versions its writes.
func newDynamicClient(served []servedResource, objects []kruntime.Object, rv *resourceVersions) *servedOnly {
	listKinds := make(map[schema.GroupVersionResource]string, len(served))
	set := make(map[schema.GroupVersionResource]bool, len(served))
	for _, r := range served {
		listKinds[r.gvr] = r.kind + "List"
		set[r.gvr] = true
	}
	scheme := kruntime.NewScheme()
	return &servedOnly{FakeDynamicClient: dynamicfake.NewSimpleDynamicClientWithCustomListKinds(scheme, listKinds, objects...),
		served: set, rv: rv}
}

// newDiscovery returns a fake discovery client that lists served and reports the version.
func newDiscovery(gitVersion string, served []servedResource) *fakediscovery.FakeDiscovery {
	var lists []*metav1.APIResourceList
	index := map[string]*metav1.APIResourceList{}
	for _, r := range served {
		gv := r.gvr.GroupVersion().String()
		list := index[gv]
		if list == nil {
			list = &metav1.APIResourceList{GroupVersion: gv}
			index[gv] = list
			lists = append(lists, list)
		}
		singular := strings.ToLower(r.kind)
		verbs := metav1.Verbs{"delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"}
		if createOnly(r.gvr) {
			verbs = metav1.Verbs{"create"}
		}
		list.APIResources = append(list.APIResources, metav1.APIResource{
			Name: r.gvr.Resource, SingularName: singular, Namespaced: r.namespaced, Kind: r.kind,
			ShortNames: r.shortNames, Verbs: verbs,
		})
		if r.status {
			list.APIResources = append(list.APIResources, metav1.APIResource{
				Name: r.gvr.Resource + "/status", Namespaced: r.namespaced, Kind: r.kind,
				Verbs: metav1.Verbs{"get", "patch", "update"},
			})
		}
	}
	major, minor := "1", ""
	if v := strings.TrimPrefix(gitVersion, "v1."); v != gitVersion {
		minor, _, _ = strings.Cut(v, ".")
	}
	return &fakediscovery.FakeDiscovery{
		Fake:               &clienttesting.Fake{Resources: lists},
		FakedServerVersion: &version.Info{Major: major, Minor: minor, GitVersion: gitVersion, Platform: "linux/amd64"},
	}
}

// servedOnly is a fake dynamic client restricted to the resources a cluster serves. It embeds
// the fake so that its Tracker and recorded actions stay reachable.
type servedOnly struct {
	*dynamicfake.FakeDynamicClient
	served map[schema.GroupVersionResource]bool
	rv     *resourceVersions // shared by the fleet's clusters
	// withdrawn are served resources an incident took away (withdraw.go).
	withdrawn withdrawals
}

var _ dynamic.Interface = (*servedOnly)(nil)

// Resource returns the fake's resource client, or one that answers NotFound.
func (d *servedOnly) Resource(r schema.GroupVersionResource) dynamic.NamespaceableResourceInterface {
	if d.served[r] {
		all := d.FakeDynamicClient.Resource(r)
		return withdrawable{w: &d.withdrawn, gvr: r, all: all, scope: all}
	}
	return notServed{}
}
