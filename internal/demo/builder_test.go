package demo

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	clusterv1 "open-cluster-management.io/api/cluster/v1"
)

// testNow anchors test fleets so that their timestamps are reproducible.
var testNow = time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC)

func defaultFleet(t *testing.T) *Fleet {
	t.Helper()
	return Build(Options{Seed: 1, Now: testNow})
}

// byKind counts the fleet's objects per kind.
func byKind(f *Fleet) map[string]int {
	n := map[string]int{}
	for _, c := range f.Clusters {
		for _, u := range c.Objects {
			n[u.GetKind()]++
		}
	}
	return n
}

func TestDefaultFleetSize(t *testing.T) {
	f := defaultFleet(t)
	if f.Hub != HubName || len(f.Clusters) == 0 || !f.Clusters[0].Hub || f.Clusters[0].Name != HubName {
		t.Fatalf("hub must come first, got %q", f.Clusters[0].Name)
	}
	clouds := map[string]bool{}
	managed := 0
	for _, c := range f.Clusters[1:] {
		if c.Managed == nil || c.Hub {
			t.Errorf("%s: managed cluster without a ManagedCluster record", c.Name)
		}
		managed++
		clouds[c.Cloud] = true
	}
	if managed < 8 || len(clouds) < 3 {
		t.Errorf("want ≥ 8 managed clusters over ≥ 3 clouds, got %d over %v", managed, clouds)
	}
	if f.Clusters[0].Managed != nil {
		t.Error("the hub is kept unmanaged")
	}

	n := byKind(f)
	pxClaims := 0
	for _, c := range f.Clusters {
		classes := map[string]string{}
		for _, u := range c.Objects {
			if u.GetKind() == "StorageClass" {
				classes[u.GetName()], _, _ = unstructured.NestedString(u.Object, "provisioner")
			}
		}
		for _, u := range c.Objects {
			if u.GetKind() == "PersistentVolumeClaim" {
				class, _, _ := unstructured.NestedString(u.Object, "spec", "storageClassName")
				if classes[class] == pxProvisioner {
					pxClaims++
				}
			}
		}
	}
	for kind, least := range map[string]int{"Application": 60, "ExternalSecret": 40, "ApplicationSet": 1,
		"ClusterExternalSecret": 1, "PushSecret": 1, "StorageCluster": 8, "StorageNode": 24} {
		if n[kind] < least {
			t.Errorf("want ≥ %d %s, got %d", least, kind, n[kind])
		}
	}
	if stores := n["SecretStore"] + n["ClusterSecretStore"]; stores < 5 {
		t.Errorf("want ≥ 5 stores, got %d", stores)
	}
	if pxClaims < 30 {
		t.Errorf("want ≥ 30 Portworx claims, got %d", pxClaims)
	}
}

func TestDefaultFleetTrouble(t *testing.T) {
	f := defaultFleet(t)
	want := []string{ScenarioLeaseStopped, ScenarioSyncFailed, ScenarioOutOfSync, ScenarioStoreInvalid,
		ScenarioSecretFailing, ScenarioSecretStale, ScenarioNodeOffline, ScenarioPVCPending}
	seen := map[string]bool{}
	for _, tr := range f.Trouble {
		seen[tr.Scenario] = true
		if object(f, tr.Cluster, tr.Kind, tr.Namespace, tr.Name) == nil && tr.Kind != "ManagedCluster" {
			t.Errorf("trouble %+v names no object", tr)
		}
	}
	for _, s := range want {
		if !seen[s] {
			t.Errorf("scenario %s missing", s)
		}
	}

	west := cluster(f, "cluster-west-2").Managed
	avail := meta.FindStatusCondition(west.Status.Conditions, clusterv1.ManagedClusterConditionAvailable)
	if avail.Status != "Unknown" || avail.Reason != "ManagedClusterLeaseUpdateStopped" ||
		len(west.Spec.Taints) != 1 || west.Spec.Taints[0].Key != clusterv1.ManagedClusterTaintUnreachable {
		t.Errorf("cluster-west-2 lease: %+v taints %+v", avail, west.Spec.Taints)
	}
	edge := cluster(f, "cluster-edge-9")
	if !edge.NoAccess || len(edge.Objects) != 0 ||
		!meta.IsStatusConditionTrue(edge.Managed.Status.Conditions, clusterv1.ManagedClusterConditionAvailable) {
		t.Errorf("cluster-edge-9 must be Available but without access")
	}

	app := object(f, "cluster-azure-eu", "Application", "multicloud-gitops-group-one", "payments-api")
	checkString(t, app, "OutOfSync", "status", "sync", "status")
	checkString(t, app, "Degraded", "status", "health", "status")
	checkString(t, app, "Failed", "status", "operationState", "phase")
	if n, _, _ := unstructured.NestedInt64(app.Object, "status", "operationState", "retryCount"); n != 5 {
		t.Errorf("retryCount %d", n)
	}

	store := object(f, "cluster-gcp-eu", "ClusterSecretStore", "", vaultStoreName)
	conds, _, _ := unstructured.NestedSlice(store.Object, "status", "conditions")
	if c := conds[0].(map[string]any); c["status"] != "False" || c["reason"] != "InvalidProviderConfig" {
		t.Errorf("vault store on cluster-gcp-eu: %v", c)
	}
	offline := 0
	for _, u := range cluster(f, "cluster-onprem-1").Objects {
		if phase, _, _ := unstructured.NestedString(u.Object, "status", "phase"); u.GetKind() == "StorageNode" && phase == "Offline" {
			offline++
		}
	}
	if offline != 1 {
		t.Errorf("cluster-onprem-1: %d offline storage nodes, want 1", offline)
	}
}

