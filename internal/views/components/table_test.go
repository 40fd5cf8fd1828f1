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
	tbl := NewTable[*fakeRow](cols, natural, 2, &st, time.Now)
	rows := []*fakeRow{{"a", []string{"alpha", "far-away-place", "OK"}}, {"b", []string{"beta", "near", "Bad"}}}
	tbl.SetRows(rows, natural, -1)
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
