package drift

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
)

func testApp() *model.App {
	now := time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC)
	return &model.App{
		Meta:        model.Meta{Ref: model.Ref{Cluster: "cluster-east-1", Kind: "Application", Namespace: "openshift-gitops", Name: "payments"}},
		SyncStatus:  "OutOfSync",
		SyncOptions: []string{"CreateNamespace=true", "ServerSideApply=true"},
		Operation: &model.Operation{Phase: "Failed", StartedAt: now.Add(-9 * time.Minute), Results: []model.SyncResult{
			{Kind: "Deployment", Namespace: "payments-with-a-rather-long-namespace-name", Name: "payments-api-with-a-long-name", Status: "SyncFailed"},
			{Kind: "ConfigMap", Namespace: "payments", Name: "payments-config", Status: "Synced"},
		}},
		Resources: []model.AppResource{
			{Kind: "CustomResourceDefinition", Namespace: "payments-with-a-rather-long-namespace-name", Name: "paymentgateways.payments.example.com",
				Status: "OutOfSync", RequiresPruning: true, Health: "Degraded", HealthMessage: "the gateway is degraded for a long reason"},
		},
		Conditions: []model.Condition{{Type: "SyncError", Status: "True", Reason: "SyncFailed", Message: strings.Repeat("a long message ", 10)}},
	}
}

// TestDriftTablesFitEightyColumns: at 80 columns no table line is wider than the page (they
// drop columns and cut their last cell instead of wrapping), the sync options read as a list,
// and there is no HOOK column when the sync ran no hook.
func TestDriftTablesFitEightyColumns(t *testing.T) {
	st := components.DefaultStyles()
	lines := driftLines(testApp(), &st, time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC), 80)
	text := ansi.Strip(strings.Join(lines, "\n"))
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line of %d cells: %q", w, l)
		}
	}
	if !strings.Contains(text, "Sync options  CreateNamespace=true, ServerSideApply=true") {
		t.Errorf("sync options not a list:\n%s", text)
	}
	if strings.Contains(text, "[") || strings.Contains(text, "HOOK") {
		t.Errorf("Go slice text or a HOOK column without hooks:\n%s", text)
	}
}
