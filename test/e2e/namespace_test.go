package e2e

import "testing"

// TestNamespaceFlagLimitsEveryList: `-n payments` lists every namespaced kind in payments only,
// on every cluster, through the real API servers; cluster-scoped rows (clusters, sources)
// stay.
func TestNamespaceFlagLimitsEveryList(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	doc, r := s.statusJSON(t, s.kubeconfigFor(t, nil), "-n", "payments")
	if r.code != 1 {
		t.Fatalf("payments holds a failing secret: want exit 1, got %d\nstderr: %s", r.code, r.stderr)
	}
	doc.find(t, eastName, "ExternalSecret", "payments", "stripe-api-key")
	doc.find(t, westName, "ExternalSecret", "payments", "stripe-api-key")
	doc.find(t, eastName, "ManagedCluster", "", eastName)
	for _, row := range doc.Items {
		switch row.Kind {
		case "Cluster", "ManagedCluster", "Source", "ClusterSecretStore", "ClusterExternalSecret":
			continue
		}
		if row.Namespace != "payments" {
			t.Errorf("-n payments listed %s %s %s/%s", row.Cluster, row.Kind, row.Namespace, row.Name)
		}
	}
}
