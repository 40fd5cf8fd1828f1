package health

import (
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// now is the fixed moment every test judges at.
var now = time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC)

// want is an expected verdict with its exact reason.
type want struct {
	verdict model.Verdict
	reason  string
}

func (w want) check(t *testing.T, got model.Health) {
	t.Helper()
	if got.Verdict != w.verdict || got.Reason != w.reason {
		t.Errorf("got %v %q\nwant %v %q", got.Verdict, got.Reason, w.verdict, w.reason)
	}
}

// Messages as Argo CD v3.5.1 writes them (see the argocd-application-outofsync-degraded example).
const (
	applyFailed = `one or more objects failed to apply, reason: Deployment.apps "guestbook-ui" is invalid (retried 5 times).`
	deadline    = `Deployment "guestbook-ui" exceeded its progress deadline`
)

// guestbookResources is status.resources of the OutOfSync/Degraded example.
var guestbookResources = []model.AppResource{
	{Kind: "Service", Name: "guestbook-ui", Status: "Synced", Health: "Healthy"},
	{Group: "apps", Kind: "Deployment", Name: "guestbook-ui", Status: "OutOfSync", Health: "Degraded", HealthMessage: deadline},
	{Kind: "ConfigMap", Name: "guestbook-legacy-config", Status: "OutOfSync", RequiresPruning: true},
}

func TestApp(t *testing.T) {
	synced := func(a model.App) model.App {
		a.SyncStatus, a.HealthStatus = "Synced", "Healthy"
		return a
	}
	tests := []struct {
		name string
		app  model.App
		want want
	}{
		{"no status at all", model.App{}, want{model.VerdictUnknown, "no status yet: Argo CD has not reconciled this application"}},
		{"synced and healthy", synced(model.App{}), want{model.VerdictOK, ""}},
		{"synced healthy with succeeded operation", synced(model.App{Operation: &model.Operation{Phase: "Succeeded", Message: "successfully synced (all tasks run)"}}),
			want{model.VerdictOK, ""}},
		{"OutOfSync without differing resources listed", model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Resources: guestbookResources[:1:1]},
			want{model.VerdictWarning, "OutOfSync"}},
		{"OutOfSync counts resources and pruning", model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Resources: guestbookResources},
			want{model.VerdictWarning, "OutOfSync: 2 resources differ (1 requires pruning)"}},
		{"OutOfSync one resource", model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Resources: []model.AppResource{{Kind: "ConfigMap", Name: "a", Status: "OutOfSync"}}},
			want{model.VerdictWarning, "OutOfSync: 1 resource differs"}},
		{"OutOfSync with one to prune", model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Resources: []model.AppResource{
			{Kind: "ConfigMap", Name: "a", Status: "OutOfSync"}, {Kind: "ConfigMap", Name: "b", Status: "OutOfSync", RequiresPruning: true}}},
			want{model.VerdictWarning, "OutOfSync: 2 resources differ (1 requires pruning)"}},
		{"OutOfSync with two to prune", model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Resources: []model.AppResource{
			{Kind: "ConfigMap", Name: "a", Status: "OutOfSync", RequiresPruning: true}, {Kind: "ConfigMap", Name: "b", Status: "OutOfSync", RequiresPruning: true}}},
			want{model.VerdictWarning, "OutOfSync: 2 resources differ (2 require pruning)"}},
		{"sync Unknown", model.App{SyncStatus: "Unknown", HealthStatus: "Healthy"}, want{model.VerdictUnknown, "sync status Unknown"}},
		{"Degraded with app message", model.App{SyncStatus: "Synced", HealthStatus: "Degraded", HealthMessage: "Back-off\npulling image"},
			want{model.VerdictCritical, "Degraded: Back-off pulling image"}},
		{"Degraded explained by a resource naming itself", model.App{SyncStatus: "Synced", HealthStatus: "Degraded", Resources: guestbookResources},
			want{model.VerdictCritical, "Degraded: " + deadline}},
		{"Degraded explained by a resource", model.App{SyncStatus: "Synced", HealthStatus: "Degraded", Resources: []model.AppResource{
			{Kind: "StatefulSet", Name: "db", Health: "Degraded", HealthMessage: "1 pod crash-looping"}}},
			want{model.VerdictCritical, "Degraded: StatefulSet db: 1 pod crash-looping"}},
		{"Degraded resource without message", model.App{SyncStatus: "Synced", HealthStatus: "Degraded", Resources: []model.AppResource{
			{Kind: "StatefulSet", Name: "db", Health: "Degraded"}}},
			want{model.VerdictCritical, "Degraded: StatefulSet db"}},
		{"Missing", model.App{SyncStatus: "OutOfSync", HealthStatus: "Missing"}, want{model.VerdictCritical, "Missing"}},
		{"Progressing is OK with a reason", model.App{SyncStatus: "Synced", HealthStatus: "Progressing", HealthMessage: "Waiting for rollout"},
			want{model.VerdictOK, "Progressing: Waiting for rollout"}},
		{"Suspended is OK with a reason", model.App{SyncStatus: "Synced", HealthStatus: "Suspended"}, want{model.VerdictOK, "Suspended"}},
		{"health Unknown", model.App{SyncStatus: "Synced", HealthStatus: "Unknown"}, want{model.VerdictUnknown, "health Unknown"}},
		{"unknown health status", model.App{SyncStatus: "Synced", HealthStatus: "Weird", HealthMessage: "nobody knows"},
			want{model.VerdictUnknown, `unknown health status "Weird": nobody knows`}},
		{"unknown sync status", model.App{SyncStatus: "Banana", HealthStatus: "Healthy"}, want{model.VerdictUnknown, `unknown sync status "Banana"`}},
		{"unknown sync status does not hide worse", model.App{SyncStatus: "Banana", HealthStatus: "Degraded"}, want{model.VerdictCritical, "Degraded"}},
		{"unknown operation phase", synced(model.App{Operation: &model.Operation{Phase: "Exploded", Message: "kaboom"}}),
			want{model.VerdictUnknown, `unknown operation phase "Exploded": kaboom`}},
		{"OutOfSync beats Progressing", model.App{SyncStatus: "OutOfSync", HealthStatus: "Progressing"}, want{model.VerdictWarning, "OutOfSync"}},
		{"failed operation comes first", model.App{SyncStatus: "OutOfSync", HealthStatus: "Degraded", Resources: guestbookResources,
			Operation:  &model.Operation{Phase: "Failed", Message: applyFailed, RetryCount: 5},
			Conditions: []model.Condition{{Type: "SyncError", Message: "Failed last sync attempt to [53e28ff]: " + applyFailed}}},
			want{model.VerdictCritical, "sync failed: " + applyFailed}},
		{"operation Error", model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Operation: &model.Operation{Phase: "Error", Message: "rpc error"}},
			want{model.VerdictCritical, "sync error: rpc error"}},
		{"failed operation on a synced healthy app is history", synced(model.App{Operation: &model.Operation{Phase: "Failed", Message: "hook failed"}}),
			want{model.VerdictWarning, "last sync failed: hook failed"}},
		{"running operation is OK", model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Operation: &model.Operation{Phase: "Running", Message: "waiting for healthy state of apps/Deployment/web"}},
			want{model.VerdictWarning, "OutOfSync"}},
		{"running operation on a synced app", synced(model.App{Operation: &model.Operation{Phase: "Running", Message: "waiting for completion of hook"}}),
			want{model.VerdictOK, "syncing: waiting for completion of hook"}},
		{"running operation retrying", synced(model.App{Operation: &model.Operation{Phase: "Running", RetryCount: 2, Message: "retrying"}}),
			want{model.VerdictWarning, "sync retrying (attempt 3): retrying"}},
		{"terminating operation", synced(model.App{Operation: &model.Operation{Phase: "Terminating"}}), want{model.VerdictOK, "sync terminating"}},
		{"SyncError condition", synced(model.App{Conditions: []model.Condition{{Type: "SyncError", Message: "Failed last sync attempt"}}}),
			want{model.VerdictCritical, "SyncError: Failed last sync attempt"}},
		{"ComparisonError condition", model.App{SyncStatus: "Unknown", HealthStatus: "Healthy", Conditions: []model.Condition{
			{Type: "ComparisonError", Message: "Failed to load target state: repository not found"}}},
			want{model.VerdictCritical, "ComparisonError: Failed to load target state: repository not found"}},
		{"InvalidSpecError condition", model.App{Conditions: []model.Condition{{Type: "InvalidSpecError", Message: "cluster 'x' has not been configured"}}},
			want{model.VerdictCritical, "InvalidSpecError: cluster 'x' has not been configured"}},
		{"warning condition", synced(model.App{Conditions: []model.Condition{{Type: "SharedResourceWarning", Message: "ConfigMap/x is part of apps a and b"}}}),
			want{model.VerdictWarning, "SharedResourceWarning: ConfigMap/x is part of apps a and b"}},
		{"other conditions are ignored", synced(model.App{Conditions: []model.Condition{{Type: "DeletionInfo"}}}), want{model.VerdictOK, ""}},
		{"decode issue on a healthy app", synced(model.App{Meta: model.Meta{DecodeIssues: []string{"status.sync.status: not a string"}}}),
			want{model.VerdictUnknown, "cannot read: status.sync.status: not a string"}},
		{"decode issue does not hide worse", model.App{Meta: model.Meta{DecodeIssues: []string{"x"}}, SyncStatus: "Synced", HealthStatus: "Missing"},
			want{model.VerdictCritical, "Missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, App(&tt.app)) })
	}
}

