package views

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// row is one precomputed table line: small, immutable once built, cheap to draw.
type row struct {
	// key identifies the object across snapshots so the cursor can follow it.
	key     string
	cells   []string
	verdict model.Verdict
	// tone is the display colour: the verdict, or Unknown for a cluster whose data is missing.
	tone model.Verdict
	// since feeds the age column, drawn relative to now at view time.
	since time.Time
	ref   model.Ref
	// obj is the model object behind the row (*model.ClusterSnapshot, *model.App, …), a
	// pointer into an immutable snapshot, for the pages opened from the row.
	obj any
	// text is the cells joined and lower-cased: what the filter searches, made once.
	text string
}

// query is everything that decides a list's rows; a copy travels into the build Cmd.
type query struct {
	kind     listKind
	cluster  string // "" for the whole fleet
	filter   string
	problems bool
	sortCol  int
	reverse  bool
	// cursorKey is the selected row's key when the build started; the build finds it again.
	cursorKey string
}

// rowsResult is a finished build: the rows in display order and what the table needs to lay
// them out without looking at every row again. The rows are shared with the list's row cache
// and never modified.
type rowsResult struct {
	rows []*row
	// total counts the rows before the filter and problems-only toggle.
	total int
	// widths holds each column's widest cell (capped by column.max), titles included.
	widths []int
	// cursor is the index of query.cursorKey in rows, or -1.
	cursor int
}

// buildRows builds q's rows from f from scratch (see rowCache.build).
func buildRows(f *model.Fleet, q query) rowsResult { return newRowCache().build(f, q) }

// scope returns the snapshots a list walks: one cluster, or all of them.
func scope(f *model.Fleet, cluster string) []*model.ClusterSnapshot {
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

// objectKey identifies an object: cluster, namespace, name, resource, NUL-separated so that
// sorting by key orders by cluster, then namespace, then name.
func objectKey(m *model.Meta) string {
	return m.Cluster + "\x00" + m.Namespace + "\x00" + m.Name + "\x00" + m.Resource
}

func newObjectRow(m *model.Meta, h model.Health, since time.Time, obj any, cells ...string) row {
	for i, c := range cells {
		cells[i] = humanize.Sanitize(c)
	}
	return row{key: objectKey(m), cells: cells, verdict: h.Verdict, tone: h.Verdict, since: since, ref: m.Ref, obj: obj,
		text: searchText(cells)}
}

// searchText is what the filter searches in a row: its cells, lower-cased, one space apart.
func searchText(cells []string) string { return strings.ToLower(strings.Join(cells, " ")) }

// filterRows returns the rows whose cells contain every space-separated term of filter
// (case-insensitive), and only Warning/Critical rows when problems is set, in a new slice.
func filterRows(rows []*row, filter string, problems bool) []*row {
	terms := strings.Fields(strings.ToLower(filter))
	out := make([]*row, 0, len(rows)/4)
	for _, r := range rows {
		if problems && r.verdict < model.VerdictWarning {
			continue
		}
		if !matchesAll(r.text, terms) {
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
func orderRows(rows []*row, cols []column, col int, reverse bool) []*row {
	if col < 0 || col >= len(cols) {
		col = stateColumn(cols)
	}
	c := cols[col]
	var out []*row
	switch {
	case c.state:
		out = partitionByVerdict(rows)
	case c.age:
		out = slices.Clone(rows)
		slices.SortStableFunc(out, func(a, b *row) int { return b.since.Compare(a.since) })
	default:
		out = slices.Clone(rows)
		slices.SortStableFunc(out, func(a, b *row) int { return cmp.Compare(cellAt(a, col), cellAt(b, col)) })
	}
	if reverse {
		slices.Reverse(out)
	}
	return out
}

// partitionByVerdict returns rows ordered by verdict, worst first, keeping their order within
// a verdict: a counting sort, linear in the number of rows.
func partitionByVerdict(rows []*row) []*row {
	var start [256]int
	for _, r := range rows {
		start[r.verdict]++
	}
	pos := 0
	for v := len(start) - 1; v >= 0; v-- {
		n := start[v]
		start[v] = pos
		pos += n
	}
	out := make([]*row, len(rows))
	for _, r := range rows {
		out[start[r.verdict]] = r
		start[r.verdict]++
	}
	return out
}

func cellAt(r *row, col int) string {
	if col < len(r.cells) {
		return r.cells[col]
	}
	return ""
}

// byKey orders rows by key: cluster, then namespace, then name.
func byKey(a, b *row) int { return cmp.Compare(a.key, b.key) }

// measure returns each column's natural width: its widest cell or title (with the sort arrow
// on the sorted column), capped by max.
func measure(rows []*row, cols []column, sortCol int) []int {
	widths := titleWidths(cols, sortCol)
	for _, r := range rows {
		widenTo(widths, r, cols)
	}
	return widths
}

// titleWidths is each column's width before any row: its title, the sort arrow, ages.
func titleWidths(cols []column, sortCol int) []int {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = ansi.StringWidth(c.title)
		if i == sortCol {
			widths[i]++
		}
		if c.age {
			widths[i] = max(widths[i], 4)
		}
	}
	return widths
}

// widenTo grows widths to fit r's cells.
func widenTo(widths []int, r *row, cols []column) {
	for i, cell := range r.cells {
		if i >= len(cols) || cols[i].age || len(cell) <= widths[i] { // bytes bound the width
			continue
		}
		limit := cols[i].max
		if limit > 0 && widths[i] >= limit {
			continue // already as wide as the column may be
		}
		w := textWidth(cell)
		if limit > 0 {
			w = min(w, limit)
		}
		widths[i] = max(widths[i], w)
	}
}
