// Package causes builds the fleet's cause graph: from one fleet snapshot, the links from the
// problems that explain other problems (a Vault store that is not Ready) to the problems they
// explain (the ExternalSecrets using it, then the apps managing those), each link marked
// certain or likely and saying why. Problems that no link explains are causes of their own:
// nothing is hidden. Causes are ranked by verdict, then blast radius (symptoms, clusters),
// then age (what broke first comes first).
//
// The package is pure (no I/O, no clocks, no client-go, no TUI): it sits below the views and
// `mcgtui status`, above the model. Building is linear in the fleet and incremental: a Builder
// keeps each cluster's share of the work keyed by the snapshot it came from, so a publish in
// which one cluster changed redoes that cluster only, plus the assembly of the problems
// (docs/performance.md).
//
// Each kind of link is one function (links.go, links_policy.go, and builder.go for the links
// whose ends are on different clusters).
package causes

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Certainty says how sure a link is.
type Certainty uint8

const (
	// Likely: the cause usually explains the symptom, but the products do not say so.
	Likely Certainty = iota
	// Certain: the products' own fields tie the symptom to the cause (the secret names the
	// store; the app lists the secret in status.resources).
	Certain
)

// String returns "likely" or "certain".
func (c Certainty) String() string {
	if c == Certain {
		return "certain"
	}
	return "likely"
}

// MarshalText writes the certainty by name.
func (c Certainty) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// LinkKind is what ties a symptom to its cause.
type LinkKind uint8

const (
	// LinkStore: a SecretStore or ClusterSecretStore that is not Ready → the ExternalSecrets,
	// ClusterExternalSecrets and PushSecrets that use it.
	LinkStore LinkKind = iota + 1
	// LinkAppResource: an object an app manages (listed in its status.resources) → that app,
	// when it is Degraded, Progressing or Missing.
	LinkAppResource
	// LinkStatefulSetClaim: a claim in the namespace of a StatefulSet an app manages, named as
	// the StatefulSet names its claims → that app (likely: claims are not in status.resources).
	LinkStatefulSetClaim
	// LinkPortworx: a Portworx node that is down, or a StorageCluster that is unhealthy → the
	// Pending claims of Portworx classes on that cluster (and a down node → its StorageCluster).
	LinkPortworx
	// LinkAppOfApps: a child Application → the app-of-apps parent that manages it.
	LinkAppOfApps
	// LinkAppSet: an ApplicationSet in error → the Applications it generated.
	LinkAppSet
	// LinkClusterUnavailable: a managed cluster that is not Available → what is observed on it
	// (stale rather than independently broken) and the hub apps that deploy to it.
	LinkClusterUnavailable
	// LinkPolicyProduct: a replicated Policy NonCompliant on a cluster, one of whose templates
	// installs a product's operator → that product's source, NotInstalled on that cluster.
	LinkPolicyProduct
	// LinkPolicyDependency: a replicated Policy that is not in the state another policy on the
	// same cluster depends on → that policy, Pending until it is.
	LinkPolicyDependency
)

var linkKindNames = [...]string{"", "store", "app-resource", "statefulset-claim", "portworx", "app-of-apps",
	"applicationset", "cluster-unavailable", "policy-product", "policy-dependency"}

// String returns the kind's name as used in JSON ("store", "app-resource" …).
func (k LinkKind) String() string {
	if int(k) < len(linkKindNames) && k != 0 {
		return linkKindNames[k]
	}
	return "unknown"
}

// MarshalText writes the kind by name.
func (k LinkKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Node is one problem of the fleet: an object, a cluster, or a product source, with its
// verdict. Nodes that are not problems themselves (an app Progressing because its claim is
// Pending) are kept only as symptoms of a cause.
type Node struct {
	// ID is stable across snapshots: "cluster/Kind/namespace/name", or "cluster/Kind/name" for
	// cluster-scoped objects (clusters: "hub/ManagedCluster/name"; sources: "c/Source/eso").
	ID string
	// Ref is the object: where it lives, so that it can be opened and acted on.
	Ref model.Ref
	// About is the cluster the problem concerns: the managed cluster of a ManagedCluster, the
	// destination of a hub Application, else Ref.Cluster.
	About   string
	Verdict model.Verdict
	Reason  string
	// Since is when the problem started as far as the products say (a condition's
	// lastTransitionTime, an operation's start or finish, a claim's creation, a lease); zero
	// when they do not say.
	Since time.Time
	// Problem is true for Warning and Critical. Other nodes appear only as symptoms.
	Problem bool

	// group merges causes that are the same problem on several clusters (one Vault behind the
	// same store on three clusters); "" never merges.
	group string
}

// Link ties a symptom (To) to its cause (From), both indices into Graph.Nodes.
type Link struct {
	From, To  int
	Kind      LinkKind
	Certainty Certainty
	// Why is one line a person can check: "uses ClusterSecretStore vault-backend".
	Why string
}

// Symptom is one node in a cause's tree.
type Symptom struct {
	Node int
	// Via is the node it hangs from (a root of the cause, or another symptom).
	Via int
	// Depth is 1 for the direct symptoms of a root.
	Depth int
	// Link is the link from Via. Certainty is Certain only if every link from the root is.
	Link      Link
	Certainty Certainty
}

// Cause is one root cause: the same problem on one or more clusters (Roots), and the tree of
// symptoms it explains.
type Cause struct {
	// Roots are the problem's nodes, one per cluster usually, earliest first.
	Roots []int
	// Symptoms lists each root's tree depth first, roots in order.
	Symptoms []Symptom
	Verdict  model.Verdict
	// Since is the earliest Since of the roots (zero when none is known).
	Since time.Time
	// Clusters is the number of distinct clusters the cause and its symptoms concern.
	Clusters int
	// RootClusters is the number of distinct clusters of the roots themselves.
	RootClusters int
	// Problems counts the symptoms that are problems themselves.
	Problems int
}

// Graph is the cause graph of one fleet snapshot. It is immutable once built.
type Graph struct {
	// Generation is the fleet's.
	Generation uint64
	Nodes      []Node
	Links      []Link
	// Causes are ranked: verdict, then blast radius (symptoms, clusters), then age.
	Causes []Cause
	// Problems counts the nodes that are problems (Warning or Critical).
	Problems int

	byID     map[string]int
	causedBy [][]int32 // per node, the causes (indices into Causes) whose trees hold it
}

// Lookup returns the node of an object, cluster or source by ID.
func (g *Graph) Lookup(id string) (int, bool) {
	if g == nil {
		return 0, false
	}
	i, ok := g.byID[id]
	return i, ok
}

// CausedBy returns the indices in Causes of the causes that explain node i, best ranked
// first; nil for a root cause and for nodes that are not symptoms.
func (g *Graph) CausedBy(i int) []int {
	if g == nil || i < 0 || i >= len(g.causedBy) || len(g.causedBy[i]) == 0 {
		return nil
	}
	out := make([]int, len(g.causedBy[i]))
	for j, c := range g.causedBy[i] {
		out[j] = int(c)
	}
	return out
}

// Root returns the first root node of cause c.
func (g *Graph) Root(c int) *Node { return &g.Nodes[g.Causes[c].Roots[0]] }

// ID returns the ID of an object on a cluster; it matches Node.ID.
func ID(cluster, kind, namespace, name string) string {
	if namespace == "" {
		return cluster + "/" + kind + "/" + name
	}
	return cluster + "/" + kind + "/" + namespace + "/" + name
}

// Build builds the graph of f from scratch. Use a Builder to build successive snapshots.
func Build(f *model.Fleet) *Graph { return NewBuilder().Build(f) }
