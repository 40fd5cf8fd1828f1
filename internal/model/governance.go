package model

import (
	"slices"
	"strings"
	"time"
)

// Compliance states written by the governance framework into status.compliant and
// status.details[].compliant (policy.open-cluster-management.io/v1 ComplianceState).
const (
	Compliant    = "Compliant"
	NonCompliant = "NonCompliant"
	Pending      = "Pending"
)

// Governance is what the hub's governance source knows: ACM policies and what places them. It
// hangs off the hub's snapshot (its source state is the hub's PolicySource); every cluster's
// snapshot carries its own replicated policies in ClusterSnapshot.Policies. Like the rest of a snapshot it is immutable once published.
type Governance struct {
	// Roots are the root policies: those without the root-policy label, in any namespace that is
	// not a cluster namespace.
	Roots []Policy `json:"roots,omitempty"`
	// Replicated are the copies the propagator writes into each cluster namespace.
	Replicated []Policy            `json:"replicated,omitempty"`
	PolicySets []PolicySet         `json:"policySets,omitempty"`
	Bindings   []PlacementBinding  `json:"placementBindings,omitempty"`
	Placements []Placement         `json:"placements,omitempty"`
	Decisions  []PlacementDecision `json:"placementDecisions,omitempty"`
}

// Policy is a policy.open-cluster-management.io/v1 Policy: a root policy on the hub, or its
// replicated copy in a cluster namespace (Root is false, RootPolicy and ClusterName are set).
type Policy struct {
	Meta
	Root bool `json:"root"`
	// RootPolicy is a replicated policy's root, "namespace.name" (label
	// policy.open-cluster-management.io/root-policy).
	RootPolicy string `json:"rootPolicy,omitempty"`
	// ClusterName is the managed cluster a replicated policy applies to (label
	// policy.open-cluster-management.io/cluster-name, else its namespace).
	ClusterName       string           `json:"clusterName,omitempty"`
	Disabled          bool             `json:"disabled,omitempty"`
	RemediationAction string           `json:"remediationAction,omitempty"` // inform, enforce, or "" (each template decides)
	Standards         []string         `json:"standards,omitempty"`         // annotation policy.open-cluster-management.io/standards
	Categories        []string         `json:"categories,omitempty"`
	Controls          []string         `json:"controls,omitempty"`
	Templates         []PolicyTemplate `json:"templates,omitempty"` // spec.policy-templates[]
	// Dependencies names what the policy waits for: spec.dependencies[] as "Kind ns/name=Compliance".
	Dependencies []string `json:"dependencies,omitempty"`
	// Compliant is status.compliant: Compliant, NonCompliant, Pending, or "" when not written yet.
	Compliant string `json:"compliant,omitempty"`
	// Clusters is a root policy's status.status[]: the compliance the propagator collected from
	// each cluster's replicated policy.
	Clusters []ClusterCompliance `json:"clusters,omitempty"`
	// Placements is a root policy's status.placement[].
	Placements []PolicyPlacement `json:"placements,omitempty"`
	// Details is a replicated policy's status.details[]: each template's compliance and history.
	Details []TemplateStatus `json:"details,omitempty"`
	Health  Health           `json:"health"`
}

// PolicyTemplate is what mcgtui reads of one spec.policy-templates[].objectDefinition.
type PolicyTemplate struct {
	Kind              string `json:"kind"` // ConfigurationPolicy, OperatorPolicy, CertificatePolicy …
	Name              string `json:"name"`
	Severity          string `json:"severity,omitempty"`          // spec.severity: low, medium, high, critical
	RemediationAction string `json:"remediationAction,omitempty"` // spec.remediationAction
	// Installs lists the products the template creates on the cluster (an OpenShift GitOps or
	// ESO Subscription or OperatorPolicy, an ArgoCD, an Argo CD Application), for correlation.
	Installs []Product `json:"installs,omitempty"`
	// InstallsWhat names what it creates, for reasons: "Subscription openshift-gitops-operator".
	InstallsWhat []string `json:"installsWhat,omitempty"`
	// Operators lists the products whose operator the template installs (an OLM Subscription
	// or an OperatorPolicy of the product's package): the operator brings the product's CRDs,
	// so it is what a product NotInstalled lacks. An ArgoCD or Application object needs the
	// CRDs already there: it cannot explain them missing.
	Operators []Product `json:"operators,omitempty"`
	// Dependencies are the template's extraDependencies, as Policy.Dependencies.
	Dependencies []string `json:"dependencies,omitempty"`
}

// Installs reports whether any template of the policy creates product p.
func (p *Policy) Installs(product Product) bool {
	for i := range p.Templates {
		for _, q := range p.Templates[i].Installs {
			if q == product {
				return true
			}
		}
	}
	return false
}

// InstallsOperator reports whether any template of the policy installs product p's operator.
func (p *Policy) InstallsOperator(product Product) bool {
	for i := range p.Templates {
		if slices.Contains(p.Templates[i].Operators, product) {
			return true
		}
	}
	return false
}

// Detail returns the status.details[] entry of the named template, or nil.
func (p *Policy) Detail(template string) *TemplateStatus {
	for i := range p.Details {
		if p.Details[i].Name == template {
			return &p.Details[i]
		}
	}
	return nil
}

// Severity returns the highest template severity of the policy ("" when none says), ordered
// low < medium < high < critical; unrecognised values rank below low.
func (p *Policy) Severity() string {
	best, rank := "", -1
	for i := range p.Templates {
		if r := SeverityRank(p.Templates[i].Severity); r > rank && p.Templates[i].Severity != "" {
			best, rank = p.Templates[i].Severity, r
		}
	}
	return best
}

