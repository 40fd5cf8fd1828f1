package health

import (
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

// gitopsTemplate is the Multicloud GitOps pattern's OpenShift GitOps template at a severity.
func gitopsTemplate(severity, remediation string) model.PolicyTemplate {
	return model.PolicyTemplate{Kind: "ConfigurationPolicy", Name: "openshift-gitops-config", Severity: severity,
		RemediationAction: remediation, Installs: []model.Product{model.ProductArgoCD},
		Operators: []model.Product{model.ProductArgoCD}}
}

func failing(state, message string) []model.TemplateStatus {
	return []model.TemplateStatus{{Name: "openshift-gitops-config", Compliant: state, History: []model.ComplianceEvent{
		{Message: message}, {Message: "older message"}}}}
}

const notFound = "NonCompliant; violation - subscriptions [openshift-gitops-operator] not found in namespace openshift-operators"

func TestPolicy(t *testing.T) {
	policy := func(remediation, severity, templateRemediation, compliant string, details []model.TemplateStatus) *model.Policy {
		return &model.Policy{RemediationAction: remediation, Compliant: compliant, Details: details,
			Templates: []model.PolicyTemplate{gitopsTemplate(severity, templateRemediation)}}
	}
	reason := "NonCompliant: openshift-gitops-config: " + notFound
	tests := []struct {
		name   string
		policy *model.Policy
		want   want
	}{
		{"compliant", policy("inform", "high", "", "Compliant", nil), want{model.VerdictOK, ""}},
		{"noncompliant, low severity, inform", policy("inform", "low", "", "NonCompliant", failing("NonCompliant", notFound)),
			want{model.VerdictWarning, reason}},
		{"noncompliant, medium severity, no severity at all", policy("inform", "", "", "NonCompliant", failing("NonCompliant", notFound)),
			want{model.VerdictWarning, reason}},
		{"noncompliant, high severity", policy("inform", "high", "", "NonCompliant", failing("NonCompliant", notFound)),
			want{model.VerdictCritical, reason}},
		{"noncompliant, critical severity", policy("inform", "critical", "", "NonCompliant", failing("NonCompliant", notFound)),
			want{model.VerdictCritical, reason}},
		{"noncompliant, enforced by the policy", policy("enforce", "low", "inform", "NonCompliant", failing("NonCompliant", notFound)),
			want{model.VerdictCritical, reason}},
		{"noncompliant, enforced by the template", policy("", "low", "enforce", "NonCompliant", failing("NonCompliant", notFound)),
			want{model.VerdictCritical, reason}},
		{"policy inform overrides template enforce", policy("inform", "low", "enforce", "NonCompliant", failing("NonCompliant", notFound)),
			want{model.VerdictWarning, reason}},
		{"noncompliant without details", policy("inform", "low", "", "NonCompliant", nil), want{model.VerdictWarning, "NonCompliant"}},
		{"noncompliant without details, high severity template", policy("inform", "high", "", "NonCompliant", nil),
			want{model.VerdictCritical, "NonCompliant"}},
		{"noncompliant, template without history", policy("inform", "low", "", "NonCompliant",
			[]model.TemplateStatus{{Name: "openshift-gitops-config", Compliant: "NonCompliant"}}),
			want{model.VerdictWarning, "NonCompliant: openshift-gitops-config"}},
		{"message flattened to one line", policy("inform", "low", "", "NonCompliant", failing("NonCompliant", "line one\nline two")),
			want{model.VerdictWarning, "NonCompliant: openshift-gitops-config: line one line two"}},
		{"pending is a warning even when enforced", policy("enforce", "critical", "", "Pending",
			failing("Pending", "Dependencies were not satisfied: 1 is still pending")),
			want{model.VerdictWarning, "Pending: openshift-gitops-config: Dependencies were not satisfied: 1 is still pending"}},
		{"no status yet", policy("enforce", "critical", "", "", nil),
			want{model.VerdictUnknown, "no status yet: no compliance reported from the cluster"}},
		{"unknown compliance value", policy("enforce", "critical", "", "UnknownCompliancy", nil),
			want{model.VerdictUnknown, `unknown compliance "UnknownCompliancy"`}},
		{"disabled", &model.Policy{Disabled: true, Compliant: "NonCompliant"}, want{model.VerdictOK, "disabled"}},
		{"decode issue on a compliant policy", &model.Policy{Meta: model.Meta{DecodeIssues: []string{"spec.disabled: want bool, got string"}}, Compliant: "Compliant"},
			want{model.VerdictUnknown, "cannot read: spec.disabled: want bool, got string"}},
		{"decode issue does not hide non-compliance", &model.Policy{Meta: model.Meta{DecodeIssues: []string{"x"}}, Compliant: "NonCompliant"},
			want{model.VerdictWarning, "NonCompliant"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.check(t, Policy(tt.policy))
		})
	}
}

func TestRootPolicy(t *testing.T) {
	root := func(compliant string, clusters ...model.ClusterCompliance) *model.Policy {
		return &model.Policy{Root: true, RemediationAction: "inform", Compliant: compliant, Clusters: clusters,
			Templates: []model.PolicyTemplate{gitopsTemplate("medium", "")}, Placements: []model.PolicyPlacement{{Placement: "p"}}}
	}
	c := func(name, state string) model.ClusterCompliance {
		return model.ClusterCompliance{Cluster: name, Compliant: state}
	}
	copyOf := func(state string, v model.Verdict, msg string) *model.Policy {
		return &model.Policy{Compliant: state, Details: failing(state, msg), Health: model.Health{Verdict: v}}
	}
	tests := []struct {
		name   string
		policy *model.Policy
		copies map[string]*model.Policy
		want   want
	}{
		{"compliant", root("Compliant", c("a", "Compliant")), nil, want{model.VerdictOK, ""}},
		{"noncompliant, the copy's message quoted", root("NonCompliant", c("a", "Compliant"), c("b", "NonCompliant")),
			map[string]*model.Policy{"b": copyOf("NonCompliant", model.VerdictWarning, notFound)},
			want{model.VerdictWarning, "NonCompliant on 1 of 2 clusters (b); b: openshift-gitops-config: " + notFound}},
		{"noncompliant, a critical copy makes it critical", root("NonCompliant", c("a", "NonCompliant"), c("b", "NonCompliant")),
			map[string]*model.Policy{"a": copyOf("NonCompliant", model.VerdictWarning, "x"), "b": copyOf("NonCompliant", model.VerdictCritical, "y")},
			want{model.VerdictCritical, "NonCompliant on 2 of 2 clusters (a, b); a: openshift-gitops-config: x"}},
		{"noncompliant without copies: templates decide", root("NonCompliant", c("a", "NonCompliant"), c("b", "NonCompliant"),
			c("c", "NonCompliant"), c("d", "NonCompliant")), nil,
			want{model.VerdictWarning, "NonCompliant on 4 of 4 clusters (a, b, c and 1 more)"}},
		{"pending", root("Pending", c("a", "Pending")), map[string]*model.Policy{"a": copyOf("Pending", model.VerdictWarning, "Dependencies were not satisfied")},
			want{model.VerdictWarning, "Pending on 1 of 1 clusters (a); a: openshift-gitops-config: Dependencies were not satisfied"}},
		{"no status, placed", root(""), nil, want{model.VerdictUnknown, "no status yet: no cluster has reported compliance"}},
		{"no status, not placed", &model.Policy{Root: true}, nil, want{model.VerdictUnknown, "no status yet: not placed on any cluster"}},
		{"unknown compliance", root("Unknown"), nil, want{model.VerdictUnknown, `unknown compliance "Unknown"`}},
		{"disabled", &model.Policy{Root: true, Disabled: true, Compliant: "NonCompliant"}, nil, want{model.VerdictOK, "disabled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.check(t, RootPolicy(tt.policy, tt.copies))
		})
	}
}

func TestPolicySet(t *testing.T) {
	tests := []struct {
		name string
		set  model.PolicySet
		want want
	}{
		{"compliant", model.PolicySet{Compliant: "Compliant"}, want{model.VerdictOK, ""}},
		{"compliant with a message", model.PolicySet{Compliant: "Compliant", StatusMessage: "Disabled policies: a"}, want{model.VerdictOK, "Disabled policies: a"}},
		{"noncompliant", model.PolicySet{Compliant: "NonCompliant"}, want{model.VerdictWarning, "NonCompliant"}},
		{"pending", model.PolicySet{Compliant: "Pending", StatusMessage: "x"}, want{model.VerdictWarning, "Pending: x"}},
		{"no status", model.PolicySet{StatusMessage: "No status provided while awaiting policy status"},
			want{model.VerdictUnknown, "no status yet: No status provided while awaiting policy status"}},
		{"unknown", model.PolicySet{Compliant: "Partly"}, want{model.VerdictUnknown, `unknown compliance "Partly"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, PolicySet(&tt.set)) })
	}
}

func TestApplyJudgesGovernance(t *testing.T) {
	s := &model.ClusterSnapshot{Governance: &model.Governance{
		Roots: []model.Policy{{Meta: model.Meta{Ref: model.Ref{Namespace: "policies", Name: "gitops"}}, Root: true,
			Compliant: "NonCompliant", Clusters: []model.ClusterCompliance{{Cluster: "c1", Compliant: "NonCompliant"}},
			Templates: []model.PolicyTemplate{gitopsTemplate("high", "")}}},
		Replicated: []model.Policy{{Meta: model.Meta{Ref: model.Ref{Namespace: "c1", Name: "policies.gitops"}},
			RootPolicy: "policies.gitops", ClusterName: "c1", Compliant: "NonCompliant", Details: failing("NonCompliant", notFound),
			Templates: []model.PolicyTemplate{gitopsTemplate("high", "")}}},
	}}
	Apply(s, now)
	want{model.VerdictCritical, "NonCompliant: openshift-gitops-config: " + notFound}.check(t, s.Governance.Replicated[0].Health)
	want{model.VerdictCritical, "NonCompliant on 1 of 1 clusters (c1); c1: openshift-gitops-config: " + notFound}.check(t, s.Governance.Roots[0].Health)
}
