package causes

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
)

const notFoundMessage = "NonCompliant; violation - subscriptions [openshift-gitops-operator] not found in namespace openshift-operators"

// gitopsPolicy is cluster's replicated copy of a bootstrap policy whose ConfigurationPolicy
// creates the OpenShift GitOps Subscription, as the governance source decodes it (the copy
// lives on the hub, in the cluster's namespace), with the given template compliance ("" for
// no status.details[]).
func gitopsPolicy(cluster, template string) model.Policy {
	pol := model.Policy{Meta: meta("hub", "Policy", cluster, "open-cluster-management.openshift-gitops-policy"),
		RootPolicy: "open-cluster-management.openshift-gitops-policy", ClusterName: cluster,
		Compliant: model.NonCompliant, RemediationAction: "enforce",
		Templates: []model.PolicyTemplate{{Kind: "ConfigurationPolicy", Name: "openshift-gitops-config", Severity: "medium",
			Installs: []model.Product{model.ProductArgoCD}, Operators: []model.Product{model.ProductArgoCD},
			InstallsWhat: []string{"Subscription openshift-gitops-operator"}}}}
	if template != "" {
		pol.Details = []model.TemplateStatus{{Name: "openshift-gitops-config", Compliant: template,
			History: []model.ComplianceEvent{{Time: ago(10 * time.Minute), Message: notFoundMessage}}}}
	}
	pol.Health = health.Policy(&pol)
	return pol
}

// withoutArgoCD is a spoke whose Argo CD CRDs are not served.
func withoutArgoCD(name string, policies ...model.Policy) *model.ClusterSnapshot {
	c := cluster(name)
	c.Sources[model.ProductArgoCD] = model.SourceStatus{State: model.StateNotInstalled,
		Reason: "applications.argoproj.io not served (CRD not installed)", Since: ago(12 * time.Minute)}
	c.Policies = policies
	return c
}

func TestLinkPolicyProduct(t *testing.T) {
	policy := ID("hub", "Policy", "c1", "open-cluster-management.openshift-gitops-policy")
	argocd := "c1/Source/argocd"

	t.Run("certain: the template installing the operator is NonCompliant", func(t *testing.T) {
		g := Build(fleet(hub(), withoutArgoCD("c1", gitopsPolicy("c1", model.NonCompliant))))
		wantLink(t, g, policy, argocd, LinkPolicyProduct, Certain)
		n, _ := g.Lookup(argocd)
		if src := g.Nodes[n]; src.Problem || src.Reason != "NotInstalled: applications.argoproj.io not served (CRD not installed)" ||
			src.About != "c1" || !src.Since.Equal(ago(12*time.Minute)) {
			t.Errorf("product node %+v", src)
		}
		if len(g.Causes) != 1 || g.Root(0).ID != policy || len(g.Causes[0].Symptoms) != 1 || g.Causes[0].Problems != 0 {
			t.Fatalf("want the policy as the one cause with Argo CD beneath it; links:\n%s", dumpLinks(g))
		}
		if s := g.Causes[0].Symptoms[0]; g.Nodes[s.Node].ID != argocd || s.Certainty != Certain || s.Link.Why == "" {
			t.Errorf("symptom %+v", s)
		}
	})
	t.Run("likely: the policy does not report the template's compliance", func(t *testing.T) {
		g := Build(fleet(withoutArgoCD("c1", gitopsPolicy("c1", ""))))
		wantLink(t, g, policy, argocd, LinkPolicyProduct, Likely)
	})
	t.Run("no link", func(t *testing.T) {
		compliantTemplate := gitopsPolicy("c1", model.Compliant) // another template fails
		compliant := gitopsPolicy("c1", model.NonCompliant)
		compliant.Compliant, compliant.Details[0].Compliant = model.Compliant, model.Compliant
		compliant.Health = health.Policy(&compliant)
		application := gitopsPolicy("c1", model.NonCompliant)
		application.Templates[0].Operators = nil // it creates an Application: it needs the CRDs
		installed := withoutArgoCD("c1", gitopsPolicy("c1", model.NonCompliant))
		installed.Sources[model.ProductArgoCD] = model.SourceStatus{State: model.StateReady}
		for name, c := range map[string]*model.ClusterSnapshot{
			"template Compliant": withoutArgoCD("c1", compliantTemplate), "policy Compliant": withoutArgoCD("c1", compliant),
			"an Application template": withoutArgoCD("c1", application), "argocd installed": installed,
		} {
			g := Build(fleet(c))
			wantNoLink(t, g, policy, argocd)
			if n, ok := g.Lookup(argocd); ok && (g.Nodes[n].Problem || g.CausedBy(n) != nil) {
				t.Errorf("%s: argocd is in the graph: %+v", name, g.Nodes[n])
			}
		}
	})
}

