package kube

import "testing"

// TestInNamespace: -n limits every namespaced kind, never a cluster-scoped one, and leaves a
// kind with its own namespace (--argocd-namespace) alone.
func TestInNamespace(t *testing.T) {
	specs := []ProductSpec{{Kinds: []KindSpec{
		{Resource: "externalsecrets"},
		{Resource: "clustersecretstores", ClusterScoped: true},
		{Resource: "applications", Namespace: "argocd"},
	}}}
	got := InNamespace(specs, "payments")[0].Kinds
	if got[0].Namespace != "payments" || got[1].Namespace != "" || got[2].Namespace != "argocd" {
		t.Fatalf("namespaces %q %q %q", got[0].Namespace, got[1].Namespace, got[2].Namespace)
	}
	if specs[0].Kinds[0].Namespace != "" {
		t.Fatal("InNamespace changed its input")
	}
}
