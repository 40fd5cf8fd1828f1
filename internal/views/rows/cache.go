package rows

import (
	"slices"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Cache is what a list keeps between its row builds so that each build does only the work
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
type Cache struct {
	// blocks holds, for fleet-wide object lists, each cluster's rows in key order.
	blocks map[*model.ClusterSnapshot][]Row
	// fleetRows holds, for the fleet page, each cluster's row and what it was built from.
	fleetRows map[string]*fleetRow

	// The last build's rows before filtering, in display order, and their natural widths.
	fleet  *model.Fleet
	order  orderKey
	valid  bool
	sorted []*Row
	widths []int
	full   []int

	// The last build's result and the filter and toggle it was made with.
	filter   string
	problems bool
	filtered []*Row
}

// orderKey is what the ordered, unfiltered rows depend on besides the fleet.
type orderKey struct {
	kind    Kind
	cluster string
	sortCol int
	reverse bool
}

// fleetRow is a fleet page row with the snapshot and hub-app roll-up it shows.
type fleetRow struct {
	snap   *model.ClusterSnapshot
	remote model.Counts
	Row    Row
}

// NewCache returns an empty row cache.
func NewCache() *Cache { return &Cache{} }

// Build returns q's rows from f: filtered, ordered and measured.
func (c *Cache) Build(f *model.Fleet, q Query) Result {
	cols := ColumnsFor(q.Kind, q.Cluster)
	order := orderKey{kind: q.Kind, cluster: q.Cluster, sortCol: q.SortCol, reverse: q.Reverse}
	if !c.valid || c.fleet != f || c.order != order {
		c.sorted = orderRows(c.keyOrdered(f, q), cols, q.SortCol, q.Reverse)
		c.widths, c.full = MeasureFull(c.sorted, cols, q.SortCol)
		c.fleet, c.order, c.valid = f, order, true
		c.filter, c.problems, c.filtered = "", false, c.sorted
	}
	res := Result{Total: len(c.sorted), Cursor: -1}
	if q.Filter == "" && !q.Problems {
		res.Rows, res.Widths, res.Full = c.sorted, c.widths, c.full
	} else {
		from := c.sorted
		if c.problems == q.Problems && narrows(c.filter, q.Filter) {
			from = c.filtered
		}
		res.Rows = filterRows(from, q.Filter, q.Problems)
		res.Widths, res.Full = MeasureFull(res.Rows, cols, q.SortCol)
	}
	c.filter, c.problems, c.filtered = q.Filter, q.Problems, res.Rows
	if q.CursorKey != "" {
		res.Cursor = slices.IndexFunc(res.Rows, func(r *Row) bool { return r.Key == q.CursorKey })
	}
	return res
}

// keyOrdered returns every row of q's list in f, in key order.
func (c *Cache) keyOrdered(f *model.Fleet, q Query) []*Row {
	if f == nil {
		return nil
	}
	switch {
	case q.Kind == KindClusters:
		return c.clusterRows(f)
	case q.Cluster == "":
		return c.fleetWideRows(f, q.Kind)
	}
	clusters := Scope(f, q.Cluster)
	if q.Kind == KindApps {
		clusters = f.Clusters // hub apps that deploy to the cluster are listed too
	}
	var out []*Row
	for _, cl := range clusters {
		rows := clusterObjectRows(q.Kind, cl, q.Cluster)
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
func (c *Cache) fleetWideRows(f *model.Fleet, kind Kind) []*Row {
	clusters := slices.Clone(f.Clusters)
	slices.SortFunc(clusters, func(a, b *model.ClusterSnapshot) int { return strings.Compare(a.Name, b.Name) })
	blocks := make(map[*model.ClusterSnapshot][]Row, len(clusters))
	n := 0
	for _, cl := range clusters {
		rows, ok := c.blocks[cl]
		if !ok {
			rows = clusterObjectRows(kind, cl, "")
			if !slices.IsSortedFunc(rows, func(a, b Row) int { return byKey(&a, &b) }) {
				slices.SortFunc(rows, func(a, b Row) int { return byKey(&a, &b) })
			}
		}
		blocks[cl] = rows
		n += len(rows)
	}
	c.blocks = blocks
	out := make([]*Row, 0, n)
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
func (c *Cache) clusterRows(f *model.Fleet) []*Row {
	next := make(map[string]*fleetRow, len(f.Clusters))
	out := make([]*Row, 0, len(f.Clusters))
	for _, cl := range f.Clusters {
		remote := f.Remote[cl.Name]
		e := c.fleetRows[cl.Name]
		if e == nil || e.snap != cl || e.remote != remote {
			e = &fleetRow{snap: cl, remote: remote, Row: clusterRow(f, cl)}
		}
		next[cl.Name] = e
		out = append(out, &e.Row)
	}
	c.fleetRows = next
	slices.SortFunc(out, byKey)
	return out
}
