package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/humanize"
)

// WriteTriage prints the cause trees of `mcgtui status --triage`: a header ("16 problems · 5
// causes"), what broke first, then each cause, ranked, with its reason, its timeline and its
// symptoms as a tree under each of its instances (one per cluster). Object text is cleaned of
// control, bidi and zero-width characters; reasons are cut like the table's.
func WriteTriage(w io.Writer, g *causes.Graph, now time.Time) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s · %s\n", count(g.Problems, "problem"), count(len(g.Causes), "cause"))
	if first := g.FirstBroke(now, 3); first != "" {
		b.WriteString(clean(first) + "\n")
	}
	for ci := range g.Causes {
		c := &g.Causes[ci]
		b.WriteString("\n")
		since := ""
		if !c.Since.IsZero() {
			since = ", since " + humanize.Duration(now.Sub(c.Since)) + " ago"
		}
		fmt.Fprintf(&b, "%d. %s  %s%s%s\n", ci+1, c.Verdict.String(), clean(g.Label(ci)), blast(c), since)
		if reason := g.Root(ci).Reason; reason != "" {
			b.WriteString("   " + humanize.Truncate(clean(reason), tableReasonWidth) + "\n")
		}
		if tl := g.Timeline(ci, now); tl != "" && len(c.Symptoms) > 0 {
			b.WriteString("   timeline: " + clean(tl) + "\n")
		}
		writeTrees(&b, g, ci)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeTrees prints each instance of a cause with its tree of symptoms.
func writeTrees(b *bytes.Buffer, g *causes.Graph, ci int) {
	cluster := ""
	for _, l := range g.TreeLines(ci) {
		n := &g.Nodes[l.Node]
		if l.Symptom == nil {
			cluster = n.About
			fmt.Fprintf(b, "   %s: %s\n", clean(cluster), objectText(n, cluster))
			continue
		}
		link := fmt.Sprintf("  [%s, %s: %s]", l.Symptom.Link.Kind, l.Symptom.Certainty, clean(l.Symptom.Link.Why))
		b.WriteString("     " + l.Prefix + objectText(n, cluster) + link + "\n")
	}
}

// objectText is "Kind namespace/name  Verdict  reason", with "on cluster" when the object
// lives elsewhere than the tree's cluster.
func objectText(n *causes.Node, cluster string) string {
	name := n.Ref.Name
	if n.Ref.Namespace != "" {
		name = n.Ref.Namespace + "/" + name
	}
	where := ""
	if cluster != "" && n.Ref.Cluster != cluster {
		where = " (on " + n.Ref.Cluster + ")"
	}
	text := clean(n.Ref.Kind+" "+name+where) + "  " + n.Verdict.String()
	if n.Reason != "" {
		text += "  " + humanize.Truncate(clean(n.Reason), tableReasonWidth)
	}
	return text
}

// blast says what a cause explains: " — explains 6 problems and 1 affected object on 3
// clusters"; "" when it explains nothing else.
func blast(c *causes.Cause) string {
	if len(c.Symptoms) == 0 {
		return ""
	}
	var parts []string
	if c.Problems > 0 {
		parts = append(parts, count(c.Problems, "problem"))
	}
	if other := len(c.Symptoms) - c.Problems; other > 0 {
		parts = append(parts, count(other, "affected object"))
	}
	what := strings.Join(parts, " and ")
	return " — explains " + what + " on " + count(c.Clusters, "cluster")
}

// count is "1 problem", "3 problems".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// clean makes object text safe for one terminal line.
func clean(s string) string { return humanize.OneLine(s) }
