package report

import (
	"cmp"

	"github.com/mcgtui/mcgtui/internal/model"
)

// governanceSource is the name of the hub's governance source in Sources and Source rows.
const governanceSource = "governance"

// watchesGovernance reports whether c is the hub and its governance source was started (a
// zero PolicySource means nothing watched governance: one-cluster fixtures, old callers).
func watchesGovernance(c *model.ClusterSnapshot) bool {
	return c.Hub && c.PolicySource != (model.SourceStatus{})
}

// governanceSourceRow is the hub's Source row for governance when that source is not Ready.
func governanceSourceRow(c *model.ClusterSnapshot) (Row, bool) {
	st := c.PolicySource
	if !watchesGovernance(c) || st.State == model.StateReady {
		return Row{}, false
	}
	verdict, text := sourceVerdict(st.State)
	return Row{
		Cluster: c.Name, Kind: "Source", Name: governanceSource, Verdict: Verdict(verdict),
		Reason: cmp.Or(st.Reason, text), SourceState: st.State.String(), Since: st.Since,
	}, true
}

// policyRows returns the Policy rows of c: its replicated policies (listed under the cluster
// they apply to, although they live on the hub), and on the hub the root policies and
// PolicySets.
func policyRows(c *model.ClusterSnapshot) []Row {
	var rows []Row
	for i := range c.Policies {
		p := &c.Policies[i]
		r := policyRow(c, p)
		r.RootPolicy = p.RootPolicy
		rows = append(rows, r)
	}
	g := c.Governance
	if g == nil {
		return rows
	}
	for i := range g.Roots {
		p := &g.Roots[i]
		r := policyRow(c, p)
		for _, cc := range p.Clusters {
			if cc.Compliant == model.NonCompliant {
				r.NoncompliantClusters = append(r.NoncompliantClusters, cc.Cluster)
			}
		}
		rows = append(rows, r)
	}
	for i := range g.PolicySets {
		s := &g.PolicySets[i]
		r := objectRow(c, &s.Meta, "PolicySet", s.Health)
		r.Compliant = s.Compliant
		rows = append(rows, r)
	}
	return rows
}

func policyRow(c *model.ClusterSnapshot, p *model.Policy) Row {
	r := objectRow(c, &p.Meta, "Policy", p.Health)
	r.Compliant, r.RemediationAction, r.Severity, r.Standards = p.Compliant, p.RemediationAction, p.Severity(), p.Standards
	return r
}

// orphanPolicyRows lists, under the hub, the replicated policies whose cluster is not in the
// fleet (a cluster namespace without a ManagedCluster, or one the hub no longer manages), so
// that no policy the hub holds goes unreported. Their verdict is their own; the reason says
// where they are.
func orphanPolicyRows(f *model.Fleet) []Row {
	var hub *model.ClusterSnapshot
	known := make(map[string]bool, len(f.Clusters)+1)
	for _, c := range f.Clusters {
		if c == nil {
			continue
		}
		known[c.Name] = true
		if c.Managed != nil {
			known[c.Managed.Name] = true
		}
		if c.Hub {
			hub = c
		}
	}
	if hub == nil || hub.Governance == nil {
		return nil
	}
	var rows []Row
	for i := range hub.Governance.Replicated {
		p := &hub.Governance.Replicated[i]
		if known[p.ClusterName] {
			continue
		}
		r := policyRow(hub, p)
		r.RootPolicy = p.RootPolicy
		r.Reason = joinReasons("cluster "+p.ClusterName+" is not a managed cluster of this fleet", r.Reason)
		rows = append(rows, r)
	}
	return rows
}
