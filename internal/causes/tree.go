package causes

import "strings"

// TreeLine is one line of a cause drawn as text: an instance of the cause (a root, Symptom
// nil) or a symptom under it, with the branches that lead to it.
type TreeLine struct {
	Node int
	// Symptom is nil on a root's line.
	Symptom *Symptom
	// Prefix draws the branches: "├─ ", "│  └─ " …; "" on a root's line.
	Prefix string
}

// TreeLines lays cause c out as lines: each root (one per cluster, usually) followed by its
// symptoms, depth first, with box-drawing branches. The views and `status --triage` draw it.
func (g *Graph) TreeLines(c int) []TreeLine {
	cause := &g.Causes[c]
	syms := cause.Symptoms
	out := make([]TreeLine, 0, len(cause.Roots)+len(syms))
	next := 0
	for _, r := range cause.Roots {
		out = append(out, TreeLine{Node: r})
		end := next
		for end < len(syms) && (syms[end].Depth > 1 || syms[end].Via == r) {
			end++
		}
		out = appendTree(out, syms[next:end])
		next = end
	}
	return out
}

// appendTree appends one root's symptoms with their branches.
func appendTree(out []TreeLine, syms []Symptom) []TreeLine {
	var open []bool // per depth above: does that ancestor have later siblings?
	for i := range syms {
		s := &syms[i]
		last := true
		for _, t := range syms[i+1:] {
			if t.Depth < s.Depth {
				break
			}
			if t.Depth == s.Depth {
				last = false
				break
			}
		}
		open = append(open[:s.Depth-1], !last)
		var prefix strings.Builder
		for d := 0; d < s.Depth-1; d++ {
			if open[d] {
				prefix.WriteString("│  ")
			} else {
				prefix.WriteString("   ")
			}
		}
		if last {
			prefix.WriteString("└─ ")
		} else {
			prefix.WriteString("├─ ")
		}
		out = append(out, TreeLine{Node: s.Node, Symptom: s, Prefix: prefix.String()})
	}
	return out
}
