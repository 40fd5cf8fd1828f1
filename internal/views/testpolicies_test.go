package views

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
)

// addPolicies gives the test fleet the Multicloud GitOps pattern's governance: on the hub, an
// OpenShift GitOps policy (enforce, medium) and an etcd-encryption check (inform, low), placed on
// every managed cluster, and a disabled one; their replicated copies with the compliance each
// cluster reported, judged by the real rules.
func addPolicies(hub *model.ClusterSnapshot, spokes ...*model.ClusterSnapshot) {
	gitops := model.PolicyTemplate{Kind: "ConfigurationPolicy", Name: "openshift-gitops-config", Severity: "medium",
		RemediationAction: "enforce", Installs: []model.Product{model.ProductArgoCD},
		InstallsWhat: []string{"Subscription openshift-gitops-operator"}, Operators: []model.Product{model.ProductArgoCD}}
	etcd := model.PolicyTemplate{Kind: "ConfigurationPolicy", Name: "enable-etcd-encryption", Severity: "low", RemediationAction: "inform"}
	root := func(name, remediation string, t model.PolicyTemplate) model.Policy {
		return model.Policy{Meta: meta("hub", "policy.open-cluster-management.io/v1", "policies", "Policy", "open-cluster-management", name),
			Root: true, RemediationAction: remediation, Templates: []model.PolicyTemplate{t},
			Standards: []string{"NIST SP 800-53"}, Categories: []string{"CM Configuration Management"}}
	}
	roots := []model.Policy{root("openshift-gitops-policy", "enforce", gitops), root("etcd-encryption-policy", "inform", etcd),
		root("audit-log-forwarding-policy", "inform", etcd)}
	roots[2].Disabled = true
	failing := map[string]map[string][2]string{
		"openshift-gitops-policy": {"cluster-west-2": {"NonCompliant",
			"NonCompliant; violation - subscriptions [openshift-gitops-operator] not found in namespace openshift-operators"}},
		"etcd-encryption-policy": {"cluster-east-1": {"NonCompliant", "NonCompliant; violation - apiservers [cluster] found but not as specified"},
			"cluster-north-4": {"Pending", "Pending; Dependencies were not satisfied: 1 is still pending (Policy open-cluster-management.openshift-gitops-policy)"}},
	}
	g := &model.Governance{Roots: roots}
	for i := range roots[:2] {
		r := &g.Roots[i]
		r.Compliant = model.Compliant
		for _, s := range spokes {
			state, message := model.Compliant, "Compliant; notification - "+r.Templates[0].Name+" found as specified"
			if f, ok := failing[r.Name][s.Name]; ok {
				state, message = f[0], f[1]
			}
			if state == model.NonCompliant || (state == model.Pending && r.Compliant == model.Compliant) {
				r.Compliant = state
			}
			r.Clusters = append(r.Clusters, model.ClusterCompliance{Cluster: s.Name, Namespace: s.Name, Compliant: state})
			cp := *r
			cp.Meta = meta("hub", "policy.open-cluster-management.io/v1", "policies", "Policy", s.Name, "open-cluster-management."+r.Name)
			cp.Root, cp.RootPolicy, cp.ClusterName, cp.Compliant, cp.Clusters = false, "open-cluster-management."+r.Name, s.Name, state, nil
			cp.Details = []model.TemplateStatus{{Name: r.Templates[0].Name, Compliant: state, HistoryTotal: 2, History: []model.ComplianceEvent{
				{Time: ago(4 * time.Minute), Message: message, EventName: cp.Name + ".1860c2b3a8f5e4d1"},
				{Time: ago(14 * time.Minute), Message: "Compliant; notification - " + r.Templates[0].Name + " found as specified"}}}}
			g.Replicated = append(g.Replicated, cp)
		}
	}
	hub.Governance = g
	health.Apply(&model.ClusterSnapshot{Governance: g}, testNow)
	src := model.SourceStatus{State: model.StateReady, Since: ago(time.Hour), Updated: ago(time.Minute)}
	hub.PolicySource = src
	for _, s := range spokes {
		s.PolicySource = src
		for _, p := range g.Replicated {
			if p.ClusterName == s.Name {
				s.Policies = append(s.Policies, p)
			}
		}
	}
}
