package argocd

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func meta(name, namespace string) model.Meta {
	return model.Meta{Ref: model.Ref{Cluster: "hub", APIVersion: "argoproj.io/v1alpha1",
		Resource: "applications", Kind: "Application", Namespace: namespace, Name: name}}
}

const degradedMessage = `one or more objects failed to apply, reason: Deployment.apps "guestbook-ui" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 512Mi`

func TestDecodeApplication(t *testing.T) {
	multiRevs := []string{"62.3.1", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"}
	tests := []struct {
		file string
		want model.App
	}{{
		file: "argocd-application-synced-healthy.yaml",
		want: model.App{
			Meta:         meta("velero-test", "argocd"),
			Project:      "sre",
			SyncStatus:   "Synced",
			Revision:     "ea8759964626a583667a2bfd08f334ec2070040a",
			HealthStatus: "Healthy",
			Operation: &model.Operation{
				Phase: "Succeeded", Message: "successfully synced (all tasks run)",
				StartedAt: ts("2024-03-05T07:33:03Z"), FinishedAt: ts("2024-03-05T07:33:04Z"),
				Revision: "ea8759964626a583667a2bfd08f334ec2070040a",
				Results: []model.SyncResult{
					{Kind: "Service", Namespace: "test-lla", Name: "test-lla", Status: "Synced",
						Message: "service/test-lla serverside-applied", HookPhase: "Running"},
					{Group: "apps", Kind: "Deployment", Namespace: "test-lla", Name: "test-lla", Status: "Synced",
						Message: "deployment.apps/test-lla serverside-applied", HookPhase: "Running"},
				},
			},
			Destination: model.Destination{Name: "cluster1", Namespace: "test-lla"},
			Sources: []model.AppSource{{RepoURL: "https://github.com/foo/manifests-velero.git",
				Path: "instances/test", TargetRevision: "test-lla"}},
			SyncOptions: []string{"CreateNamespace=true", "ApplyOutOfSyncOnly=true",
				"RespectIgnoreDifferences=false", "ServerSideApply=true", "Validate=true"},
			Resources: []model.AppResource{
				{Version: "v1", Kind: "Service", Namespace: "test-lla", Name: "test-lla", Status: "Synced", Health: "Healthy"},
				{Group: "apps", Version: "v1", Kind: "Deployment", Namespace: "test-lla", Name: "test-lla", Status: "Synced", Health: "Healthy"},
			},
			History: []model.HistoryEntry{
				{ID: 22, Revision: "ea8759964626a583667a2bfd08f334ec2070040a", DeployedAt: ts("2024-03-05T07:32:44Z")},
				{ID: 23, Revision: "ea8759964626a583667a2bfd08f334ec2070040a", DeployedAt: ts("2024-03-05T07:33:04Z")},
			},
			ReconciledAt: ts("2024-03-05T07:33:04Z"),
		},
	}, {
		file: "argocd-application-outofsync-degraded.yaml",
		want: model.App{
			Meta:         meta("guestbook-cluster2", "argocd"),
			Project:      "default",
			SyncStatus:   "OutOfSync",
			Revision:     "53e28ff20cc530b9ada2173fbbd64d48338583ba",
			HealthStatus: "Degraded",
			HealthSince:  ts("2026-08-20T10:26:02Z"),
			Operation: &model.Operation{
				Phase: "Failed", Message: degradedMessage + " (retried 5 times).",
				StartedAt: ts("2026-08-20T10:20:12Z"), FinishedAt: ts("2026-08-20T10:21:37Z"),
				RetryCount: 5, Revision: "53e28ff20cc530b9ada2173fbbd64d48338583ba",
				Results: []model.SyncResult{
					{Kind: "Service", Namespace: "guestbook", Name: "guestbook-ui", Status: "Synced",
						Message: "service/guestbook-ui unchanged", HookPhase: "Running"},
					{Group: "apps", Kind: "Deployment", Namespace: "guestbook", Name: "guestbook-ui", Status: "SyncFailed",
						Message: degradedMessage[len("one or more objects failed to apply, reason: "):], HookPhase: "Failed"},
				},
			},
			Conditions: []model.Condition{{Type: "SyncError", Status: "True",
				Message:        "Failed last sync attempt to [53e28ff20cc530b9ada2173fbbd64d48338583ba]: " + degradedMessage + " (retried 5 times).",
				LastTransition: ts("2026-08-20T10:21:37Z")}},
			Destination: model.Destination{Name: "cluster2", Namespace: "guestbook"},
			Sources: []model.AppSource{{RepoURL: "https://github.com/argoproj/argocd-example-apps.git",
				Path: "guestbook", TargetRevision: "HEAD"}},
			AutoSync: true, AutoPrune: true, SelfHeal: true,
			SyncOptions: []string{"CreateNamespace=true"},
			Resources: []model.AppResource{
				{Version: "v1", Kind: "Service", Namespace: "guestbook", Name: "guestbook-ui", Status: "Synced", Health: "Healthy"},
				{Group: "apps", Version: "v1", Kind: "Deployment", Namespace: "guestbook", Name: "guestbook-ui", Status: "OutOfSync",
					Health: "Degraded", HealthMessage: `Deployment "guestbook-ui" exceeded its progress deadline`},
				{Version: "v1", Kind: "ConfigMap", Namespace: "guestbook", Name: "guestbook-legacy-config", Status: "OutOfSync", RequiresPruning: true},
			},
			History: []model.HistoryEntry{{ID: 7, Revision: "4773b9f1f2d6f2a6a8e1a2c3e1b0b4d47b0f3c5a",
				DeployedAt: ts("2026-08-18T14:02:13Z"), InitiatedBy: "automated"}},
			ReconciledAt: ts("2026-08-20T10:31:02Z"),
		},
	}, {
		file: "application-multisource.yaml",
		want: model.App{
			Meta: func() model.Meta {
				m := meta("monitoring", "openshift-gitops")
				m.UID, m.ResourceVersion, m.Created = "6c1e8f0a-1111-4c2d-9a3b-5d6e7f809102", "918273", ts("2026-05-01T08:00:00Z")
				return m
			}(),
			Project: "platform", SyncStatus: "Synced", Revisions: multiRevs,
			HealthStatus: "Progressing", HealthMessage: "Waiting for rollout to finish",
			Operation: &model.Operation{
				Phase: "Running", Message: "waiting for healthy state of apps/Deployment/grafana",
				StartedAt: ts("2026-08-20T09:00:00Z"), Revision: "62.3.1",
				Results: []model.SyncResult{{Group: "apps", Kind: "Deployment", Namespace: "monitoring", Name: "grafana",
					Status: "Synced", Message: "deployment.apps/grafana configured"}},
			},
			Destination: model.Destination{Server: "https://kubernetes.default.svc", Namespace: "monitoring"},
			Sources: []model.AppSource{
				{RepoURL: "https://prometheus-community.github.io/helm-charts", Chart: "kube-prometheus-stack", TargetRevision: "62.3.1"},
				{RepoURL: "https://github.com/example/values.git", Path: "monitoring", TargetRevision: "main"},
			},
			AutoSync: true, SelfHeal: true,
			// No health: Argo CD 3.x does not store per-resource health by default.
			Resources: []model.AppResource{{Group: "apps", Version: "v1", Kind: "Deployment",
				Namespace: "monitoring", Name: "grafana", Status: "Synced"}},
			History:      []model.HistoryEntry{{ID: 3, Revision: "62.3.1", DeployedAt: ts("2026-08-20T09:00:05Z"), InitiatedBy: "admin"}},
			ReconciledAt: ts("2026-08-20T09:01:00Z"),
		},
	}, {
		file: "application-automated-disabled.yaml",
		want: model.App{
			Meta: meta("paused", "argocd"), Project: "default",
			Destination: model.Destination{Name: "in-cluster", Namespace: "paused"},
			Sources: []model.AppSource{{RepoURL: "https://github.com/argoproj/argocd-example-apps.git",
				Path: "helm-guestbook", TargetRevision: "HEAD"}},
			SyncOptions: []string{"PruneLast=true"},
		},
	}, {
		file: "application-no-status.yaml",
		want: model.App{
			Meta: meta("fresh", "argocd"), Project: "default",
			Destination: model.Destination{Server: "https://kubernetes.default.svc", Namespace: "default"},
			Sources:     []model.AppSource{{RepoURL: "https://github.com/argoproj/argocd-example-apps.git", Path: "guestbook"}},
		},
	}, {
		file: "application-bad-types.yaml",
		want: model.App{
			Meta: withIssues(meta("broken", "argocd"),
				`metadata.creationTimestamp: bad timestamp "last tuesday"`,
				"spec.project: want string, got int64",
				"spec.destination: want object, got string",
				"spec.sources: want list, got object",
				"spec.syncPolicy.syncOptions: want list, got string",
				"spec.syncPolicy.automated.prune: want bool, got string",
				"status.sync.status: want string, got int64",
				"status.sync.revisions[1]: want string, got int64",
				"status.health: want object, got string",
				"status.conditions: want list, got string",
				"status.resources: want list, got object",
			),
			Revisions: []string{"abc"},
			// spec.sources is unusable, so spec.source is used, as Argo CD would.
			Sources:  []model.AppSource{{RepoURL: "https://github.com/example/repo.git"}},
			AutoSync: true,
		},
	}, {
		file: "application-bad-operation.yaml",
		want: model.App{
			Meta: withIssues(meta("broken-operation", "argocd"),
				`status.operationState.startedAt: bad timestamp "2026-13-45T99:00:00Z"`,
				"status.operationState.finishedAt: want string, got int64",
				"status.operationState.retryCount: want integer, got string",
				"status.operationState.syncResult.resources[0].hookPhase: want string, got list",
				"status.operationState.syncResult.resources[1]: want object, got string",
				"status.history[0].initiatedBy.automated: want bool, got string",
				"status.history[0].id: want integer, got string",
				`status.history[0].deployedAt: bad timestamp "2026-08-20"`,
			),
			Operation: &model.Operation{Phase: "Failed",
				Results: []model.SyncResult{{Kind: "Deployment", Name: "web"}}},
			History: []model.HistoryEntry{{Revision: "abc"}},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := DecodeApplication(decodetest.LoadOne(t, filepath.Join("testdata", tt.file)), "hub")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatch:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func TestDecodeApplicationSet(t *testing.T) {
	setMeta := func(name, uid string, issues ...string) model.Meta {
		m := meta(name, "argocd")
		m.Resource, m.Kind, m.UID = "applicationsets", "ApplicationSet", uid
		m.DecodeIssues = issues
		return m
	}
	upToDate := ts("2026-08-20T10:00:00Z")
	tests := []struct {
		file string
		want model.AppSet
	}{{
		file: "applicationset.yaml",
		want: model.AppSet{
			Meta: setMeta("guestbook", "0f2d4b6a-2222-4e3c-8a1b-9c0d1e2f3a4b"),
			Conditions: []model.Condition{
				{Type: "ErrorOccurred", Status: "False", Reason: "ApplicationSetUpToDate",
					Message: "Successfully generated parameters for all Applications", LastTransition: upToDate},
				{Type: "ParametersGenerated", Status: "True", Reason: "ParametersGenerated",
					Message: "Successfully generated parameters for all Applications", LastTransition: upToDate},
				{Type: "ResourcesUpToDate", Status: "True", Reason: "ApplicationSetUpToDate",
					Message: "All applications have been generated successfully", LastTransition: upToDate},
			},
			Resources: []model.AppResource{
				{Group: "argoproj.io", Version: "v1alpha1", Kind: "Application", Namespace: "argocd", Name: "in-cluster-guestbook",
					Status: "Synced", Health: "Healthy"},
			},
		},
	}, {
		file: "applicationset-bad-types.yaml",
		want: model.AppSet{
			Meta: setMeta("broken-set", "",
				"status.conditions[0].status: want string, got bool",
				"status.conditions[1]: want object, got int64"),
			Conditions: []model.Condition{{Type: "ErrorOccurred"}},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := DecodeApplicationSet(decodetest.LoadOne(t, filepath.Join("testdata", tt.file)), "hub")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatch:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func TestDecodeNilAndEmpty(t *testing.T) {
	app := DecodeApplication(nil, "c")
	if app.Kind != "Application" || app.Cluster != "c" || app.DecodeIssues != nil || app.Operation != nil {
		t.Errorf("DecodeApplication(nil) = %s", dump(app))
	}
	set := DecodeApplicationSet(nil, "c")
	if set.Kind != "ApplicationSet" || set.DecodeIssues != nil {
		t.Errorf("DecodeApplicationSet(nil) = %s", dump(set))
	}
}

func withIssues(m model.Meta, issues ...string) model.Meta {
	m.DecodeIssues = issues
	return m
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
