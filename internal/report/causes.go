package report

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/model"
)

// ObjectRef names an object, a cluster or a product source in `causes[]`, with the same field
// names as a row: cluster, kind, namespace, name.
type ObjectRef struct {
	Cluster   string `json:"cluster"`
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
}

// CauseItem is one root cause in the JSON document's `causes`, ranked as the graph ranks them
// (verdict, blast radius, age). docs/status.md describes the fields.
type CauseItem struct {
	// ID is the root object's ID ("cluster/Kind/namespace/name"); rows name it in causedBy.
	ID string `json:"id"`
	// Object is the root object; Instances lists it and the same problem on other clusters.
	Object    ObjectRef   `json:"object"`
	Instances []ObjectRef `json:"instances"`
	Verdict   Verdict     `json:"verdict"`
	Reason    string      `json:"reason"`
	Since     time.Time   `json:"since,omitzero"`
	// Clusters and Problems are the blast radius: the clusters concerned, and the symptoms
	// that are Warning or Critical.
	Clusters int `json:"clusters"`
	Problems int `json:"problems"`
	// Timeline says in one line what broke first, kind by kind.
	Timeline string        `json:"timeline,omitempty"`
	Symptoms []SymptomItem `json:"symptoms"`
}

// SymptomItem is one object a cause explains, in tree order (depth first).
type SymptomItem struct {
	ObjectRef
	Verdict Verdict   `json:"verdict"`
	Reason  string    `json:"reason"`
	Since   time.Time `json:"since,omitzero"`
	// Link is the kind of link from Via: store, app-resource, statefulset-claim, portworx,
	// app-of-apps, applicationset, cluster-unavailable, policy-product.
	Link string `json:"link"`
	// Certainty is "certain" when every link from the root is, else "likely".
	Certainty string `json:"certainty"`
	Why       string `json:"why"`
	// Via is the ID of the object it hangs from; Depth is 1 under the root.
	Via   string `json:"via"`
	Depth int    `json:"depth"`
}

// Causes lists the graph's causes for the JSON document; [] when there are none.
func Causes(g *causes.Graph, now time.Time) []CauseItem {
	out := make([]CauseItem, 0, len(g.Causes))
	for ci := range g.Causes {
		c := &g.Causes[ci]
		root := g.Root(ci)
		item := CauseItem{
			ID: root.ID, Object: objectRef(root), Verdict: Verdict(c.Verdict), Reason: root.Reason, Since: c.Since,
			Clusters: c.Clusters, Problems: c.Problems, Timeline: g.Timeline(ci, now),
			Symptoms: make([]SymptomItem, 0, len(c.Symptoms)),
		}
		for _, r := range c.Roots {
			item.Instances = append(item.Instances, objectRef(&g.Nodes[r]))
		}
		for _, s := range c.Symptoms {
			n := &g.Nodes[s.Node]
			item.Symptoms = append(item.Symptoms, SymptomItem{
				ObjectRef: objectRef(n), Verdict: Verdict(n.Verdict), Reason: n.Reason, Since: n.Since,
				Link: s.Link.Kind.String(), Certainty: s.Certainty.String(), Why: s.Link.Why,
				Via: g.Nodes[s.Via].ID, Depth: s.Depth,
			})
		}
		out = append(out, item)
	}
	return out
}

func objectRef(n *causes.Node) ObjectRef {
	return ObjectRef{Cluster: n.Ref.Cluster, Kind: n.Ref.Kind, Namespace: n.Ref.Namespace, Name: n.Ref.Name}
}

// WithCauses sets CausedBy on the rows that the graph explains. A managed cluster's row is
// the hub's ManagedCluster record in the graph.
func WithCauses(f *model.Fleet, rows []Row, g *causes.Graph) []Row {
	for i := range rows {
		r := &rows[i]
		id := causes.ID(r.Cluster, r.Kind, r.Namespace, r.Name)
		if r.Kind == "ManagedCluster" {
			if c := f.Cluster(r.Cluster); c != nil && c.Managed != nil {
				id = causes.ID(c.Managed.Cluster, "ManagedCluster", "", c.Managed.Name)
			}
		}
		n, ok := g.Lookup(id)
		if !ok {
			continue
		}
		for _, c := range g.CausedBy(n) {
			r.CausedBy = append(r.CausedBy, g.Root(c).ID)
		}
	}
	return rows
}
