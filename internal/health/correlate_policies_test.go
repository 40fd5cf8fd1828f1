package health

import (
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

func TestCorrelatePolicies(t *testing.T) {
	gitops := model.Policy{RootPolicy: "policies.openshift-gitops", Compliant: "NonCompliant",
		Templates: []model.PolicyTemplate{gitopsTemplate("high", "")}, Details: failing("NonCompliant", notFound)}
	gitops.Health = Policy(&gitops)
	eso := model.Policy{RootPolicy: "policies.eso", Compliant: "NonCompliant",
		Templates: []model.PolicyTemplate{{Name: "eso", Installs: []model.Product{model.ProductESO}, Operators: []model.Product{model.ProductESO}}}}
	eso.Health = Policy(&eso)
	clusterGroup := model.Policy{RootPolicy: "policies.clustergroup", Compliant: "NonCompliant",
		Templates: []model.PolicyTemplate{{Name: "clustergroup", Severity: "low", Installs: []model.Product{model.ProductArgoCD},
			InstallsWhat: []string{"Application multicloud-gitops-group-one"}}}}
	clusterGroup.Health = Policy(&clusterGroup)
	compliantGitops := gitops
	compliantGitops.Compliant, compliantGitops.Health = "Compliant", model.Health{}
	unrelated := model.Policy{RootPolicy: "policies.audit", Compliant: "NonCompliant",
		Templates: []model.PolicyTemplate{{Name: "audit", Severity: "low"}}}
	unrelated.Health = Policy(&unrelated)

	snapshot := func(argocd, esoState model.SourceState, apps []model.App, managed *model.ManagedCluster, policies ...model.Policy) *model.ClusterSnapshot {
		s := &model.ClusterSnapshot{Name: "cluster2", Apps: apps, Policies: policies, Managed: managed}
		s.Sources[model.ProductArgoCD].State = argocd
		s.Sources[model.ProductESO].State = esoState
		s.Summary = model.Summarize(s)
		CorrelatePolicies(s)
		return s
	}
	ready, missing := model.StateReady, model.StateNotInstalled
	degraded := []model.App{{Meta: model.Meta{Ref: model.Ref{Name: "mcg-group-one"}}, SyncStatus: "Synced", HealthStatus: "Degraded",
		Health: model.Health{Verdict: model.VerdictCritical, Reason: "Degraded: Deployment foo"}}}
	healthy := []model.App{{SyncStatus: "Synced", HealthStatus: "Healthy"}}
	down := &model.ManagedCluster{Health: model.Health{Verdict: model.VerdictCritical, Reason: "agent not available"}}
	gitopsReason := "policies.openshift-gitops installs it and is NonCompliant: openshift-gitops-config: " + notFound

	tests := []struct {
		name string
		s    *model.ClusterSnapshot
		want want
	}{
		{"argocd missing, gitops policy noncompliant", snapshot(missing, ready, nil, nil, gitops),
			want{model.VerdictCritical, "argocd not installed; policy " + gitopsReason}},
		{"argocd ready but no applications", snapshot(ready, ready, nil, nil, gitops),
			want{model.VerdictCritical, "argocd has no applications; policy " + gitopsReason}},
		{"argocd app degraded", snapshot(ready, ready, degraded, nil, gitops),
			want{model.VerdictCritical, "argocd unhealthy: app mcg-group-one: Degraded: Deployment foo; policy " + gitopsReason}},
		{"argocd healthy: the policy speaks for itself", snapshot(ready, ready, healthy, nil, gitops),
			want{model.VerdictCritical, "policy policies.openshift-gitops: NonCompliant: openshift-gitops-config: " + notFound}},
		{"gitops policy compliant: nothing to correlate", snapshot(missing, ready, nil, nil, compliantGitops), want{model.VerdictOK, ""}},
		{"an unrelated policy is not blamed", snapshot(missing, ready, nil, nil, unrelated),
			want{model.VerdictWarning, "policy policies.audit: NonCompliant"}},
		{"argocd missing: a policy creating an Application needs its CRDs, it does not explain them", snapshot(missing, ready, nil, nil, clusterGroup),
			want{model.VerdictWarning, "policy policies.clustergroup: NonCompliant"}},
		{"argocd without applications: the Application's policy explains it", snapshot(ready, ready, nil, nil, clusterGroup),
			want{model.VerdictWarning, "argocd has no applications; policy policies.clustergroup installs it and is NonCompliant"}},
		{"eso missing, eso policy noncompliant", snapshot(ready, missing, healthy, nil, eso),
			want{model.VerdictWarning, "eso not installed; policy policies.eso installs it and is NonCompliant"}},
		{"a cluster that is down keeps that reason", snapshot(missing, ready, nil, down, unrelated, gitops),
			want{model.VerdictCritical, "agent not available"}},
		{"no access: cannot tell whether argocd is missing", snapshot(model.StateNoAccess, model.StateNoAccess, nil, nil, gitops),
			want{model.VerdictCritical, "policy policies.openshift-gitops: NonCompliant: openshift-gitops-config: " + notFound}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, tt.s.Summary.Health) })
	}
}
