package causes

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
)

// Timeline says in one line what broke first under cause c, kind by kind in the order they
// broke: "ClusterSecretStore 3h ago → 6 ExternalSecrets from 2h50m ago → 3 Applications from
// 20m ago". Problems without a known start are left out; "" when none has one.
func (g *Graph) Timeline(c int, now time.Time) string {
	cause := &g.Causes[c]
	type event struct {
		at   time.Time
		kind string
	}
	var events []event
	add := func(n int) {
		if node := &g.Nodes[n]; !node.Since.IsZero() {
			events = append(events, event{node.Since, node.Ref.Kind})
		}
	}
	for _, r := range cause.Roots {
		add(r)
	}
	for _, s := range cause.Symptoms {
		add(s.Node)
	}
	slices.SortStableFunc(events, func(x, y event) int { return x.at.Compare(y.at) })
	type step struct {
		kind  string
		first time.Time
		n     int
	}
	var steps []step
	at := map[string]int{}
	for _, e := range events {
		if i, ok := at[e.kind]; ok {
			steps[i].n++
			continue
		}
		at[e.kind] = len(steps)
		steps = append(steps, step{e.kind, e.at, 1})
	}
	parts := make([]string, len(steps))
	for i, s := range steps {
		age := humanize.Duration(now.Sub(s.first)) + " ago"
		if s.n == 1 {
			parts[i] = s.kind + " " + age
		} else {
			parts[i] = strconv.Itoa(s.n) + " " + plural(s.kind) + " from " + age
		}
	}
	return strings.Join(parts, " → ")
}

// FirstBroke says which causes broke first, earliest first, naming at most max of them:
// "first ClusterSecretStore vault-backend on c1 3h ago, then StorageNode worker-3 on c4 50m
// ago (+2 more)". "" when no cause has a known start.
func (g *Graph) FirstBroke(now time.Time, max int) string {
	var order []int
	for i := range g.Causes {
		if !g.Causes[i].Since.IsZero() {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return ""
	}
	slices.SortStableFunc(order, func(x, y int) int { return g.Causes[x].Since.Compare(g.Causes[y].Since) })
	var parts []string
	for i, c := range order {
		if i == max {
			parts[len(parts)-1] += fmt.Sprintf(" (+%d more)", len(order)-max)
			break
		}
		word := "then "
		if i == 0 {
			word = "first "
		}
		parts = append(parts, word+g.Label(c)+" "+humanize.Duration(now.Sub(g.Causes[c].Since))+" ago")
	}
	return strings.Join(parts, ", ")
}

// Label names cause c in a few words: "ClusterSecretStore vault-backend on c1, c2, c3".
func (g *Graph) Label(c int) string {
	cause := &g.Causes[c]
	root := g.Root(c)
	name := root.Ref.Name
	if root.Ref.Namespace != "" {
		name = root.Ref.Namespace + "/" + name
	}
	// Linear in the roots: a cause merged over thousands of clusters is labelled every frame.
	var where []string
	seen := make(map[string]bool, min(len(cause.Roots), 64))
	for _, r := range cause.Roots {
		if a := g.Nodes[r].About; !seen[a] {
			seen[a] = true
			where = append(where, a)
		}
	}
	on := strings.Join(where, ", ")
	if len(where) > 3 {
		on = strings.Join(where[:3], ", ") + fmt.Sprintf(" (+%d more)", len(where)-3)
	}
	kind := root.Ref.Kind
	if kind == "ManagedCluster" {
		return "cluster " + root.About
	}
	return humanize.OneLine(kind + " " + name + " on " + on)
}

// plural is a kind's plural: ExternalSecrets, Applications, PersistentVolumeClaims.
func plural(kind string) string {
	if strings.HasSuffix(kind, "s") {
		return kind + "es"
	}
	return kind + "s"
}
