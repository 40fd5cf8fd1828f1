package e2e

import (
	"strings"
	"testing"
)

// seedExamples creates the upstream example objects: on cluster-east every kind (ESO v0.16.2,
// so the v1beta1 ExternalSecret too), on cluster-west the ESO v1 ones (ESO v2.9.0 does not
// serve v1beta1). Created once; later tests add their own objects in their own namespaces.
func seedExamples(t testing.TB, s *Suite) {
	t.Helper()
	seedOnce.Do(func() {
		for _, name := range []string{"00-namespaces", "argocd-application-synced-healthy", "argocd-application-outofsync-degraded",
			"externalsecret-ready-true", "externalsecret-ready-false", "externalsecret-v1beta1-ready-true",
			"portworx-storagecluster-online", "portworx-storagecluster-online-legacy-phase", "portworx-storagenode-online"} {
			for _, obj := range example(t, name) {
				s.East.Create(t, obj)
			}
		}
		for _, name := range []string{"externalsecret-ready-true", "externalsecret-ready-false"} {
			for _, obj := range example(t, name) {
				s.West.Create(t, obj)
			}
		}
	})
}

// Every source against the real API server: objects created with their status (written
// through the status subresource, as controllers do) appear in `status -o json` with the
// verdicts the rules give them.
func TestEverySourceAgainstARealAPIServer(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	doc, r := s.statusJSON(t, s.kubeconfigFor(t, nil))
	if r.code != 1 {
		t.Fatalf("the examples include failures: want exit 1, got %d\nstderr: %s", r.code, r.stderr)
	}
	want := []struct {
		cluster, kind, namespace, name, verdict, reason string
	}{
		{eastName, "Application", "argocd", "velero-test", "OK", ""},
		{eastName, "Application", "argocd", "guestbook-cluster2", "Critical", ""},
		{eastName, "ExternalSecret", "payments", "stripe-api-key", "Critical", "SecretSyncedError"},
		{westName, "ExternalSecret", "payments", "stripe-api-key", "Critical", "SecretSyncedError"},
		{eastName, "StorageCluster", "portworx", "px-cluster-6f3c9b1e", "OK", ""},
		{eastName, "StorageCluster", "portworx", "px-cluster-legacy", "OK", ""},
		{eastName, "StorageNode", "portworx", "worker-1", "OK", ""},
		{westName, "Source", "", "portworx", "OK", "not served"},
	}
	for _, w := range want {
		row := doc.find(t, w.cluster, w.kind, w.namespace, w.name)
		if row.Verdict != w.verdict || !strings.Contains(row.Reason, w.reason) {
			t.Errorf("%s %s %s/%s: %s %q, want %s containing %q", w.cluster, w.kind, w.namespace, w.name, row.Verdict, row.Reason, w.verdict, w.reason)
		}
	}
	// The v1beta1 ExternalSecret is read (as v1) where ESO v0.16.2 serves both versions.
	doc.find(t, eastName, "ExternalSecret", "payments", "legacy-api-token")
	if row := doc.find(t, westName, "Source", "", "portworx"); row.SourceState != "NotInstalled" {
		t.Errorf("Portworx on %s: %s, want NotInstalled", westName, row.SourceState)
	}
	for _, spoke := range []string{eastName, westName} {
		if row := doc.find(t, spoke, "ManagedCluster", "", spoke); row.Reason == "" && row.Verdict != "OK" {
			t.Errorf("ManagedCluster %s: %+v", spoke, row)
		}
	}
}
