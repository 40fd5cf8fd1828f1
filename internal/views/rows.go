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
// them out without looking at every row again.
type rowsResult struct {
	rows []row
	// total counts the rows before the filter and problems-only toggle.
	total int
	// widths holds each column's widest cell (capped by column.max), titles included.
	widths []int
	// cursor is the index of query.cursorKey in rows, or -1.
	cursor int
}

// buildRows runs in a tea.Cmd: it walks the fleet once for q.kind, filters, sorts and measures.
func buildRows(f *model.Fleet, q query) rowsResult {
	cols := columnsFor(q.kind, q.cluster)
	var all []row
	switch q.kind {
	case kindClusters:
		all = clusterRows(f)
	case kindApps:
		all = appRows(f, q.cluster)
	case kindSecrets:
		all = secretRows(f, q.cluster)
	case kindStores:
		all = storeRows(f, q.cluster)
	case kindVolumes:
		all = volumeRows(f, q.cluster)
	case kindNodes:
		all = nodeRows(f, q.cluster)
	}
	res := rowsResult{total: len(all), cursor: -1}
	res.rows = filterRows(all, q.filter, q.problems)
	sortRows(res.rows, cols, q.sortCol, q.reverse)
	res.widths = measure(res.rows, cols, q.sortCol)
	if q.cursorKey != "" {
		res.cursor = slices.IndexFunc(res.rows, func(r row) bool { return r.key == q.cursorKey })
	}
	return res
}

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
	return row{key: objectKey(m), cells: cells, verdict: h.Verdict, tone: h.Verdict, since: since, ref: m.Ref, obj: obj}
}

// filterRows keeps the rows whose cells contain every space-separated term of filter
// (case-insensitive), and only Warning/Critical rows when problems is set. It reuses rows'
// backing array.
func filterRows(rows []row, filter string, problems bool) []row {
	terms := strings.Fields(strings.ToLower(filter))
	if len(terms) == 0 && !problems {
		return rows
	}
	out := rows[:0]
	for _, r := range rows {
		if problems && r.verdict < model.VerdictWarning {
			continue
		}
		if len(terms) > 0 && !matchesAll(r.cells, terms) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func matchesAll(cells []string, terms []string) bool {
	text := strings.ToLower(strings.Join(cells, " "))
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// sortRows orders rows by column col: verdict (worst first) for the state column, newest
// first for an age column, text otherwise; ties fall back to the key. reverse flips it all.
// It sorts an index permutation, then moves each (large) row once.
func sortRows(rows []row, cols []column, col int, reverse bool) {
	if col < 0 || col >= len(cols) {
		col = stateColumn(cols)
	}
	c := cols[col]
	compare := func(i, j int32) int {
		a, b := &rows[i], &rows[j]
		var r int
		switch {
		case c.state:
			r = cmp.Compare(b.verdict, a.verdict)
		case c.age:
			r = b.since.Compare(a.since)
		default:
			r = cmp.Compare(a.cells[col], b.cells[col])
		}
		if r == 0 {
			r = cmp.Compare(a.key, b.key)
		}
		if reverse {
			return -r
		}
		return r
	}
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, compare)
	sorted := make([]row, len(rows))
	for i, j := range order {
		sorted[i] = rows[j]
	}
	copy(rows, sorted)
}

// measure returns each column's natural width: its widest cell or title (with the sort arrow
// on the sorted column), capped by max.
func measure(rows []row, cols []column, sortCol int) []int {
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
	for _, r := range rows {
		for i, cell := range r.cells {
			if i >= len(cols) || cols[i].age {
				continue
			}
			if w := len(cell); w > widths[i] { // byte length bounds the width; exact below
				w = textWidth(cell)
				if cols[i].max > 0 {
					w = min(w, cols[i].max)
				}
				widths[i] = max(widths[i], w)
			}
		}
	}
	return widths
}
