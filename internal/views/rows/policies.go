package rows

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// RootPolicy is a root ACM policy with its replicated copies (one per cluster it is placed
// on), what a row of :policies and its detail page show. It points into one immutable hub
// snapshot.
type RootPolicy struct {
	Policy *model.Policy
	Copies []*model.Policy // sorted by cluster
}

// rootPolicies returns the hub's root policies with their copies; nil on other clusters.
func rootPolicies(c *model.ClusterSnapshot) []RootPolicy {
	g := c.Governance
	if g == nil {
		return nil
	}
	copies := make(map[string][]*model.Policy, len(g.Roots))
	for i := range g.Replicated {
		p := &g.Replicated[i]
		copies[p.RootPolicy] = append(copies[p.RootPolicy], p)
	}
	out := make([]RootPolicy, len(g.Roots))
	for i := range g.Roots {
		r := &g.Roots[i]
		out[i] = RootPolicy{Policy: r, Copies: copies[r.Namespace+"."+r.Name]}
	}
	return out
}

// policyRows lists, in a cluster's Policies tab, the policies that apply to it (its
// replicated copies); fleet-wide (:policies), one row per root policy, from the hub.
func policyRows(c *model.ClusterSnapshot, cluster string) []Row {
	if cluster != "" {
		rows := make([]Row, 0, len(c.Policies))
		for i := range c.Policies {
			p := &c.Policies[i]
			rows = append(rows, newObjectRow(&p.Meta, p.Health, p.Created, p,
				FirstNonEmpty(p.RootPolicy, p.Name), Dash(p.Compliant), FailingTemplate(p),
				Dash(p.Severity()), Dash(p.RemediationAction), VerdictText(p.Health)))
		}
		return rows
	}
	roots := rootPolicies(c)
	rows := make([]Row, 0, len(roots))
	for i := range roots {
		r := &roots[i]
		p := r.Policy
		rows = append(rows, newObjectRow(&p.Meta, p.Health, p.Created, r,
			p.Namespace, p.Name, ClustersCompliant(p), Dash(p.RemediationAction), Dash(p.Severity()),
			Dash(strings.Join(p.Standards, ", ")), VerdictText(p.Health)))
	}
	return rows
}

// ClustersCompliant is a root policy's CLUSTERS cell: "compliant/placed", "disabled", or "-"
// when no cluster reported.
func ClustersCompliant(p *model.Policy) string {
	if p.Disabled {
		return "disabled"
	}
	if len(p.Clusters) == 0 {
		return "-"
	}
	n := 0
	for _, c := range p.Clusters {
		if c.Compliant == model.Compliant {
			n++
		}
	}
	return fmt.Sprintf("%d/%d", n, len(p.Clusters))
}

// FailingTemplate names the first template of a replicated policy that is not Compliant, "-"
// when none is.
func FailingTemplate(p *model.Policy) string {
	for _, d := range p.Details {
		if d.Compliant != model.Compliant {
			return FirstNonEmpty(d.Name, "-")
		}
	}
	return "-"
}

// PoliciesCell is the fleet page's POLICIES cell: "compliant/total !problems", or why there
// is nothing to count; "-" where governance is not watched at all.
func PoliciesCell(c *model.ClusterSnapshot) string {
	if c.PolicySource == (model.SourceStatus{}) {
		return "-"
	}
	return countOrState(c.Summary.Policies, c.PolicySource.State)
}

// PolicySourceNotice explains, above a cluster's Policies tab, a governance source that is not
// Ready (it runs on the hub), or "".
func PolicySourceNotice(st model.SourceStatus, now time.Time) string {
	reason := humanize.Sanitize(st.Reason)
	switch st.State {
	case model.StateReady:
		return ""
	case model.StateSyncing:
		if st == (model.SourceStatus{}) {
			return ""
		}
		return "ACM governance on the hub is syncing: waiting for the first full list…"
	case model.StateNotInstalled:
		return "ACM governance is not installed on the hub"
	case model.StateStale:
		return "ACM governance on the hub is stale (" + humanize.Age(now, st.Since) + "): " + reason + " — showing last known data"
	}
	return JoinNonEmpty(": ", "ACM governance on the hub: "+StateShort(st.State), reason)
}

// findPolicy finds a replicated policy in c's Policies or a root policy in its Governance.
func findPolicy(c *model.ClusterSnapshot, same func(*model.Meta) bool) any {
	for i := range c.Policies {
		if same(&c.Policies[i].Meta) {
			return &c.Policies[i]
		}
	}
	for _, r := range rootPolicies(c) {
		if same(&r.Policy.Meta) {
			return &r
		}
	}
	if g := c.Governance; g != nil {
		for i := range g.Replicated {
			if same(&g.Replicated[i].Meta) {
				return &g.Replicated[i]
			}
		}
	}
	return nil
}
