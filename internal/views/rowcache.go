package views

import (
	"slices"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// rowCache is what a list keeps between its row builds so that each build does only the work
// its change requires (docs/performance.md):
//
//   - a new fleet rebuilds the rows of the clusters whose snapshot changed, and reuses the
//     others'; rows are kept in key order, so the default order (by state) is a linear
//     partition instead of a sort;
//   - a filter change searches the cached, ordered rows, and a keystroke that appends to the
//     filter searches only the previous result: no row is built or sorted.
//
// A list runs one build at a time (list.request), each after the previous one's message was
// handled, so the cache needs no lock.
type rowCache struct {
	// blocks holds, for fleet-wide object lists, each cluster's rows in key order.
	blocks map[*model.ClusterSnapshot][]row
	// fleetRows holds, for the fleet page, each cluster's row and what it was built from.
	fleetRows map[string]*fleetRow

	// The last build's rows before filtering, in display order, and their natural widths.
	fleet  *model.Fleet
	order  orderKey
	valid  bool
	sorted []*row
	widths []int

	// The last build's result and the filter and toggle it was made with.
	filter   string
	problems bool
	filtered []*row
}

// orderKey is what the ordered, unfiltered rows depend on besides the fleet.
type orderKey struct {
	kind    listKind
	cluster string
	sortCol int
	reverse bool
}

// fleetRow is a fleet page row with the snapshot and hub-app roll-up it shows.
type fleetRow struct {
	snap   *model.ClusterSnapshot
	remote model.Counts
	row    row
}

func newRowCache() *rowCache { return &rowCache{} }

// build returns q's rows from f: filtered, ordered and measured.
func (c *rowCache) build(f *model.Fleet, q query) rowsResult {
	cols := columnsFor(q.kind, q.cluster)
	order := orderKey{kind: q.kind, cluster: q.cluster, sortCol: q.sortCol, reverse: q.reverse}
	if !c.valid || c.fleet != f || c.order != order {
		c.sorted = orderRows(c.keyOrdered(f, q), cols, q.sortCol, q.reverse)
		c.widths = measure(c.sorted, cols, q.sortCol)
		c.fleet, c.order, c.valid = f, order, true
		c.filter, c.problems, c.filtered = "", false, c.sorted
	}
	res := rowsResult{total: len(c.sorted), cursor: -1}
	if q.filter == "" && !q.problems {
		res.rows, res.widths = c.sorted, c.widths
	} else {
		from := c.sorted
		if c.problems == q.problems && narrows(c.filter, q.filter) {
			from = c.filtered
		}
		res.rows = filterRows(from, q.filter, q.problems)
		res.widths = measure(res.rows, cols, q.sortCol)
	}
	c.filter, c.problems, c.filtered = q.filter, q.problems, res.rows
	if q.cursorKey != "" {
		res.cursor = slices.IndexFunc(res.rows, func(r *row) bool { return r.key == q.cursorKey })
	}
	return res
}

// keyOrdered returns every row of q's list in f, in key order.
func (c *rowCache) keyOrdered(f *model.Fleet, q query) []*row {
	if f == nil {
		return nil
	}
	switch {
	case q.kind == kindClusters:
		return c.clusterRows(f)
	case q.cluster == "":
		return c.fleetWideRows(f, q.kind)
	}
	clusters := scope(f, q.cluster)
	if q.kind == kindApps {
		clusters = f.Clusters // hub apps that deploy to the cluster are listed too
	}
	var out []*row
	for _, cl := range clusters {
		rows := clusterObjectRows(q.kind, cl, q.cluster)
		for i := range rows {
			out = append(out, &rows[i])
		}
	}
	slices.SortFunc(out, byKey)
	return out
}

// fleetWideRows returns the rows of every cluster, reusing the rows of unchanged snapshots.
// Keys start with the cluster's name, so clusters in name order and each cluster's rows in
// key order are all rows in key order.
func (c *rowCache) fleetWideRows(f *model.Fleet, kind listKind) []*row {
	clusters := slices.Clone(f.Clusters)
	slices.SortFunc(clusters, func(a, b *model.ClusterSnapshot) int { return strings.Compare(a.Name, b.Name) })
	blocks := make(map[*model.ClusterSnapshot][]row, len(clusters))
	n := 0
	for _, cl := range clusters {
		rows, ok := c.blocks[cl]
		if !ok {
			rows = clusterObjectRows(kind, cl, "")
			if !slices.IsSortedFunc(rows, func(a, b row) int { return byKey(&a, &b) }) {
				slices.SortFunc(rows, func(a, b row) int { return byKey(&a, &b) })
			}
		}
		blocks[cl] = rows
		n += len(rows)
	}
	c.blocks = blocks
	out := make([]*row, 0, n)
	for _, cl := range clusters {
		rows := blocks[cl]
		for i := range rows {
			out = append(out, &rows[i])
		}
	}
	return out
}

// clusterRows returns the fleet page's rows in key (name) order, rebuilding only those whose
// snapshot or hub-app roll-up changed.
func (c *rowCache) clusterRows(f *model.Fleet) []*row {
	next := make(map[string]*fleetRow, len(f.Clusters))
	out := make([]*row, 0, len(f.Clusters))
	for _, cl := range f.Clusters {
		remote := f.Remote[cl.Name]
		e := c.fleetRows[cl.Name]
		if e == nil || e.snap != cl || e.remote != remote {
			e = &fleetRow{snap: cl, remote: remote, row: clusterRow(f, cl)}
		}
		next[cl.Name] = e
		out = append(out, &e.row)
	}
	c.fleetRows = next
	slices.SortFunc(out, byKey)
	return out
}
