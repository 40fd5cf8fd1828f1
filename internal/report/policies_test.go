package report

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
)

// policyFleet is a hub holding one root policy placed on cluster1 and cluster2, NonCompliant on
// cluster2 where Argo CD is not installed, and a PolicySet; verdicts from the real rules.
func policyFleet() *model.Fleet {
	template := model.PolicyTemplate{Kind: "ConfigurationPolicy", Name: "openshift-gitops-config", Severity: "medium",
		Installs: []model.Product{model.ProductArgoCD}, Operators: []model.Product{model.ProductArgoCD}}
	copyOn := func(cluster, compliant, message string) model.Policy {
		return model.Policy{Meta: meta("hub", "Policy", cluster, "policies.openshift-gitops"), RootPolicy: "policies.openshift-gitops",
			ClusterName: cluster, RemediationAction: "enforce", Compliant: compliant, Templates: []model.PolicyTemplate{template},
			Details: []model.TemplateStatus{{Name: template.Name, Compliant: compliant, History: []model.ComplianceEvent{{Message: message}}}}}
	}
	g := &model.Governance{
		Roots: []model.Policy{{Meta: meta("hub", "Policy", "policies", "openshift-gitops"), Root: true, RemediationAction: "enforce",
			Standards: []string{"NIST SP 800-53"}, Templates: []model.PolicyTemplate{template}, Compliant: "NonCompliant",
			Clusters: []model.ClusterCompliance{{Cluster: "cluster1", Compliant: "Compliant"}, {Cluster: "cluster2", Compliant: "NonCompliant"}}}},
		Replicated: []model.Policy{
			copyOn("cluster1", "Compliant", "Compliant; notification - subscriptions [openshift-gitops-operator] found as specified"),
			copyOn("cluster2", "NonCompliant", "NonCompliant; violation - subscriptions [openshift-gitops-operator] not found"),
		},
		PolicySets: []model.PolicySet{{Meta: meta("hub", "PolicySet", "policies", "bootstrap"), Compliant: "NonCompliant"}},
	}
	hub := &model.ClusterSnapshot{Name: "hub", Hub: true, Sources: allReady(), Governance: g,
		PolicySource: model.SourceStatus{State: model.StateReady, Since: now}}
	health.Apply(hub, now)
	hub.Summary = model.Summarize(hub)
	f := &model.Fleet{HubName: "hub", Clusters: []*model.ClusterSnapshot{hub}}
	for i, name := range []string{"cluster1", "cluster2"} {
		c := &model.ClusterSnapshot{Name: name, Sources: allReady(), Policies: g.Replicated[i : i+1], PolicySource: hub.PolicySource}
		if name == "cluster2" {
			c.Sources[model.ProductArgoCD] = model.SourceStatus{State: model.StateNotInstalled}
		} else {
			c.Apps = []model.App{{Meta: meta(name, "Application", "openshift-gitops", "mcg-group-one"), SyncStatus: "Synced", HealthStatus: "Healthy"}}
		}
		c.Summary = model.Summarize(c)
		health.CorrelatePolicies(c)
		f.Clusters = append(f.Clusters, c)
	}
	return f
}

func TestPolicyRows(t *testing.T) {
	rows := Rows(policyFleet())
	var got []string
	for _, r := range rows {
		if r.Kind == "Policy" || r.Kind == "PolicySet" || r.Kind == "Cluster" || r.Kind == "ManagedCluster" {
			got = append(got, strings.Join([]string{r.Cluster, r.Kind, r.Namespace, r.Name, r.Verdict.String(), r.Compliant, r.Reason}, " | "))
		}
	}
	want := []string{
		"hub | Cluster |  | hub | OK |  | ",
		"hub | Policy | policies | openshift-gitops | Critical | NonCompliant | NonCompliant on 1 of 2 clusters (cluster2); cluster2: openshift-gitops-config: NonCompliant; violation - subscriptions [openshift-gitops-operator] not found",
		"hub | PolicySet | policies | bootstrap | Warning | NonCompliant | NonCompliant",
		"cluster1 | Cluster |  | cluster1 | OK |  | ",
		"cluster1 | Policy | cluster1 | policies.openshift-gitops | OK | Compliant | ",
		"cluster2 | Cluster |  | cluster2 | Critical |  | argocd not installed; policy policies.openshift-gitops installs it and is NonCompliant: openshift-gitops-config: NonCompliant; violation - subscriptions [openshift-gitops-operator] not found; sources: argocd NotInstalled",
		"cluster2 | Policy | cluster2 | policies.openshift-gitops | Critical | NonCompliant | NonCompliant: openshift-gitops-config: NonCompliant; violation - subscriptions [openshift-gitops-operator] not found",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ExitCode(rows) != 1 {
		t.Fatal("a NonCompliant policy must fail the check")
	}
}

func TestPolicyRowsJSON(t *testing.T) {
	var root, replicated, hub Row
	for _, r := range Rows(policyFleet()) {
		switch {
		case r.Kind == "Policy" && r.RootPolicy == "":
			root = r
		case r.Kind == "Policy" && r.Cluster == "cluster2":
			replicated = r
		case r.Kind == "Cluster" && r.Hub:
			hub = r
		}
	}
	b, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"compliant":"NonCompliant"`, `"remediationAction":"enforce"`, `"severity":"medium"`,
		`"noncompliantClusters":["cluster2"]`, `"standards":["NIST SP 800-53"]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("root policy JSON lacks %s: %s", want, b)
		}
	}
	if replicated.RootPolicy != "policies.openshift-gitops" || replicated.Severity != "medium" {
		t.Errorf("replicated row %+v", replicated)
	}
	if hub.Sources["governance"] != "Ready" {
		t.Errorf("hub sources %v", hub.Sources)
	}
}

func TestGovernanceSourceRow(t *testing.T) {
	f := policyFleet()
	f.Clusters[0].PolicySource = model.SourceStatus{State: model.StateForbidden, Reason: "policies.policy.open-cluster-management.io is forbidden"}
	var found bool
	for _, r := range Rows(f) {
		if r.Kind == "Source" && r.Name == "governance" {
			found = r.Verdict == Verdict(model.VerdictWarning) && r.Reason == "policies.policy.open-cluster-management.io is forbidden"
		}
	}
	if !found {
		t.Fatal("want a Warning Source row for a forbidden governance source")
	}
}

// A replicated policy in the namespace of a cluster the fleet does not have is still reported,
// under the hub, saying so.
func TestOrphanPolicyRow(t *testing.T) {
	f := policyFleet()
	g := *f.Clusters[0].Governance
	orphan := g.Replicated[1]
	orphan.ClusterName, orphan.Namespace = "cluster-gone", "cluster-gone"
	g.Replicated = append(append([]model.Policy{}, g.Replicated...), orphan)
	f.Clusters[0].Governance = &g
	rows := Rows(f)
	last := rows[len(rows)-1]
	if last.Cluster != "hub" || last.Namespace != "cluster-gone" || last.Verdict != Verdict(model.VerdictCritical) ||
		!strings.HasPrefix(last.Reason, "cluster cluster-gone is not a managed cluster of this fleet; NonCompliant") {
		t.Fatalf("orphan row %+v", last)
	}
}
