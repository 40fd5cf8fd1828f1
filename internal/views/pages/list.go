package pages

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// List is a table fed by asynchronous row builds. Any change of fleet, filter, problems-only
// or sort bumps its generation and starts one build; at most one build runs at a time and a
// change during a build is queued as a single follow-up build.
type List struct {
	id       int
	q        rows.Query
	gen      uint64
	fleetGen uint64 // fleet generation of the rows shown
	loaded   bool
	building bool
	pending  bool
	total    int
	table    components.Table[*rows.Row]
	fleet    *model.Fleet // the fleet the next build reads
	cache    *rows.Cache  // used by one build at a time
}

// NewList returns the list of kind on cluster ("" for the whole fleet), with a fresh id.
func NewList(kind rows.Kind, cluster string, e *Env) *List {
	cols := rows.ColumnsFor(kind, cluster)
	sortCol := rows.StateColumn(cols)
	l := &List{id: e.NextID(), q: rows.Query{Kind: kind, Cluster: cluster, SortCol: sortCol}, cache: rows.NewCache()}
	l.table = components.NewTable[*rows.Row](tableColumns(cols), rows.Measure(nil, cols, sortCol), sortCol, components.NewTableKeyMap(e.Keys), &e.Styles, e.Now)
	l.table.Spin = &e.Spin
	l.table.InProgress = rows.InProgress
	if kind == rows.KindApps || kind == rows.KindSecrets {
		l.table.Marked = e.Marks.Has
	}
	l.table.Empty = "loading…"
	return l
}

// tableColumns is how the table lays the columns out.
func tableColumns(cols []rows.Column) []components.Column {
	out := make([]components.Column, len(cols))
	for i, c := range cols {
		out[i] = components.Column{Title: c.Title, Flex: c.Flex, Min: c.Min, Drop: c.Drop, Age: c.Age, State: c.State}
	}
	return out
}

// ID is the id the list's row builds are addressed to.
func (l *List) ID() int { return l.id }

// Kind is what the list shows.
func (l *List) Kind() rows.Kind { return l.q.Kind }

// Filter is the filter text.
func (l *List) Filter() string { return l.q.Filter }

// Query is what decides the list's rows (a copy).
func (l *List) Query() rows.Query { return l.q }

// Table is the list's table.
func (l *List) Table() *components.Table[*rows.Row] { return &l.table }

// Loaded reports whether a build was shown; Total counts its rows before the filter.
func (l *List) Loaded() bool { return l.loaded }

// Total counts the rows of the last build before the filter and problems-only toggle.
func (l *List) Total() int { return l.total }

// Busy reports whether a build runs or a visible row shows an operation in progress.
func (l *List) Busy() bool { return l.building || l.table.VisibleInProgress() }

// Pending reports whether a change waits for the running build (for tests of ADR 0003).
func (l *List) Pending() bool { return l.pending }

// Gen is the list's query generation.
func (l *List) Gen() uint64 { return l.gen }

// SetSize sets the list's size, header included.
func (l *List) SetSize(w, h int) { l.table.SetSize(w, h) }

// Refresh rebuilds the rows from f if they were built from another fleet generation.
func (l *List) Refresh(f *model.Fleet) tea.Cmd {
	if f == nil || l.fleet == f {
		return nil // already built, or being built, from this fleet
	}
	l.fleet = f
	return l.request()
}

// request bumps the generation and starts a build, or queues one behind the running build.
func (l *List) request() tea.Cmd {
	l.gen++
	if l.fleet == nil {
		return nil
	}
	if l.building {
		l.pending = true
		return nil
	}
	l.building = true
	q, f, id, gen, cache := l.q, l.fleet, l.id, l.gen, l.cache
	// A cursor on the top row stays on the top row (the worst object as data arrives);
	// anywhere else it follows its object.
	if l.table.Cursor() > 0 {
		q.CursorKey = l.table.SelectedKey()
	}
	return func() tea.Msg {
		return RowsMsg{ListID: id, FleetGen: f.Generation, ViewGen: gen, Res: cache.Build(f, q)}
	}
}

// Apply takes a finished build: fresh rows are shown, stale ones dropped, and a queued
// change starts the next build.
func (l *List) Apply(msg RowsMsg) tea.Cmd {
	l.building = false
	if msg.ViewGen == l.gen && l.fleet != nil && msg.FleetGen == l.fleet.Generation {
		cursor := -1
		if msg.Res.Cursor >= 0 {
			cursor = msg.Res.Cursor
		}
		l.table.Empty = l.emptyText()
		l.table.SetRows(msg.Res.Rows, msg.Res.Widths, msg.Res.Full, cursor)
		l.total = msg.Res.Total
		l.fleetGen = msg.FleetGen
		l.loaded = true
	}
	if l.pending {
		l.pending = false
		return l.request()
	}
	return nil
}

func (l *List) emptyText() string {
	what := strings.ToLower(l.q.Kind.Title())
	switch {
	case l.q.Problems && l.q.Filter != "":
		return fmt.Sprintf("no problem %s match %q", what, l.q.Filter)
	case l.q.Problems:
		return fmt.Sprintf("no problem %s — all OK", what)
	case l.q.Filter != "":
		return fmt.Sprintf("no %s match %q", what, l.q.Filter)
	}
	return "no " + what
}

// SetFilter changes the filter text and rebuilds.
func (l *List) SetFilter(s string) tea.Cmd {
	if s == l.q.Filter {
		return nil
	}
	l.q.Filter = s
	return l.request()
}

// HandleKey applies the list keys: navigation, problems-only and sorting.
func (l *List) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if l.table.HandleKey(msg) {
		return nil, true
	}
	k := l.table.KeyMap()
	switch {
	case key.Matches(msg, k.Problems):
		l.q.Problems = !l.q.Problems
	case key.Matches(msg, k.Sort):
		l.q.SortCol = l.table.NextVisible(l.q.SortCol) // a hidden column would sort by what is not shown
		l.q.Reverse = false
	case key.Matches(msg, k.Reverse):
		l.q.Reverse = !l.q.Reverse
	default:
		return nil, false
	}
	l.table.SetSort(l.q.SortCol, l.q.Reverse)
	return l.request(), true
}

// Wheel moves the cursor by n rows (mouse wheel).
func (l *List) Wheel(n int) { l.table.MoveBy(n) }

// Describe summarises the list state for the title line: counts, filter, toggle, sort.
func (l *List) Describe() string {
	shown := len(l.table.Rows())
	parts := []string{fmt.Sprintf("%d", shown)}
	if shown != l.total {
		parts[0] = fmt.Sprintf("%d of %d", shown, l.total)
	}
	if !l.loaded {
		parts[0] = "…"
	}
	s := "(" + parts[0] + ")"
	if l.q.Filter != "" {
		s += fmt.Sprintf(" · filter %q", l.q.Filter)
	}
	if l.q.Problems {
		s += " · problems only"
	}
	return s + " · sort " + l.table.Columns()[l.q.SortCol].Title + l.table.SortArrow()
}

// View renders the table.
func (l *List) View() string { return l.table.View() }

// OpenRow returns the navigation message for pressing enter on the list's cursor row.
func (l *List) OpenRow() tea.Cmd {
	r, ok := l.table.Selected()
	if !ok {
		return nil
	}
	if l.q.Kind == rows.KindClusters {
		return Send(OpenClusterMsg{Name: r.Key})
	}
	return Send(OpenDetailMsg{Row: *r})
}