// SeverityRank orders the severities the policy CRDs allow: low 1, medium 2, high 3, critical 4;
// anything else 0.
func SeverityRank(s string) int {
	switch strings.ToLower(s) {
	case "low":
		return 1
	case "medium", "moderate":
		return 2
	case "high":
		return 3
	case "critical":
		return 4
	}
	return 0
}

// Enforces reports whether the policy enforces: its own remediationAction when set (it
// overrides the templates'), else any template's.
func (p *Policy) Enforces() bool {
	if p.RemediationAction != "" {
		return strings.EqualFold(p.RemediationAction, "enforce")
	}
	for i := range p.Templates {
		if strings.EqualFold(p.Templates[i].RemediationAction, "enforce") {
			return true
		}
	}
	return false
}

// Template returns the template of that name, or nil.
func (p *Policy) Template(name string) *PolicyTemplate {
	for i := range p.Templates {
		if p.Templates[i].Name == name {
			return &p.Templates[i]
		}
	}
	return nil
}

// ClusterCompliance is one root policy status.status[] entry.
type ClusterCompliance struct {
	Cluster   string `json:"cluster"`
	Namespace string `json:"namespace,omitempty"`
	Compliant string `json:"compliant,omitempty"`
}

// PolicyPlacement is one root policy status.placement[] entry (or a PolicySet's).
type PolicyPlacement struct {
	PlacementBinding string   `json:"placementBinding,omitempty"`
	Placement        string   `json:"placement,omitempty"`
	PlacementRule    string   `json:"placementRule,omitempty"`
	PolicySet        string   `json:"policySet,omitempty"`
	Decisions        []string `json:"decisions,omitempty"` // cluster names
}

// TemplateStatus is one replicated policy status.details[] entry.
type TemplateStatus struct {
	Name      string `json:"name"` // templateMeta.name
	Compliant string `json:"compliant,omitempty"`
	// History is newest first and capped (see the governance source); HistoryTotal is how many
	// entries the object held.
	History      []ComplianceEvent `json:"history,omitempty"`
	HistoryTotal int               `json:"historyTotal,omitempty"`
}

// Latest returns the newest history entry and whether there is one.
func (t *TemplateStatus) Latest() (ComplianceEvent, bool) {
	if len(t.History) == 0 {
		return ComplianceEvent{}, false
	}
	return t.History[0], true
}

// ComplianceEvent is one status.details[].history[] entry.
type ComplianceEvent struct {
	Time      time.Time `json:"lastTimestamp,omitempty"`
	Message   string    `json:"message,omitempty"`
	EventName string    `json:"eventName,omitempty"`
}

// PolicySet is a policy.open-cluster-management.io/v1beta1 PolicySet.
type PolicySet struct {
	Meta
	Description   string            `json:"description,omitempty"`
	Policies      []string          `json:"policies,omitempty"`
	Compliant     string            `json:"compliant,omitempty"`
	StatusMessage string            `json:"statusMessage,omitempty"`
	Placements    []PolicyPlacement `json:"placements,omitempty"`
	Health        Health            `json:"health"`
}

// PlacementBinding is a policy.open-cluster-management.io/v1 PlacementBinding.
type PlacementBinding struct {
	Meta
	PlacementKind string `json:"placementKind,omitempty"` // Placement or PlacementRule
	PlacementName string `json:"placementName,omitempty"`
	// Subjects are "Policy/name" or "PolicySet/name".
	Subjects []string `json:"subjects,omitempty"`
	// RemediationOverride is bindingOverrides.remediationAction.
	RemediationOverride string `json:"remediationOverride,omitempty"`
	SubFilter           string `json:"subFilter,omitempty"`
}

// Placement is a cluster.open-cluster-management.io/v1beta1 Placement.
type Placement struct {
	Meta
	ClusterSets      []string    `json:"clusterSets,omitempty"`
	SelectedClusters int64       `json:"numberOfSelectedClusters"`
	Conditions       []Condition `json:"conditions,omitempty"`
}

// PlacementDecision is a cluster.open-cluster-management.io/v1beta1 PlacementDecision.
type PlacementDecision struct {
	Meta
	// Placement is the label cluster.open-cluster-management.io/placement.
	Placement string   `json:"placement,omitempty"`
	Clusters  []string `json:"clusters,omitempty"`
}

// PolicyCounts is the policy roll-up of one cluster.
type PolicyCounts = Counts

// PolicyGood reports whether a policy counts as good in a roll-up: Compliant, or disabled.
func PolicyGood(p *Policy) bool { return p.Compliant == Compliant || p.Disabled }

// SummarizePolicies counts a cluster's policies; Good = Compliant.
func SummarizePolicies(policies []Policy) Counts {
	var c Counts
	for i := range policies {
		p := &policies[i]
		c.add(PolicyGood(p), p.Health, func() string { return "policy " + policyLabel(p) })
	}
	return c
}

// policyLabel names a policy in a roll-up reason: a replicated one by its root ("ns.name" ->
// "name" is ambiguous across namespaces, so the full root name stays).
func policyLabel(p *Policy) string {
	if p.RootPolicy != "" {
		return p.RootPolicy
	}
	return p.Namespace + "." + p.Name
}

// considerPolicySource judges the hub's governance source as Summarize judges the products'
// sources. Only the hub's roll-up counts it: on a spoke the same failure would be repeated once
// per cluster.
func considerPolicySource(st SourceStatus, consider func(Verdict, string)) {
	switch st.State {
	case StateUnreachable:
		consider(VerdictCritical, "governance unreachable: "+st.Reason)
	case StateForbidden, StateStale:
		consider(VerdictWarning, "governance "+lowerState(st.State)+": "+st.Reason)
	}
}
