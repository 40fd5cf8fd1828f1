package fleet

import (
	"slices"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/governance"
)

// policyIndex holds the hub's replicated policies grouped by the cluster they apply to, and
// the hub's governance source state, so that composing one cluster costs a map lookup.
type policyIndex struct {
	byCluster map[string][]model.Policy
	source    model.SourceStatus
}

// policyKey is the name under which a cluster's replicated policies are found: its
// ManagedCluster's name (the hub's is usually local-cluster), else its fleet name.
func policyKey(e *entry) string {
	if e.managed != nil {
		return e.managed.Name
	}
	return e.name
}

// attachPolicies gives a composed snapshot its cluster's policies and the governance source
// state. Callers hold m.mu.
func (m *Manager) attachPolicies(e *entry, c *model.ClusterSnapshot) {
	c.PolicySource = m.pol.source
	c.Policies = m.pol.byCluster[policyKey(e)]
}

// updatePolicies takes the hub's new snapshot's policies and composes again only the spokes
// whose policies (or the source state) changed: at 3,500 clusters one policy's change must
// not cost a pass over every cluster. The caller composes the hub itself; it holds m.mu.
func (m *Manager) updatePolicies(hub *model.ClusterSnapshot) {
	next := policyIndex{source: hub.PolicySource}
	if hub.Governance != nil {
		next.byCluster = governance.ClusterPolicies(hub.Governance.Replicated)
	}
	sourceChanged := next.source.State != m.pol.source.State || next.source.Reason != m.pol.source.Reason
	old := m.pol
	m.pol = next
	for _, e := range m.entries {
		key := policyKey(e)
		if e.hub || (!sourceChanged && samePolicies(old.byCluster[key], next.byCluster[key])) {
			continue
		}
		m.compose(e)
	}
}

// samePolicies compares two lists of one cluster's policies by identity, version and verdict.
func samePolicies(a, b []model.Policy) bool {
	return slices.EqualFunc(a, b, func(x, y model.Policy) bool {
		return x.UID == y.UID && x.ResourceVersion == y.ResourceVersion && x.Health == y.Health &&
			x.ResourceVersion != ""
	})
}