// The hub's policies change: the fleet composes a new snapshot for the clusters whose copies
// changed, and only those are linked again.
func TestLinkPolicyProductIsIncremental(t *testing.T) {
	f := fleet(hub(), withoutArgoCD("c1", gitopsPolicy("c1", model.NonCompliant)), withoutArgoCD("c2"))
	b := NewBuilder()
	b.Build(f)
	parts := copyParts(b.parts)

	next := *f
	next.Generation++
	next.Clusters = slices.Clone(f.Clusters)
	c2 := *f.Clusters[2]
	c2.Policies = []model.Policy{gitopsPolicy("c2", model.NonCompliant)}
	next.Clusters[2] = &c2
	g := b.Build(&next)
	for name, p := range b.parts {
		if (p == parts[name]) == (name == "c2") {
			t.Errorf("cluster %s: reused %v", name, p == parts[name])
		}
	}
	wantLink(t, g, ID("hub", "Policy", "c2", "open-cluster-management.openshift-gitops-policy"), "c2/Source/argocd", LinkPolicyProduct, Certain)
	wantLink(t, g, ID("hub", "Policy", "c1", "open-cluster-management.openshift-gitops-policy"), "c1/Source/argocd", LinkPolicyProduct, Certain)
	if !reflect.DeepEqual(g, Build(&next)) {
		t.Errorf("an incremental build differs from a full one")
	}
}

func copyParts(m map[string]*part) map[string]*part {
	out := make(map[string]*part, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// groupPolicy is cluster's copy of a policy that depends on openshift-gitops-policy being
// Compliant, reporting its template with the given compliance and message.
func groupPolicy(cluster, compliant, message string) model.Policy {
	pol := model.Policy{Meta: meta("hub", "Policy", cluster, "open-cluster-management.clustergroup-policy"),
		RootPolicy: "open-cluster-management.clustergroup-policy", ClusterName: cluster, Compliant: compliant,
		Dependencies: []string{"Policy open-cluster-management/openshift-gitops-policy=Compliant"},
		Templates:    []model.PolicyTemplate{{Kind: "ConfigurationPolicy", Name: "clustergroup-config"}},
		Details: []model.TemplateStatus{{Name: "clustergroup-config", Compliant: compliant,
			History: []model.ComplianceEvent{{Time: ago(5 * time.Minute), Message: message}}}}}
	pol.Health = health.Policy(&pol)
	return pol
}

func TestLinkPolicyDependency(t *testing.T) {
	gitops := ID("hub", "Policy", "c1", "open-cluster-management.openshift-gitops-policy")
	group := ID("hub", "Policy", "c1", "open-cluster-management.clustergroup-policy")
	const waiting = "Pending; Dependencies were not satisfied: 1 is still pending (Policy open-cluster-management.openshift-gitops-policy)"

	c := cluster("c1")
	c.Policies = []model.Policy{gitopsPolicy("c1", model.NonCompliant), groupPolicy("c1", model.Pending, waiting)}
	g := Build(fleet(c))
	wantLink(t, g, gitops, group, LinkPolicyDependency, Certain)
	if len(g.Causes) != 1 || g.Root(0).ID != gitops {
		t.Fatalf("want the gitops policy as the one cause; links:\n%s", dumpLinks(g))
	}

	// Pending without the framework's words: likely.
	c.Policies[1] = groupPolicy("c1", model.Pending, "Pending; waiting for the template to be evaluated")
	wantLink(t, Build(fleet(c)), gitops, group, LinkPolicyDependency, Likely)

	// The dependency written without a namespace is in the root policy's namespace.
	c.Policies[1] = groupPolicy("c1", model.Pending, waiting)
	c.Policies[1].Dependencies = []string{"Policy openshift-gitops-policy=Compliant"}
	wantLink(t, Build(fleet(c)), gitops, group, LinkPolicyDependency, Certain)

	// No link: the dependency is in the wanted state, the dependent is not Pending, or the
	// dependency is a copy on another cluster.
	compliant := gitopsPolicy("c1", model.Compliant)
	compliant.Compliant = model.Compliant
	c.Policies = []model.Policy{compliant, groupPolicy("c1", model.Pending, waiting)}
	wantNoLink(t, Build(fleet(c)), gitops, group)
	c.Policies = []model.Policy{gitopsPolicy("c1", model.NonCompliant), groupPolicy("c1", model.NonCompliant, "NonCompliant; violation - x")}
	wantNoLink(t, Build(fleet(c)), gitops, group)
	c2 := cluster("c2")
	c2.Policies = []model.Policy{gitopsPolicy("c2", model.NonCompliant)}
	c.Policies = []model.Policy{groupPolicy("c1", model.Pending, waiting)}
	wantNoLink(t, Build(fleet(c, c2)), ID("hub", "Policy", "c2", "open-cluster-management.openshift-gitops-policy"), group)
}
