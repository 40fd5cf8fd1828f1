package causes

import (
	"cmp"
	"slices"
	"time"
)

// rank finds the root causes, grows their symptom trees and ranks them.
//
// Roots are the problems nothing links to. A problem reached only from nodes that are not
// problems (an app Progressing) or only through a cycle is a root too, the earliest of the
// cycle first: nothing is hidden, and nothing that is fine is blamed.
func rank(g *Graph) {
	n := len(g.Nodes)
	out := outLinks(g)
	indeg := make([]int32, n)
	for _, l := range g.Links {
		indeg[l.To]++
	}
	reached := make([]bool, n)
	var stack []int
	mark := func(root int) {
		stack = append(stack[:0], root)
		reached[root] = true
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, l := range out[v] {
				if !reached[l.To] {
					reached[l.To] = true
					stack = append(stack, l.To)
				}
			}
		}
	}
	var roots, rest []int
	for i := range g.Nodes {
		if g.Nodes[i].Problem && indeg[i] == 0 {
			roots = append(roots, i)
			mark(i)
		}
	}
	for i := range g.Nodes {
		if g.Nodes[i].Problem && !reached[i] {
			rest = append(rest, i)
		}
	}
	slices.SortFunc(rest, func(x, y int) int { return earlier(&g.Nodes[x], &g.Nodes[y]) })
	for _, i := range rest {
		if !reached[i] {
			roots = append(roots, i)
			mark(i)
		}
	}

	// Merge the roots that are one problem on several clusters, earliest instance first.
	slices.SortFunc(roots, func(x, y int) int { return earlier(&g.Nodes[x], &g.Nodes[y]) })
	byGroup := map[string]int{}
	for _, r := range roots {
		key := g.Nodes[r].group
		if key != "" {
			if c, ok := byGroup[key]; ok {
				g.Causes[c].Roots = append(g.Causes[c].Roots, r)
				continue
			}
			byGroup[key] = len(g.Causes)
		}
		g.Causes = append(g.Causes, Cause{Roots: []int{r}})
	}

	visited := make([]int32, n) // cause index + 1 that last visited the node
	clusters := map[string]bool{}
	for ci := range g.Causes {
		c := &g.Causes[ci]
		clear(clusters)
		c.Since = g.Nodes[c.Roots[0]].Since
		for _, r := range c.Roots {
			visited[r] = int32(ci + 1)
			c.Verdict = max(c.Verdict, g.Nodes[r].Verdict)
			clusters[g.Nodes[r].About] = true
		}
		c.RootClusters = len(clusters)
		for _, r := range c.Roots {
			c.Symptoms = grow(g, out, visited, int32(ci+1), r, c.Symptoms)
		}
		for _, s := range c.Symptoms {
			clusters[g.Nodes[s.Node].About] = true
			if g.Nodes[s.Node].Problem {
				c.Problems++
			}
		}
		c.Clusters = len(clusters)
	}
	slices.SortStableFunc(g.Causes, func(x, y Cause) int {
		return cmp.Or(
			cmp.Compare(y.Verdict, x.Verdict),
			cmp.Compare(len(y.Symptoms), len(x.Symptoms)),
			cmp.Compare(y.Clusters, x.Clusters),
			compareSince(x.Since, y.Since),
			cmp.Compare(g.Nodes[x.Roots[0]].ID, g.Nodes[y.Roots[0]].ID),
		)
	})
	g.causedBy = make([][]int32, n)
	for ci := range g.Causes {
		for _, s := range g.Causes[ci].Symptoms {
			if k := g.causedBy[s.Node]; len(k) == 0 || k[len(k)-1] != int32(ci) {
				g.causedBy[s.Node] = append(k, int32(ci))
			}
		}
	}
}

// grow appends root's tree of symptoms in depth-first order, each node once per cause (at
// the first link that reaches it).
func grow(g *Graph, out [][]Link, visited []int32, stamp int32, root int, into []Symptom) []Symptom {
	type frame struct {
		link    Link
		depth   int
		certain bool
	}
	var stack []frame
	push := func(from, depth int, certain bool) {
		start := len(stack)
		for _, l := range out[from] {
			if visited[l.To] == stamp {
				continue
			}
			visited[l.To] = stamp
			stack = append(stack, frame{l, depth + 1, certain && l.Certainty == Certain})
		}
		slices.Reverse(stack[start:]) // the first child on top
	}
	push(root, 0, true)
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c := Likely
		if f.certain {
			c = Certain
		}
		into = append(into, Symptom{Node: f.link.To, Via: f.link.From, Depth: f.depth, Link: f.link, Certainty: c})
		push(f.link.To, f.depth, f.certain)
	}
	return into
}

// earlier orders nodes by Since, unknown last, then by ID.
func earlier(x, y *Node) int {
	return cmp.Or(compareSince(x.Since, y.Since), cmp.Compare(x.ID, y.ID))
}

// compareSince orders times earliest first, with zero (unknown) last.
func compareSince(x, y time.Time) int {
	switch {
	case x.IsZero() && y.IsZero():
		return 0
	case x.IsZero():
		return 1
	case y.IsZero():
		return -1
	}
	return x.Compare(y)
}

// outLinks groups the links by cause, each group ordered certain first, then by the symptom's
// cluster, verdict (worst first) and ID.
func outLinks(g *Graph) [][]Link {
	out := make([][]Link, len(g.Nodes))
	for _, l := range g.Links {
		out[l.From] = append(out[l.From], l)
	}
	for _, ls := range out {
		if len(ls) < 2 {
			continue
		}
		slices.SortFunc(ls, func(x, y Link) int {
			a, b := &g.Nodes[x.To], &g.Nodes[y.To]
			return cmp.Or(cmp.Compare(y.Certainty, x.Certainty), cmp.Compare(a.About, b.About),
				cmp.Compare(b.Verdict, a.Verdict), cmp.Compare(a.ID, b.ID))
		})
	}
	return out
}