func TestAppSet(t *testing.T) {
	tests := []struct {
		name  string
		conds []model.Condition
		want  want
	}{
		{"no conditions", nil, want{model.VerdictUnknown, "no status yet: no conditions reported"}},
		{"healthy", []model.Condition{
			{Type: "ErrorOccurred", Status: "False", Reason: "ApplicationSetUpToDate"},
			{Type: "ParametersGenerated", Status: "True", Reason: "ParametersGenerated"},
			{Type: "ResourcesUpToDate", Status: "True", Reason: "ApplicationSetUpToDate"},
		}, want{model.VerdictOK, ""}},
		{"error occurred", []model.Condition{
			{Type: "ErrorOccurred", Status: "True", Reason: "ApplicationGenerationFromParamsError", Message: "failed to execute go template"},
			{Type: "ParametersGenerated", Status: "False", Reason: "ErrorOccurred", Message: "failed to execute go template"},
		}, want{model.VerdictCritical, "ApplicationGenerationFromParamsError: failed to execute go template"}},
		{"parameters not generated", []model.Condition{{Type: "ParametersGenerated", Status: "False", Reason: "ErrorOccurred", Message: "placement decisions not found"}},
			want{model.VerdictCritical, "ErrorOccurred: placement decisions not found"}},
		{"resources not up to date", []model.Condition{{Type: "ResourcesUpToDate", Status: "False", Reason: "UpdateApplicationError"}},
			want{model.VerdictWarning, "UpdateApplicationError"}},
		{"rollout progressing", []model.Condition{{Type: "RolloutProgressing", Status: "True", Reason: "ApplicationSetModified", Message: "ApplicationSet is performing rollout of step 1"}},
			want{model.VerdictOK, "ApplicationSetModified: ApplicationSet is performing rollout of step 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, AppSet(&model.AppSet{Conditions: tt.conds})) })
	}
}
