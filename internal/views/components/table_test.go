package components

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// fakeRow is a row of no mcgtui kind: the table needs nothing else.
type fakeRow struct {
	key   string
	cells []string
}

func (r *fakeRow) RowKey() string      { return r.key }
func (r *fakeRow) RowCells() []string  { return r.cells }
func (r *fakeRow) RowTone() int        { return ToneOK }
func (r *fakeRow) RowSince() time.Time { return time.Time{} }

func TestTableDropsColumnsByPriorityAndFollowsTheCursor(t *testing.T) {
	st := DefaultStyles()
	cols := []Column{{Title: "NAME", Flex: true, Min: 6}, {Title: "WHERE", Drop: 2}, {Title: "STATE", Flex: true, Min: 6, State: true}}
	natural := []int{6, 12, 6}
	tbl := NewTable[*fakeRow](cols, natural, 2, NewTableKeyMap(nil), &st, time.Now)
	rows := []*fakeRow{{"a", []string{"alpha", "far-away-place", "OK"}}, {"b", []string{"beta", "near", "Bad"}}}
	tbl.SetRows(rows, natural, nil, -1)
	tbl.SetSize(40, 3)
	if v := ansi.Strip(tbl.View()); !strings.Contains(v, "WHERE") || !strings.Contains(v, "STATE↓") {
		t.Fatalf("wide: every column, the sort arrow on STATE:\n%s", v)
	}
	tbl.SetSize(20, 3)
	if v := ansi.Strip(tbl.View()); strings.Contains(v, "WHERE") || !strings.Contains(v, "beta") {
		t.Fatalf("narrow: WHERE (drop 2) goes first:\n%s", v)
	}
	tbl.MoveBy(1)
	if tbl.SelectedKey() != "b" || !strings.Contains(ansi.Strip(tbl.View()), "›beta") {
		t.Fatalf("cursor on %q:\n%s", tbl.SelectedKey(), ansi.Strip(tbl.View()))
	}
}

func TestTableGivesRoomLeftToCappedColumns(t *testing.T) {
	st := DefaultStyles()
	cols := []Column{{Title: "NAME", Flex: true, Min: 6}, {Title: "VERSION", Drop: 3}, {Title: "IP", Drop: 2}}
	natural := []int{5, 7, 4} // VERSION and IP capped by their owner
	full := []int{5, 25, 15}
	tbl := NewTable[*fakeRow](cols, natural, 0, NewTableKeyMap(nil), &st, time.Now)
	rows := []*fakeRow{{"a", []string{"alpha", "4.16.21-0.nightly-2026-12", "192.168.100.200"}}}
	tbl.SetRows(rows, natural, full, -1)
	tbl.SetSize(200, 2)
	if v := ansi.Strip(tbl.View()); !strings.Contains(v, "4.16.21-0.nightly-2026-12") || !strings.Contains(v, "192.168.100.200") {
		t.Fatalf("wide: capped columns grow to their widest cell:\n%s", v)
	}
	// With room for only part of the growth, the more important column (lower Drop) grows first.
	tbl.SetSize(len("alpha")+2+7+2+15+2+2, 2)
	if v := ansi.Strip(tbl.View()); !strings.Contains(v, "192.168.100.200") || strings.Contains(v, "4.16.21-0.nightly-2026-12") {
		t.Fatalf("tight: IP (drop 2) grows before VERSION (drop 3):\n%s", v)
	}
}

// TestTableGivesNamesRoomBeforeTheVerdict: with room for only one of them, a name cut by its
// cap is shown whole before the verdict column's reason grows.
func TestTableGivesNamesRoomBeforeTheVerdict(t *testing.T) {
	st := DefaultStyles()
	cols := []Column{{Title: "POLICY", Flex: true, Min: 6}, {Title: "STATE", Flex: true, Min: 8, State: true}}
	name := "open-cluster-management.multicloud-gitops-group-one-clustergroup-policy"
	reason := "Warning: Pending: multicloud-gitops-group-one-clustergroup-config: Dependencies were not satisfied"
	natural, full := []int{20, len(reason)}, []int{len(name), len(reason)}
	tbl := NewTable[*fakeRow](cols, natural, 1, NewTableKeyMap(nil), &st, time.Now)
	tbl.SetRows([]*fakeRow{{"a", []string{name, reason}}}, natural, full, -1)
	tbl.SetSize(len(name)+2+30+2, 2)
	if v := ansi.Strip(tbl.View()); !strings.Contains(v, name) || strings.Contains(v, reason) {
		t.Fatalf("the whole name, then what is left to the reason:\n%s", v)
	}
}
