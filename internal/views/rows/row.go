package rows

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// Row is one precomputed table line: small, immutable once built, cheap to draw.
type Row struct {
	// Key identifies the object across snapshots so the cursor can follow it.
	Key     string
	Cells   []string
	Verdict model.Verdict
	// Tone is the display colour: the verdict, or Unknown for a cluster whose data is missing.
	Tone model.Verdict
	// Since feeds the age column, drawn relative to now at view time.
	Since time.Time
	Ref   model.Ref
	// Obj is the model object behind the row (*model.ClusterSnapshot, *model.App, …), a
	// pointer into an immutable snapshot, for the pages opened from the row.
	Obj any
	// Text is the cells joined and lower-cased: what the filter searches, made once.
	Text string
}

// RowKey implements components.TableRow.
func (r *Row) RowKey() string { return r.Key }

// RowCells implements components.TableRow.
func (r *Row) RowCells() []string { return r.Cells }

// RowTone implements components.TableRow: the verdict's tone.
func (r *Row) RowTone() int { return int(r.Tone) }

// RowSince implements components.TableRow.
func (r *Row) RowSince() time.Time { return r.Since }

// Query is everything that decides a list's rows; a copy travels into the build Cmd.
type Query struct {
	Kind     Kind
	Cluster  string // "" for the whole fleet
	Filter   string
	Problems bool
	SortCol  int
	Reverse  bool
	// CursorKey is the selected row's key when the build started; the build finds it again.
	CursorKey string
}

// Result is a finished build: the rows in display order and what the table needs to lay
// them out without looking at every row again. The rows are shared with the list's row cache
// and never modified.
type Result struct {
	Rows []*Row
	// Total counts the rows before the filter and problems-only toggle.
	Total int
	// Widths holds each column's widest cell (capped by column.max), titles included.
	Widths []int
	// Full holds each column's widest cell without the cap: the width a column grows to where
	// the terminal has room left once every visible column has its capped width.
	Full []int
	// Cursor is the index of query.cursorKey in rows, or -1.
	Cursor int
}

// Build builds q's rows from f from scratch (see Cache.Build).
func Build(f *model.Fleet, q Query) Result { return NewCache().Build(f, q) }

// Scope returns the snapshots a list walks: one cluster, or all of them.
func Scope(f *model.Fleet, cluster string) []*model.ClusterSnapshot {
	if f == nil {
		return nil
	}
	if cluster == "" {
		return f.Clusters
	}
	if c := f.Cluster(cluster); c != nil {
		return []*model.ClusterSnapshot{c}
	}
	return nil
}

// ObjectKey identifies an object: cluster, namespace, name, resource, NUL-separated so that
// sorting by key orders by cluster, then namespace, then name.
func ObjectKey(m *model.Meta) string {
	return m.Cluster + "\x00" + m.Namespace + "\x00" + m.Name + "\x00" + m.Resource
}

func newObjectRow(m *model.Meta, h model.Health, since time.Time, obj any, cells ...string) Row {
	for i, c := range cells {
		cells[i] = humanize.Sanitize(c)
	}
	return Row{Key: ObjectKey(m), Cells: cells, Verdict: h.Verdict, Tone: h.Verdict, Since: since, Ref: m.Ref, Obj: obj,
		Text: SearchText(cells)}
}

// SearchText is what the filter searches in a row: its cells, lower-cased, one space apart.
func SearchText(cells []string) string { return strings.ToLower(strings.Join(cells, " ")) }

// filterRows returns the rows whose cells contain every space-separated term of filter
// (case-insensitive), and only Warning/Critical rows when problems is set, in a new slice.
func filterRows(rows []*Row, filter string, problems bool) []*Row {
	terms := strings.Fields(strings.ToLower(filter))
	out := make([]*Row, 0, len(rows)/4)
	for _, r := range rows {
		if problems && r.Verdict < model.VerdictWarning {
			continue
		}
		if !matchesAll(r.Text, terms) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func matchesAll(text string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// narrows reports whether every row that matches filter next also matches filter prev: next
// only appends characters to prev (the usual keystroke), so each of prev's terms is part of
// one of next's.
func narrows(prev, next string) bool {
	return strings.HasPrefix(strings.ToLower(next), strings.ToLower(prev))
}

// orderRows returns rows, which are in key order, in the order of column col: verdict (worst
// first) for the state column, newest first for an age column, text otherwise; ties keep key
// order. reverse flips it all. The state column, the default, is a stable partition by
// verdict: linear, however many rows.
func orderRows(rows []*Row, cols []Column, col int, reverse bool) []*Row {
	if col < 0 || col >= len(cols) {
		col = StateColumn(cols)
	}
	c := cols[col]
	var out []*Row
	switch {
	case c.State:
		out = partitionByVerdict(rows)
	case c.Age:
		out = slices.Clone(rows)
		slices.SortStableFunc(out, func(a, b *Row) int { return b.Since.Compare(a.Since) })
	default:
		out = slices.Clone(rows)
		slices.SortStableFunc(out, func(a, b *Row) int { return cmp.Compare(cellAt(a, col), cellAt(b, col)) })
	}
	if reverse {
		slices.Reverse(out)
	}
	return out
}

// partitionByVerdict returns rows ordered by verdict, worst first, keeping their order within
// a verdict: a counting sort, linear in the number of rows.
func partitionByVerdict(rows []*Row) []*Row {
	var start [256]int
	for _, r := range rows {
		start[r.Verdict]++
	}
	pos := 0
	for v := len(start) - 1; v >= 0; v-- {
		n := start[v]
		start[v] = pos
		pos += n
	}
	out := make([]*Row, len(rows))
	for _, r := range rows {
		out[start[r.Verdict]] = r
		start[r.Verdict]++
	}
	return out
}

func cellAt(r *Row, col int) string {
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}

// byKey orders rows by key: cluster, then namespace, then name.
func byKey(a, b *Row) int { return cmp.Compare(a.Key, b.Key) }

// Measure returns each column's natural width: its widest cell or title (with the sort arrow
// on the sorted column), capped by max.
func Measure(rows []*Row, cols []Column, sortCol int) []int {
	capped, _ := MeasureFull(rows, cols, sortCol)
	return capped
}

// MeasureFull returns Measure's capped widths and, beside them, the uncapped ones (the widest
// cell whatever the column's Max), in one pass over the rows.
func MeasureFull(rows []*Row, cols []Column, sortCol int) (capped, full []int) {
	capped = titleWidths(cols, sortCol)
	full = slices.Clone(capped)
	for _, r := range rows {
		widenTo(capped, full, r, cols)
	}
	return capped, full
}

// titleWidths is each column's width before any row: its title, the sort arrow, ages.
func titleWidths(cols []Column, sortCol int) []int {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = ansi.StringWidth(c.Title)
		if i == sortCol {
			widths[i]++
		}
		if c.Age {
			widths[i] = max(widths[i], 4)
		}
	}
	return widths
}

// widenTo grows capped and full to fit r's cells.
func widenTo(capped, full []int, r *Row, cols []Column) {
	for i, cell := range r.Cells {
		if i >= len(cols) || cols[i].Age || len(cell) <= full[i] { // bytes bound the width
			continue
		}
		w := textWidth(cell)
		full[i] = max(full[i], w)
		if limit := cols[i].Max; limit > 0 {
			w = min(w, limit)
		}
		capped[i] = max(capped[i], w)
	}
}
