package governance

import (
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Spec is what the plumbing watches for governance, on the hub only. Policies are required
// (they tell that the governance framework is installed); PolicySets, PlacementBindings,
// Placements and PlacementDecisions are watched where served. The state goes to the snapshot's
// PolicySource rather than to Sources, which holds the per-cluster products.
func Spec() kube.ProductSpec {
	return kube.ProductSpec{
		Product: model.ProductACM, // unused: SetState routes the state, see there
		Kinds: []kube.KindSpec{
			{Group: PolicyGroup, Versions: []string{"v1"}, Resource: Policies, Required: true,
				Decode: func(u *unstructured.Unstructured, c string) any { p := DecodePolicy(u, c); return &p }},
			{Group: PolicyGroup, Versions: []string{"v1beta1"}, Resource: PolicySets,
				Decode: func(u *unstructured.Unstructured, c string) any { s := DecodePolicySet(u, c); return &s }},
			{Group: PolicyGroup, Versions: []string{"v1"}, Resource: PlacementBindings,
				Decode: func(u *unstructured.Unstructured, c string) any { b := DecodePlacementBinding(u, c); return &b }},
			{Group: PlacementGroup, Versions: []string{"v1beta1"}, Resource: Placements,
				Decode: func(u *unstructured.Unstructured, c string) any { p := DecodePlacement(u, c); return &p }},
			{Group: PlacementGroup, Versions: []string{"v1beta1"}, Resource: PlacementDecisions,
				Decode: func(u *unstructured.Unstructured, c string) any { d := DecodePlacementDecision(u, c); return &d }},
		},
		SetState: func(snap *model.ClusterSnapshot, st model.SourceStatus) { snap.PolicySource = st },
		Build:    build,
	}
}

func build(snap *model.ClusterSnapshot, items [][]*kube.Projected) {
	// Split the projections before collecting, so that Collect adopts each policy into the
	// list the snapshot keeps (see kube.Collect).
	var roots, replicated []*kube.Projected
	for _, it := range items[0] {
		if p, ok := it.Value.(*model.Policy); ok && !p.Root {
			replicated = append(replicated, it)
		} else {
			roots = append(roots, it)
		}
	}
	snap.Governance = &model.Governance{
		Roots:      kube.Collect[model.Policy](roots),
		Replicated: kube.Collect[model.Policy](replicated),
		PolicySets: kube.Collect[model.PolicySet](items[1]),
		Bindings:   kube.Collect[model.PlacementBinding](items[2]),
		Placements: kube.Collect[model.Placement](items[3]),
		Decisions:  kube.Collect[model.PlacementDecision](items[4]),
	}
}
