package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// CRD sets, copied byte for byte from the upstream projects into testdata/crds (see its
// UPSTREAM.md for versions and provenance).
const (
	esoDefault = "external-secrets"                   // v0.16.2: serves v1 and v1beta1
	esoV29     = "alternates/external-secrets-v2.9.0" // v2.9.0: serves v1 only
	crdRoot    = "testdata/crds"
	examples   = "testdata/crds/examples"
	readerRole = "mcgtui-reader"
)

func hubCRDs() []string {
	return crdDirs("ocm", "acm-foundation", "acm-gitops", "argocd", esoDefault, "portworx", "governance")
}

func spokeCRDs(eso string, portworx bool) []string {
	dirs := []string{"argocd", eso}
	if portworx {
		dirs = append(dirs, "portworx")
	}
	return crdDirs(dirs...)
}

func crdDirs(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(crdRoot, n)
	}
	return out
}

// mcgtuiReaderRules is everything mcgtui reads, and nothing more: no Secrets.
func mcgtuiReaderRules() []rbacv1.PolicyRule {
	read := []string{"get", "list", "watch"}
	return []rbacv1.PolicyRule{
		{APIGroups: []string{"cluster.open-cluster-management.io"}, Resources: []string{"managedclusters"}, Verbs: read},
		{APIGroups: []string{"addon.open-cluster-management.io"}, Resources: []string{"managedclusteraddons"}, Verbs: read},
		{APIGroups: []string{"argoproj.io"}, Resources: []string{"applications", "applicationsets"}, Verbs: read},
		{APIGroups: []string{"external-secrets.io"}, Resources: []string{"externalsecrets", "clusterexternalsecrets", "pushsecrets", "secretstores", "clustersecretstores"}, Verbs: read},
		{APIGroups: []string{"core.libopenstorage.org"}, Resources: []string{"storageclusters", "storagenodes"}, Verbs: read},
		{APIGroups: []string{""}, Resources: []string{"persistentvolumeclaims", "persistentvolumes"}, Verbs: read},
		{APIGroups: []string{"storage.k8s.io"}, Resources: []string{"storageclasses"}, Verbs: read},
		{APIGroups: []string{"policy.open-cluster-management.io"}, Resources: []string{"policies", "policysets", "placementbindings"}, Verbs: read},
		{APIGroups: []string{"cluster.open-cluster-management.io"}, Resources: []string{"placements", "placementdecisions"}, Verbs: read},
		// The Portworx SDK through the API server's service proxy (no portworx-api Service here:
		// the SDK source is NotInstalled).
		{APIGroups: []string{""}, Resources: []string{"services/proxy"}, Verbs: []string{"get"}},
	}
}

// resources maps the kinds the tests create to their resources.
var resources = map[string]string{
	"Namespace": "namespaces", "ManagedCluster": "managedclusters", "Application": "applications",
	"ApplicationSet": "applicationsets", "ExternalSecret": "externalsecrets", "SecretStore": "secretstores",
	"ClusterSecretStore": "clustersecretstores", "ClusterExternalSecret": "clusterexternalsecrets",
	"PushSecret": "pushsecrets", "StorageCluster": "storageclusters", "StorageNode": "storagenodes",
	"PersistentVolumeClaim": "persistentvolumeclaims", "PersistentVolume": "persistentvolumes",
	"StorageClass": "storageclasses", "ManagedClusterAddOn": "managedclusteraddons", "Policy": "policies", "PolicySet": "policysets",
	"PlacementBinding": "placementbindings", "Placement": "placements", "PlacementDecision": "placementdecisions",
}

func gvrOf(u *unstructured.Unstructured) (schema.GroupVersionResource, error) {
	gv, err := schema.ParseGroupVersion(u.GetAPIVersion())
	if err != nil {
		return schema.GroupVersionResource{}, err
	}
	res, ok := resources[u.GetKind()]
	if !ok {
		return schema.GroupVersionResource{}, fmt.Errorf("no resource known for kind %s", u.GetKind())
	}
	return gv.WithResource(res), nil
}

// loadObjects reads every object of a multi-document YAML file under testdata.
func loadObjects(t testing.TB, path string) []*unstructured.Unstructured {
	t.Helper()
	objs, err := readObjects(path)
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

func readObjects(path string) ([]*unstructured.Unstructured, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var out []*unstructured.Unstructured
	for {
		var obj map[string]any
		if err := dec.Decode(&obj); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if obj != nil {
			out = append(out, &unstructured.Unstructured{Object: obj})
		}
	}
}

// example loads one example object file (testdata/crds/examples/NAME.yaml).
func example(t testing.TB, name string) []*unstructured.Unstructured {
	return loadObjects(t, filepath.Join(examples, name+".yaml"))
}

// Create creates an object the way its controller would leave it: the object first, then its
// .status through the status subresource where the kind has one (the create drops .status).
// Namespaces are created as needed.
func (p *Plane) Create(t testing.TB, u *unstructured.Unstructured) *unstructured.Unstructured {
	t.Helper()
	ctx := context.Background()
	if ns := u.GetNamespace(); ns != "" {
		p.EnsureNamespace(t, ns)
	}
	gvr, err := gvrOf(u)
	if err != nil {
		t.Fatal(err)
	}
	status, hasStatus := u.Object["status"]
	created, err := p.Dyn.Resource(gvr).Namespace(u.GetNamespace()).Create(ctx, u.DeepCopy(), metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("%s: create %s %s/%s: %v", p.Name, u.GetKind(), u.GetNamespace(), u.GetName(), err)
	}
	if !hasStatus {
		return created
	}
	if _, stored := created.Object["status"]; stored && u.GetKind() == "Application" {
		return created // no status subresource: the create stored it
	}
	created.Object["status"] = status
	updated, err := p.Dyn.Resource(gvr).Namespace(u.GetNamespace()).UpdateStatus(ctx, created, metav1.UpdateOptions{})
	if err != nil {
		t.Fatalf("%s: status of %s %s/%s: %v", p.Name, u.GetKind(), u.GetNamespace(), u.GetName(), err)
	}
	return updated
}

// EnsureNamespace creates a namespace unless it exists.
func (p *Plane) EnsureNamespace(t testing.TB, name string) {
	t.Helper()
	ns := &unstructured.Unstructured{Object: map[string]any{"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": name}}}
	_, err := p.Dyn.Resource(schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}).Create(context.Background(), ns, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatalf("%s: namespace %s: %v", p.Name, name, err)
	}
}

// Patch merge-patches an object, through the status subresource when status is true.
func (p *Plane) Patch(t *testing.T, apiVersion, kind, namespace, name, patch string, status bool) {
	t.Helper()
	u := &unstructured.Unstructured{}
	u.SetAPIVersion(apiVersion)
	u.SetKind(kind)
	gvr, err := gvrOf(u)
	if err != nil {
		t.Fatal(err)
	}
	var sub []string
	if status {
		sub = []string{"status"}
	}
	if _, err := p.Dyn.Resource(gvr).Namespace(namespace).Patch(context.Background(), name, "application/merge-patch+json", []byte(patch), metav1.PatchOptions{}, sub...); err != nil {
		t.Fatalf("%s: patch %s %s/%s: %v", p.Name, kind, namespace, name, err)
	}
}

// uniqueName makes a name for one test's objects (no controller deletes anything here, so
// each test uses its own namespace and names).
func uniqueName(t *testing.T, prefix string) string {
	n := strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name()))
	if len(n) > 40 {
		n = n[len(n)-40:]
	}
	return strings.Trim(prefix+"-"+n, "-")
}
