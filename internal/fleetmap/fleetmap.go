// Package fleetmap lays out the fleet at a glance: one cell per cluster, marked by its verdict
// (a colour, and a symbol that still reads without colour), grouped by a ManagedCluster label
// (`cloud` by default) or the cluster set, with counts per group and for the whole fleet.
//
// It is pure and knows nothing of terminals: a Map is built once per fleet (linear in the
// clusters, off the UI's update loop), then laid out for a width in lines of cells; a frame
// draws only the lines on screen, and moving the cursor is arithmetic on the layout.
package fleetmap

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// DefaultGroupBy is the label clusters are grouped by unless told otherwise.
const DefaultGroupBy = "cloud"

// GroupByClusterSet groups by the cluster set
// (cluster.open-cluster-management.io/clusterset).
const GroupByClusterSet = "clusterset"

// NoGroup names the group of clusters without the label.
const NoGroup = "(none)"

// Counts counts clusters by verdict, indexed by model.Verdict.
type Counts [model.VerdictCritical + 1]int

// Total is the number of clusters counted.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Cell is one cluster.
type Cell struct {
	Cluster string
	Verdict model.Verdict
	// Reason is the cluster's roll-up reason, for a tooltip or status line.
	Reason string
}

// Group is the clusters sharing one value of the grouping label, sorted by name.
type Group struct {
	Name   string
	Cells  []Cell
	Counts Counts
}

// Map is the fleet grouped for display.
type Map struct {
	// By is the grouping: a label key, or GroupByClusterSet.
	By     string
	Groups []Group
	Counts Counts
	// Filter is the text clusters were filtered by ("" for none).
	Filter string
}

// Build groups the clusters of f by the label by (DefaultGroupBy when ""), keeping those whose
// name contains filter (case-insensitive). Groups are sorted by name, NoGroup last; the hub
// is a cluster like the others (in NoGroup unless it carries the label).
func Build(f *model.Fleet, by, filter string) *Map {
	if by == "" {
		by = DefaultGroupBy
	}
	m := &Map{By: by, Filter: filter}
	if f == nil {
		return m
	}
	filter = strings.ToLower(filter)
	index := map[string]int{}
	for _, c := range f.Clusters {
		if c == nil || (filter != "" && !strings.Contains(strings.ToLower(c.Name), filter)) {
			continue
		}
		name := groupOf(c, by)
		gi, ok := index[name]
		if !ok {
			gi = len(m.Groups)
			index[name] = gi
			m.Groups = append(m.Groups, Group{Name: name})
		}
		h := c.Summary.Health
		g := &m.Groups[gi]
		g.Cells = append(g.Cells, Cell{Cluster: c.Name, Verdict: h.Verdict, Reason: h.Reason})
		g.Counts[h.Verdict]++
		m.Counts[h.Verdict]++
	}
	slices.SortFunc(m.Groups, func(a, b Group) int {
		if (a.Name == NoGroup) != (b.Name == NoGroup) {
			if a.Name == NoGroup {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for i := range m.Groups {
		slices.SortFunc(m.Groups[i].Cells, func(a, b Cell) int { return cmp.Compare(a.Cluster, b.Cluster) })
	}
	return m
}

// groupOf is a cluster's value of the grouping label.
func groupOf(c *model.ClusterSnapshot, by string) string {
	mc := c.Managed
	if mc == nil {
		return NoGroup
	}
	v := ""
	switch by {
	case GroupByClusterSet:
		v = mc.ClusterSet
	case DefaultGroupBy:
		v = mc.Cloud
	default:
		v = mc.Labels[by]
	}
	if v == "" {
		return NoGroup
	}
	return v
}

// Symbol is the mark of a verdict that reads without colour: OK "●", Unknown "?",
// Warning "▲", Critical "✖". Each is one terminal cell wide.
func Symbol(v model.Verdict) string {
	switch v {
	case model.VerdictOK:
		return "●"
	case model.VerdictWarning:
		return "▲"
	case model.VerdictCritical:
		return "✖"
	}
	return "?"
}

// Legend lists each verdict's symbol and name with the fleet's count: "● OK 3,412 · ? Unknown 2
// · ▲ Warning 70 · ✖ Critical 16".
func (m *Map) Legend() string {
	var parts []string
	for v := model.VerdictOK; v <= model.VerdictCritical; v++ {
		parts = append(parts, Symbol(v)+" "+v.String()+" "+thousands(m.Counts[v]))
	}
	return strings.Join(parts, " · ")
}

// thousands writes n with thousands separators: 3,412.
func thousands(n int) string {
	digits := strconv.Itoa(n)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && d != '-' && digits[i-1] != '-' && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}
