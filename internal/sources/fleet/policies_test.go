package fleet_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/model"
)

// The hub's governance source feeds every cluster its replicated policies, judged, with the
// hub's source state; NoAccess clusters get theirs too (they are hub-side facts).
func TestManagerHandsEachClusterItsPolicies(t *testing.T) {
	f := startDemo(t, nil).Latest()
	hub := f.Clusters[0]
	if hub.PolicySource.State != model.StateReady || hub.Governance == nil || len(hub.Governance.Roots) == 0 {
		t.Fatalf("hub governance: state %v, %+v", hub.PolicySource.State, hub.Governance)
	}
	for _, c := range f.Clusters[1:] {
		if c.PolicySource.State != model.StateReady {
			t.Errorf("%s: policy source %v", c.Name, c.PolicySource.State)
		}
		if len(c.Policies) == 0 {
			t.Errorf("%s has no policies", c.Name)
		}
		for _, p := range c.Policies {
			if p.ClusterName != c.Name || p.Namespace != c.Name || p.Cluster != demo.HubName {
				t.Errorf("%s got policy %s/%s for %q held by %q", c.Name, p.Namespace, p.Name, p.ClusterName, p.Cluster)
			}
		}
		if c.Summary.Policies.Total != len(c.Policies) {
			t.Errorf("%s: summary counts %d of %d policies", c.Name, c.Summary.Policies.Total, len(c.Policies))
		}
	}
	if edge := f.Cluster("cluster-edge-9"); len(edge.Policies) == 0 {
		t.Error("a cluster without access must still show its policies")
	}
	gcp := f.Cluster("cluster-gcp-eu")
	if gcp.Summary.Policies.Problems != 1 || !strings.Contains(gcp.Summary.Policies.WorstReason, "hub-ca") {
		t.Errorf("cluster-gcp-eu policies: %+v", gcp.Summary.Policies)
	}
	azure := f.Cluster("cluster-azure-eu")
	if !strings.Contains(azure.Summary.Health.Reason, "policy open-cluster-management.openshift-gitops-policy installs it and is NonCompliant") {
		t.Errorf("cluster-azure-eu reason does not name the GitOps policy: %q", azure.Summary.Health.Reason)
	}
}

// A hub without the governance CRDs is NotInstalled, and the clusters say so; nothing fails.
func TestGovernanceNotInstalled(t *testing.T) {
	f := demo.Build(demo.Options{Now: time.Now()})
	_, spokes := demo.Conns(f)
	plain := spokes[0] // a managed cluster's API: no governance CRDs there
	plain.Cluster, plain.OCM = "plain", nil
	fl := startDemo(t, &plain).Latest()
	c := fl.Clusters[0]
	if c.PolicySource.State != model.StateNotInstalled || !strings.Contains(c.PolicySource.Reason, "policies.policy.open-cluster-management.io not served") {
		t.Fatalf("policy source %+v", c.PolicySource)
	}
	if c.Governance != nil || len(c.Policies) != 0 || strings.Contains(c.Summary.Health.Reason, "governance") {
		t.Fatalf("governance leaked into a hub without it: %+v", c.Summary.Health)
	}
}