// TestHubAppsTargetSpokes checks that every managed cluster, the unreachable one included, has
// a hub Application deploying to it.
func TestHubAppsTargetSpokes(t *testing.T) {
	f := defaultFleet(t)
	targets := map[string]bool{}
	for _, u := range f.Clusters[0].Objects {
		if u.GetKind() == "Application" {
			name, _, _ := unstructured.NestedString(u.Object, "spec", "destination", "name")
			targets[name] = true
		}
	}
	for _, c := range f.Clusters[1:] {
		if !targets[c.Name] {
			t.Errorf("no hub app deploys to %s", c.Name)
		}
	}
}

func TestAppStatusShape(t *testing.T) {
	f := defaultFleet(t)
	for _, c := range f.Clusters {
		for _, u := range c.Objects {
			if u.GetKind() != "Application" {
				continue
			}
			rev, _, _ := unstructured.NestedString(u.Object, "status", "sync", "revision")
			res, _, _ := unstructured.NestedSlice(u.Object, "status", "resources")
			hist, _, _ := unstructured.NestedSlice(u.Object, "status", "history")
			reconciled, _, _ := unstructured.NestedString(u.Object, "status", "reconciledAt")
			if len(rev) != 40 || len(res) < 2 || len(res) > 11 || len(hist) == 0 || reconciled == "" {
				t.Fatalf("%s/%s: revision %q, %d resources, %d history, reconciledAt %q",
					c.Name, u.GetName(), rev, len(res), len(hist), reconciled)
			}
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, b := Build(Options{Seed: 7, Now: testNow}), Build(Options{Seed: 7, Now: testNow})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two builds with the same options differ")
	}
	c := Build(Options{Seed: 8, Now: testNow})
	if reflect.DeepEqual(a.Clusters[1].Objects, c.Clusters[1].Objects) {
		t.Fatal("a different seed gives the same fleet")
	}
	// Cluster i does not depend on the fleet size.
	big := Build(Options{Seed: 7, Now: testNow, Clusters: 20})
	if !reflect.DeepEqual(a.Clusters[3], big.Clusters[3]) {
		t.Fatal("cluster 3 changes with the fleet size")
	}
}

func TestBuildLargeFleet(t *testing.T) {
	f := Build(Options{Clusters: 500, AppsPerCluster: 20, SecretsPerCluster: 20, VolumesPerCluster: 10, Now: testNow})
	if len(f.Clusters) != 501 {
		t.Fatalf("got %d clusters", len(f.Clusters))
	}
	names := map[string]bool{}
	for _, c := range f.Clusters {
		if names[c.Name] {
			t.Fatalf("duplicate cluster name %s", c.Name)
		}
		names[c.Name] = true
		seen := map[string]bool{}
		for _, u := range c.Objects {
			key := u.GetAPIVersion() + "/" + u.GetKind() + "/" + u.GetNamespace() + "/" + u.GetName()
			if seen[key] {
				t.Fatalf("%s: duplicate object %s", c.Name, key)
			}
			seen[key] = true
		}
	}
	if n := byKind(f)["Application"]; n < 500*20 {
		t.Errorf("got %d Applications", n)
	}
}

func BenchmarkBuild3500(b *testing.B) {
	for b.Loop() {
		Build(Options{Clusters: 3500, AppsPerCluster: 20, SecretsPerCluster: 20, VolumesPerCluster: 10, Now: testNow})
	}
}

// Helpers.

func cluster(f *Fleet, name string) *Cluster {
	i := slices.IndexFunc(f.Clusters, func(c Cluster) bool { return c.Name == name })
	if i < 0 {
		return nil
	}
	return &f.Clusters[i]
}

// object finds an object by kind, namespace and name; an empty name matches any.
func object(f *Fleet, clusterName, kind, namespace, name string) *unstructured.Unstructured {
	c := cluster(f, clusterName)
	if c == nil {
		return nil
	}
	for _, u := range c.Objects {
		if u.GetKind() == kind && u.GetNamespace() == namespace && (name == "" || u.GetName() == name) {
			return u
		}
	}
	return nil
}

func checkString(t *testing.T, u *unstructured.Unstructured, want string, path ...string) {
	t.Helper()
	if u == nil {
		t.Fatalf("object missing (want %v = %q)", path, want)
	}
	if got, _, _ := unstructured.NestedString(u.Object, path...); got != want {
		t.Errorf("%s %v = %q, want %q", u.GetName(), path, got, want)
	}
}

// TestNoSharedValues checks that no two places of the fleet share a map or slice, so that
// changing one field of one object can never change another.
func TestNoSharedValues(t *testing.T) {
	f := defaultFleet(t)
	seen := map[uintptr]string{}
	var walk func(where string, v any)
	walk = func(where string, v any) {
		switch x := v.(type) {
		case map[string]any:
			p := reflect.ValueOf(x).Pointer()
			if other, dup := seen[p]; dup {
				t.Errorf("%s shares a map with %s", where, other)
			}
			seen[p] = where
			for k, c := range x {
				walk(where+"."+k, c)
			}
		case []any:
			if len(x) > 0 {
				p := reflect.ValueOf(x).Pointer()
				if other, dup := seen[p]; dup {
					t.Errorf("%s shares a slice with %s", where, other)
				}
				seen[p] = where
			}
			for i, c := range x {
				walk(where+"["+strconv.Itoa(i)+"]", c)
			}
		}
	}
	for _, c := range f.Clusters {
		for _, u := range c.Objects {
			walk(c.Name+"/"+u.GetKind()+"/"+u.GetNamespace()+"/"+u.GetName(), u.Object)
		}
	}
}
