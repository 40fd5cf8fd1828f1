package causes

import (
	"cmp"
	"slices"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Builder builds the graphs of successive fleet snapshots, redoing only the clusters whose
// snapshot changed. It is not safe for concurrent use; the graphs it returns are immutable.
type Builder struct {
	parts map[string]*part
}

// NewBuilder returns a Builder with nothing cached.
func NewBuilder() *Builder { return &Builder{parts: map[string]*part{}} }

// fleetLinkers add the links whose ends may be on different clusters, once every cluster's
// own links are known. Like partLinkers, one function per kind.
var fleetLinkers = []func(a *assembly){
	linkRequests,
	linkUnavailableClusters,
}

// assembly is the fleet-wide state of one Build.
type assembly struct {
	parts  []*part
	offset []int          // index of each part's first node in nodes
	byName map[string]int // part index by cluster name
	nodes  []Node
	links  []Link
}

// Build returns the graph of f. A cluster whose snapshot is the one of the previous Build (the
// same pointer: snapshots are immutable) is not looked at again.
func (b *Builder) Build(f *model.Fleet) *Graph {
	g := &Graph{}
	if f == nil {
		return g
	}
	g.Generation = f.Generation
	a := &assembly{byName: make(map[string]int, len(f.Clusters))}
	next := make(map[string]*part, len(f.Clusters))
	total := 0
	for _, c := range f.Clusters {
		if c == nil {
			continue
		}
		if _, dup := a.byName[c.Name]; dup {
			continue
		}
		p := b.parts[c.Name]
		if p == nil || p.snap != c {
			p = newPart(c)
		}
		next[c.Name] = p
		a.byName[c.Name] = len(a.parts)
		a.parts = append(a.parts, p)
		a.offset = append(a.offset, total)
		total += len(p.nodes)
	}
	b.parts = next

	a.nodes = make([]Node, 0, total)
	for i, p := range a.parts {
		a.nodes = append(a.nodes, p.nodes...)
		for _, l := range p.links {
			l.From += a.offset[i]
			l.To += a.offset[i]
			a.links = append(a.links, l)
		}
	}
	for _, link := range fleetLinkers {
		link(a)
	}
	g.Nodes = a.nodes
	g.Links = dedupe(a.links)
	g.byID = make(map[string]int, len(g.Nodes))
	for i := range g.Nodes {
		g.byID[g.Nodes[i].ID] = i
		if g.Nodes[i].Problem {
			g.Problems++
		}
	}
	rank(g)
	return g
}

func (a *assembly) link(from, to int, kind LinkKind, c Certainty, why string) {
	if from < 0 || to < 0 || from == to {
		return
	}
	a.links = append(a.links, Link{From: from, To: to, Kind: kind, Certainty: c, Why: why})
}

// linkRequests resolves the links from objects on one cluster to apps on another (hub apps
// deploying to a spoke): managed resources and StatefulSet claims.
func linkRequests(a *assembly) {
	for pi, p := range a.parts {
		for _, rq := range p.requests {
			ti, ok := a.byName[rq.cluster]
			if !ok {
				continue
			}
			t, app := a.parts[ti], a.offset[pi]+rq.app
			r := rq.resource
			if r.Kind == "StatefulSet" {
				ns := statefulSetNamespace(rq.appObj, r)
				for _, n := range claimsOf(t, ns, r.Name) {
					a.link(a.offset[ti]+n, app, LinkStatefulSetClaim, Likely, claimWhy(ns, r.Name))
				}
				continue
			}
			if n, ok := t.index[objKey{r.Kind, r.Namespace, r.Name}]; ok {
				a.link(managedLink(a.offset[ti]+n, app, r))
			}
		}
	}
}

// linkUnavailableClusters links a managed cluster that is not Available to what is observed on
// it and to the apps elsewhere that deploy to it, each where nothing else explains it: the
// cluster then heads the trees of its own causes, which show as stale rather than broken.
// Likely, except for the cluster's sources that cannot reach it, which say the same thing.
func linkUnavailableClusters(a *assembly) {
	var down []int
	for i, p := range a.parts {
		if p.unavailable >= 0 {
			down = append(down, i)
		}
	}
	if len(down) == 0 {
		return
	}
	explained := make([]bool, len(a.nodes))
	for _, l := range a.links {
		explained[l.To] = true
	}
	remote := map[string][]int{}
	for pi, p := range a.parts {
		for dest, apps := range p.remoteApps {
			for _, n := range apps {
				remote[dest] = append(remote[dest], a.offset[pi]+n)
			}
		}
	}
	for _, pi := range down {
		p := a.parts[pi]
		from, name := a.offset[pi]+p.unavailable, p.snap.Name
		for j := range p.nodes {
			n := a.offset[pi] + j
			if n == from || explained[n] || a.nodes[n].Verdict == model.VerdictOK || predates(a.nodes[n], a.nodes[from]) {
				continue
			}
			c, why := Likely, "observed on "+name+", which is not Available: may be stale"
			if a.nodes[n].Ref.Kind == "Source" && isUnreachable(p.snap, a.nodes[n].Ref.Name) {
				c, why = Certain, "cannot reach "+name+", which is not Available"
			}
			a.link(from, n, LinkClusterUnavailable, c, why)
		}
		for _, n := range remote[name] {
			if !explained[n] && a.nodes[n].Verdict != model.VerdictOK && !predates(a.nodes[n], a.nodes[from]) {
				a.link(from, n, LinkClusterUnavailable, Likely, "deploys to "+name+", which is not Available")
			}
		}
	}
}

// predates reports whether a problem is known to have started before the cluster stopped
// being Available: it was there while the cluster still reported, so the outage cannot be why
// (a pool filling up for weeks is not a lease that stopped an hour ago). Unknown times link.
func predates(problem, cluster Node) bool {
	return !problem.Since.IsZero() && !cluster.Since.IsZero() && problem.Since.Before(cluster.Since)
}

// isUnreachable reports whether the named product source of c cannot reach the cluster.
func isUnreachable(c *model.ClusterSnapshot, product string) bool {
	for p := model.Product(0); p < model.NumProducts; p++ {
		if p.String() == product {
			s := c.Sources[p].State
			return s == model.StateUnreachable || s == model.StateStale
		}
	}
	return false
}

// dedupe keeps one link per cause and symptom, the most certain, in a stable order.
func dedupe(links []Link) []Link {
	slices.SortStableFunc(links, func(x, y Link) int {
		return cmp.Or(cmp.Compare(x.To, y.To), cmp.Compare(x.From, y.From), cmp.Compare(y.Certainty, x.Certainty))
	})
	return slices.CompactFunc(links, func(x, y Link) bool { return x.From == y.From && x.To == y.To })
}
