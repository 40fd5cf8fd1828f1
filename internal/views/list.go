package views

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
)

// rowsMsg carries a finished row build back to the list that asked for it. It is applied only
// if both generations still match: a newer fleet or a newer filter/sort makes it stale.
type rowsMsg struct {
	listID   int
	fleetGen uint64 // the fleet generation the rows were built from
	viewGen  uint64 // the list's query generation when the build started
	res      rowsResult
}

// list is a table fed by asynchronous row builds. Any change of fleet, filter, problems-only
// or sort bumps its generation and starts one build; at most one build runs at a time and a
// change during a build is queued as a single follow-up build.
type list struct {
	id       int
	q        query
	gen      uint64
	fleetGen uint64 // fleet generation of the rows shown
	loaded   bool
	building bool
	pending  bool
	total    int
	table    table
	fleet    *model.Fleet // the fleet the next build reads
	cache    *rowCache    // used by one build at a time
}

func newList(id int, kind listKind, cluster string, e *env) *list {
	cols := columnsFor(kind, cluster)
	l := &list{id: id, q: query{kind: kind, cluster: cluster, sortCol: stateColumn(cols)}, cache: newRowCache()}
	l.table = newTable(cols, &e.st, e.now)
	l.table.spin = &e.spin
	if kind == kindApps || kind == kindSecrets {
		l.table.marked = e.marks.Has
	}
	l.table.empty = "loading…"
	return l
}

// SetSize sets the list's size, header included.
func (l *list) SetSize(w, h int) { l.table.SetSize(w, h) }

// Refresh rebuilds the rows from f if they were built from another fleet generation.
func (l *list) Refresh(f *model.Fleet) tea.Cmd {
	if f == nil || l.fleet == f {
		return nil // already built, or being built, from this fleet
	}
	l.fleet = f
	return l.request()
}

// request bumps the generation and starts a build, or queues one behind the running build.
func (l *list) request() tea.Cmd {
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
	if l.table.cursor > 0 {
		q.cursorKey = l.table.SelectedKey()
	}
	return func() tea.Msg {
		return rowsMsg{listID: id, fleetGen: f.Generation, viewGen: gen, res: cache.build(f, q)}
	}
}

// Apply takes a finished build: fresh rows are shown, stale ones dropped, and a queued
// change starts the next build.
func (l *list) Apply(msg rowsMsg) tea.Cmd {
	l.building = false
	if msg.viewGen == l.gen && l.fleet != nil && msg.fleetGen == l.fleet.Generation {
		cursor := -1
		if msg.res.cursor >= 0 {
			cursor = msg.res.cursor
		}
		l.table.empty = l.emptyText()
		l.table.SetRows(msg.res.rows, msg.res.widths, cursor)
		l.total = msg.res.total
		l.fleetGen = msg.fleetGen
		l.loaded = true
	}
	if l.pending {
		l.pending = false
		return l.request()
	}
	return nil
}

func (l *list) emptyText() string {
	what := strings.ToLower(l.q.kind.title())
	switch {
	case l.q.problems && l.q.filter != "":
		return fmt.Sprintf("no problem %s match %q", what, l.q.filter)
	case l.q.problems:
		return fmt.Sprintf("no problem %s — all OK", what)
	case l.q.filter != "":
		return fmt.Sprintf("no %s match %q", what, l.q.filter)
	}
	return "no " + what
}

// SetFilter changes the filter text and rebuilds.
func (l *list) SetFilter(s string) tea.Cmd {
	if s == l.q.filter {
		return nil
	}
	l.q.filter = s
	return l.request()
}

// HandleKey applies the list keys: navigation, problems-only and sorting.
func (l *list) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if l.table.HandleKey(msg) {
		return nil, true
	}
	k := l.table.keys
	switch {
	case key.Matches(msg, k.Problems):
		l.q.problems = !l.q.problems
	case key.Matches(msg, k.Sort):
		l.q.sortCol = (l.q.sortCol + 1) % len(l.table.cols)
		l.q.reverse = false
	case key.Matches(msg, k.Reverse):
		l.q.reverse = !l.q.reverse
	default:
		return nil, false
	}
	l.table.sortCol, l.table.reverse = l.q.sortCol, l.q.reverse
	return l.request(), true
}

// Wheel moves the cursor by n rows (mouse wheel).
func (l *list) Wheel(n int) { l.table.MoveBy(n) }

// Describe summarises the list state for the title line: counts, filter, toggle, sort.
func (l *list) Describe() string {
	parts := []string{fmt.Sprintf("%d", len(l.table.rows))}
	if len(l.table.rows) != l.total {
		parts[0] = fmt.Sprintf("%d of %d", len(l.table.rows), l.total)
	}
	if !l.loaded {
		parts[0] = "…"
	}
	s := "(" + parts[0] + ")"
	if l.q.filter != "" {
		s += fmt.Sprintf(" · filter %q", l.q.filter)
	}
	if l.q.problems {
		s += " · problems only"
	}
	return s + " · sort " + l.table.cols[l.q.sortCol].title + l.table.sortArrow()
}

// View renders the table.
func (l *list) View() string { return l.table.View() }
