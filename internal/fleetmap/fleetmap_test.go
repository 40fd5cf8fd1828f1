package fleetmap

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

func snapshot(name, cloud, set string, v model.Verdict, labels map[string]string) *model.ClusterSnapshot {
	c := &model.ClusterSnapshot{Name: name}
	c.Summary.Health = model.Health{Verdict: v, Reason: "r-" + name}
	if cloud != "" || set != "" || labels != nil {
		c.Managed = &model.ManagedCluster{Cloud: cloud, ClusterSet: set}
		c.Managed.Labels = labels
	}
	return c
}

func testFleet() *model.Fleet {
	return &model.Fleet{Clusters: []*model.ClusterSnapshot{
		snapshot("hub", "", "", model.VerdictOK, nil),
		snapshot("east-1", "Amazon", "production", model.VerdictWarning, map[string]string{"region": "us-east-1"}),
		snapshot("west-2", "Amazon", "production", model.VerdictCritical, map[string]string{"region": "us-west-2"}),
		snapshot("azure-eu", "Azure", "staging", model.VerdictOK, map[string]string{"region": "westeurope"}),
		snapshot("edge-9", "BareMetal", "", model.VerdictUnknown, nil),
	}}
}

func names(m *Map) map[string][]string {
	out := map[string][]string{}
	for _, g := range m.Groups {
		for _, c := range g.Cells {
			out[g.Name] = append(out[g.Name], c.Cluster)
		}
	}
	return out
}

func TestBuildGroups(t *testing.T) {
	m := Build(testFleet(), "", "")
	if m.By != "cloud" || m.Groups[len(m.Groups)-1].Name != NoGroup {
		t.Fatalf("default grouping by cloud, %s last: %+v", NoGroup, m.Groups)
	}
	want := map[string][]string{"Amazon": {"east-1", "west-2"}, "Azure": {"azure-eu"}, "BareMetal": {"edge-9"}, NoGroup: {"hub"}}
	if got := names(m); !reflect.DeepEqual(got, want) {
		t.Errorf("by cloud: %v", got)
	}
	if m.Counts != (Counts{2, 1, 1, 1}) || m.Groups[0].Counts != (Counts{0, 0, 1, 1}) || m.Counts.Total() != 5 {
		t.Errorf("counts: fleet %v, Amazon %v", m.Counts, m.Groups[0].Counts)
	}
	if got := names(Build(testFleet(), GroupByClusterSet, "")); !reflect.DeepEqual(got["production"], []string{"east-1", "west-2"}) || len(got[NoGroup]) != 2 {
		t.Errorf("by cluster set: %v", got)
	}
	if got := names(Build(testFleet(), "region", "")); len(got) != 4 || len(got[NoGroup]) != 2 {
		t.Errorf("by label region: %v", got)
	}
	if got := names(Build(testFleet(), "", "EAST")); !reflect.DeepEqual(got, map[string][]string{"Amazon": {"east-1"}}) {
		t.Errorf("filtered: %v", got)
	}
	if m := Build(nil, "", ""); len(m.Groups) != 0 {
		t.Errorf("nil fleet")
	}
}

func TestLegendAndSymbols(t *testing.T) {
	seen := map[string]bool{}
	for v := model.VerdictOK; v <= model.VerdictCritical; v++ {
		seen[Symbol(v)] = true
	}
	if len(seen) != 4 {
		t.Errorf("each verdict needs its own symbol: %v", seen)
	}
	m := &Map{Counts: Counts{3412, 2, 70, 16}}
	if got, want := m.Legend(), "● OK 3,412 · ? Unknown 2 · ▲ Warning 70 · ✖ Critical 16"; got != want {
		t.Errorf("legend %q, want %q", got, want)
	}
}

func TestLayoutAndMoves(t *testing.T) {
	var clusters []*model.ClusterSnapshot
	for i := range 7 {
		clusters = append(clusters, snapshot(fmt.Sprintf("a%d", i), "A", "", model.VerdictOK, nil))
	}
	for i := range 2 {
		clusters = append(clusters, snapshot(fmt.Sprintf("b%d", i), "B", "", model.VerdictOK, nil))
	}
	m := Build(&model.Fleet{Clusters: clusters}, "", "")
	l := m.Layout(2 + 3*CellWidth) // three cells a line
	if l.PerRow != 3 || len(l.Lines) != 1+3+1+1 {
		t.Fatalf("per row %d, %d lines: %+v", l.PerRow, len(l.Lines), l.Lines)
	}
	if line, col := l.LineOf(Cursor{0, 4}); line != 2 || col != 2+CellWidth {
		t.Errorf("a4 at line %d col %d", line, col)
	}
	steps := []struct {
		move func(*Map, Cursor) Cursor
		from Cursor
		want Cursor
	}{
		{l.Right, Cursor{0, 6}, Cursor{1, 0}}, // to the next group
		{l.Left, Cursor{1, 0}, Cursor{0, 6}},
		{l.Left, Cursor{0, 0}, Cursor{0, 0}}, // the first cell stays
		{l.Down, Cursor{0, 1}, Cursor{0, 4}},
		{l.Down, Cursor{0, 5}, Cursor{0, 6}}, // the last line is short
		{l.Down, Cursor{0, 6}, Cursor{1, 0}}, // into the next group, same column
		{l.Down, Cursor{0, 4}, Cursor{0, 6}},
		{l.Up, Cursor{1, 1}, Cursor{0, 6}}, // column 1 on a line with one cell
		{l.Up, Cursor{0, 2}, Cursor{0, 2}},
		{l.Down, Cursor{1, 1}, Cursor{1, 1}},
	}
	for _, s := range steps {
		if got := s.move(m, s.from); got != s.want {
			t.Errorf("move from %v: got %v, want %v", s.from, got, s.want)
		}
	}
	if c, ok := m.Find("b1"); !ok || c != (Cursor{1, 1}) {
		t.Errorf("Find(b1) = %v %v", c, ok)
	}
	if cell, ok := m.Cell(Cursor{1, 1}); !ok || cell.Cluster != "b1" {
		t.Errorf("Cell = %v %v", cell, ok)
	}
	if _, ok := m.Cell(Cursor{5, 0}); ok {
		t.Errorf("a cursor off the map has no cell")
	}
}
