// Package governance reads ACM governance objects on the hub — root and replicated Policies,
// PolicySets, PlacementBindings, Placements and PlacementDecisions — into model types, through
// the dynamic client into small structs of our own (the upstream types live in the
// governance-policy-propagator module, which the product must not import).
package governance

import "k8s.io/apimachinery/pkg/runtime/schema"

// API groups and versions of the governance kinds.
const (
	PolicyGroup    = "policy.open-cluster-management.io"
	PlacementGroup = "cluster.open-cluster-management.io"
)

// Resource names.
const (
	Policies           = "policies"
	PolicySets         = "policysets"
	PlacementBindings  = "placementbindings"
	Placements         = "placements"
	PlacementDecisions = "placementdecisions"
)

// Labels and annotations the propagator writes or reads.
const (
	LabelRootPolicy       = "policy.open-cluster-management.io/root-policy"
	LabelClusterName      = "policy.open-cluster-management.io/cluster-name"
	LabelClusterNamespace = "policy.open-cluster-management.io/cluster-namespace"
	LabelPlacement        = "cluster.open-cluster-management.io/placement"
	AnnotationStandards   = "policy.open-cluster-management.io/standards"
	AnnotationCategories  = "policy.open-cluster-management.io/categories"
	AnnotationControls    = "policy.open-cluster-management.io/controls"
)

// GVRs of the watched kinds, at the versions governance-policy-propagator v0.19.0 and
// open-cluster-management.io/api v1.3.0 serve.
var (
	PoliciesGVR           = schema.GroupVersionResource{Group: PolicyGroup, Version: "v1", Resource: Policies}
	PolicySetsGVR         = schema.GroupVersionResource{Group: PolicyGroup, Version: "v1beta1", Resource: PolicySets}
	PlacementBindingsGVR  = schema.GroupVersionResource{Group: PolicyGroup, Version: "v1", Resource: PlacementBindings}
	PlacementsGVR         = schema.GroupVersionResource{Group: PlacementGroup, Version: "v1beta1", Resource: Placements}
	PlacementDecisionsGVR = schema.GroupVersionResource{Group: PlacementGroup, Version: "v1beta1", Resource: PlacementDecisions}
)
