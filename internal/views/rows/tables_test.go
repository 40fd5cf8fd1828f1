package rows

import (
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

func TestResourceTableOrdersOutOfSyncFirstAndInventsNothing(t *testing.T) {
	lines := ResourceTable([]model.AppResource{
		{Kind: "Service", Namespace: "web", Name: "web", Status: "Synced"},
		{Kind: "ConfigMap", Namespace: "web", Name: "old", Status: "OutOfSync", RequiresPruning: true},
		{Kind: "Deployment", Namespace: "web", Name: "web", Status: "OutOfSync", Health: "Degraded", HealthMessage: "0/1 ready"},
	}, false, 0)
	want := []string{
		" KIND        NAMESPACE  NAME  SYNC       PRUNE             HEALTH",
		" ConfigMap   web        old   OutOfSync  requires pruning  -",
		" Deployment  web        web   OutOfSync                    Degraded: 0/1 ready",
		" Service     web        web   Synced                       -",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestStoreRefsKeepEachKind: a PushSecret naming a ClusterSecretStore and a SecretStore shows
// each with its own kind.
func TestStoreRefsKeepEachKind(t *testing.T) {
	e := &model.ExternalSecret{Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault"}, {Kind: "SecretStore", Name: "aws"}}}
	if got := StoreRefs(e, "/"); got != "ClusterSecretStore/vault, SecretStore/aws" {
		t.Errorf("StoreRefs = %q", got)
	}
	if got := StoreRefs(e, ""); got != "vault, aws" {
		t.Errorf("StoreRefs names = %q", got)
	}
}
