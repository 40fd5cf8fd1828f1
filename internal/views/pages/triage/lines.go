package triage

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// line is one line of the page: a cause, a line of detail under an expanded cause (its
// reason, its timeline), a cluster heading, or an object of the cause's tree.
type line struct {
	cause int // index in Graph.Causes
	kind  lineKind
	node  int             // the object's node (lineObject)
	sym   *causes.Symptom // the link that put it there; nil for a root
	text  string          // lineDetail, lineCluster
	tone  model.Verdict   // the colour of the verdict word
	tree  causes.TreeLine // lineObject
	since time.Time       // lineCause
}

type lineKind uint8

const (
	lineCause lineKind = iota
	lineDetail
	lineCluster
	lineObject
)

// selectable reports whether the cursor stops on the line.
func (l *line) selectable() bool { return l.kind == lineCause || l.kind == lineObject }

// buildLines lays the graph out: every cause on one line, the expanded ones followed by their
// reason, timeline and tree, each instance under its cluster. It is linear in the causes plus
// the expanded trees, never in the fleet.
func buildLines(g *causes.Graph, expanded map[string]bool, now time.Time) []line {
	var out []line
	for ci := range g.Causes {
		c := &g.Causes[ci]
		out = append(out, line{cause: ci, kind: lineCause, tone: c.Verdict, since: c.Since})
		if !expanded[g.Root(ci).ID] {
			continue
		}
		if r := g.Root(ci).Reason; r != "" {
			out = append(out, line{cause: ci, kind: lineDetail, text: humanize.OneLine(r)})
		}
		if tl := g.Timeline(ci, now); tl != "" && len(c.Symptoms) > 0 {
			out = append(out, line{cause: ci, kind: lineDetail, text: "timeline: " + humanize.OneLine(tl)})
		}
		for _, tl := range g.TreeLines(ci) {
			n := &g.Nodes[tl.Node]
			if tl.Symptom == nil {
				out = append(out, line{cause: ci, kind: lineCluster, text: humanize.OneLine(n.About)})
			}
			out = append(out, line{cause: ci, kind: lineObject, node: tl.Node, sym: tl.Symptom, tone: n.Verdict, tree: tl})
		}
	}
	return out
}

// causeText is a cause's line: "Critical  ClusterSecretStore vault-backend on c1, c2 — 9
// problems on 3 clusters · 3h".
func causeText(g *causes.Graph, ci int, now time.Time) (verdict, rest string) {
	c := &g.Causes[ci]
	rest = g.Label(ci)
	if len(c.Symptoms) > 0 {
		var what []string
		if c.Problems > 0 {
			what = append(what, count(c.Problems, "problem"))
		}
		if other := len(c.Symptoms) - c.Problems; other > 0 {
			what = append(what, fmt.Sprintf("%d affected", other))
		}
		rest += " — " + strings.Join(what, " + ") + " on " + count(c.Clusters, "cluster")
	}
	if !c.Since.IsZero() {
		rest += " · " + humanize.Duration(now.Sub(c.Since))
	}
	return c.Verdict.String(), rest
}

// objectText is an object's line: "Kind namespace/name (on cluster)  reason  [link, certainty]".
func objectText(g *causes.Graph, l *line) string {
	n := &g.Nodes[l.node]
	name := n.Ref.Name
	if n.Ref.Namespace != "" {
		name = n.Ref.Namespace + "/" + name
	}
	text := n.Ref.Kind + " " + name
	if n.Ref.Cluster != n.About {
		text += " (on " + n.Ref.Cluster + ")"
	}
	text = humanize.OneLine(text)
	if n.Reason != "" {
		text += "  " + humanize.OneLine(n.Reason)
	}
	if s := l.sym; s != nil {
		text += "  [" + s.Link.Kind.String() + ", " + s.Certainty.String() + ": " + humanize.OneLine(s.Link.Why) + "]"
	}
	return text
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// header is the page's first line: "16 problems · 5 causes".
func header(g *causes.Graph) string {
	return count(g.Problems, "problem") + " · " + count(len(g.Causes), "cause")
}

// pad cuts s to width cells, or pads it.
func pad(s string, width int) string {
	s = humanize.Truncate(s, width)
	if w := humanize.Width(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}
