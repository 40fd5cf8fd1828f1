package components

import (
	"cmp"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

const columnGap = "  "

// Column describes one table column and how it behaves when the terminal is narrow.
type Column struct {
	Title string
	// Flex columns take the width left over by the others. When columns are dropped to fit,
	// a flex column counts Min (or its natural width if smaller); it is cut further only
	// when nothing else can go.
	Flex bool
	Min  int
	// Drop orders hiding on narrow terminals: the highest number is hidden first; 0 never.
	Drop int
	// Age columns show the row's Since relative to now, computed when visible rows are drawn.
	Age bool
	// State columns sort worst first (the sort arrow points down by default).
	State bool
}

// TableRow is what the table needs of a row: a key that identifies it, its cells, its colour
// and the time its age column counts from. Rows are built elsewhere and never modified here.
type TableRow interface {
	RowKey() string
	RowCells() []string
	RowTone() int
	RowSince() time.Time
}

// Table draws precomputed rows. Only the window around the cursor is rendered, so its cost
// does not depend on the number of rows.
type Table[R TableRow] struct {
	cols    []Column
	rows    []R   // shared with the owner's row cache: never modified
	natural []int // natural width per column, from the owner's build
	full    []int // width per column without the owner's caps, grown into where there is room
	widths  []int // laid-out width per column; 0 hides the column
	cursor  int
	offset  int // index of the first visible row
	width   int
	height  int // including the header line
	sortCol int
	reverse bool
	// Empty is shown instead of rows when there are none.
	Empty string
	// Marked reports whether a row is marked for a bulk action ("*" after the cursor
	// marker); nil for tables whose rows cannot be marked.
	Marked func(key string) bool
	// InProgress reports whether a cell shows an operation in progress: its trailing
	// ellipsis is replaced by Spin's frame, so it moves while the spinner turns. May be nil.
	InProgress func(cell string) bool
	// Spin points at the spinner's current frame ("" while it is still); may be nil.
	Spin *string
	keys TableKeyMap
	st   *Styles
	now  func() time.Time
}

// NewTable returns a table of cols sorted by sortCol, answering keys; natural holds each
// column's width before any row (its title, with the sort arrow).
func NewTable[R TableRow](cols []Column, natural []int, sortCol int, keys TableKeyMap, st *Styles, now func() time.Time) Table[R] {
	t := Table[R]{cols: cols, natural: natural, sortCol: sortCol, keys: keys, st: st, now: now}
	t.layout()
	return t
}

// KeyMap lists the table's keys.
func (t *Table[R]) KeyMap() TableKeyMap { return t.keys }

// Columns returns the table's columns.
func (t *Table[R]) Columns() []Column { return t.cols }

// Rows returns the rows shown (shared: never modify them).
func (t *Table[R]) Rows() []R { return t.rows }

// Cursor is the index of the selected row.
func (t *Table[R]) Cursor() int { return t.cursor }

// SetSize sets the table's size, header line included.
func (t *Table[R]) SetSize(w, h int) {
	t.width, t.height = max(w, 0), max(h, 0)
	t.layout()
	t.clampOffset()
}

// SetSort sets the sort column and direction the header shows.
func (t *Table[R]) SetSort(col int, reverse bool) { t.sortCol, t.reverse = col, reverse }

// SetRows replaces the rows; cursor is the index to select (-1 keeps the current index).
// natural is each column's width as the owner caps it, full its widest cell uncapped (nil:
// the same as natural); a column is given more than natural only where the terminal has room.
func (t *Table[R]) SetRows(rows []R, natural, full []int, cursor int) {
	t.rows = rows
	if len(natural) == len(t.cols) {
		t.natural = natural
		t.full = natural
		if len(full) == len(t.cols) {
			t.full = full
		}
	}
	if cursor >= 0 {
		t.cursor = cursor
	}
	t.cursor = min(t.cursor, len(rows)-1)
	t.cursor = max(t.cursor, 0)
	t.layout()
	t.clampOffset()
}

// Selected returns the row under the cursor.
func (t *Table[R]) Selected() (R, bool) {
	if t.cursor < 0 || t.cursor >= len(t.rows) {
		var zero R
		return zero, false
	}
	return t.rows[t.cursor], true
}

// SelectedKey returns the key of the row under the cursor, or "".
func (t *Table[R]) SelectedKey() string {
	if r, ok := t.Selected(); ok {
		return r.RowKey()
	}
	return ""
}

// bodyHeight is the number of row lines.
func (t *Table[R]) bodyHeight() int { return max(t.height-1, 0) }

// MoveBy moves the cursor by n rows, clamped to the list.
func (t *Table[R]) MoveBy(n int) {
	t.cursor = max(min(t.cursor+n, len(t.rows)-1), 0)
	t.clampOffset()
}

// HandleKey applies a navigation key and reports whether it was one.
func (t *Table[R]) HandleKey(msg tea.KeyPressMsg) bool {
	page := max(t.bodyHeight(), 1)
	switch {
	case key.Matches(msg, t.keys.Up):
		t.MoveBy(-1)
	case key.Matches(msg, t.keys.Down):
		t.MoveBy(1)
	case key.Matches(msg, t.keys.PageUp):
		t.MoveBy(-page)
	case key.Matches(msg, t.keys.PageDown):
		t.MoveBy(page)
	case key.Matches(msg, t.keys.Top):
		t.MoveBy(-len(t.rows))
	case key.Matches(msg, t.keys.Bottom):
		t.MoveBy(len(t.rows))
	default:
		return false
	}
	return true
}

// clampOffset keeps the cursor inside the visible window.
func (t *Table[R]) clampOffset() {
	h := max(t.bodyHeight(), 1)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	t.offset = max(min(t.offset, len(t.rows)-h), 0)
}

// Visible reports whether column i is shown at the current width (layout drops the least
// important columns of a narrow terminal).
func (t *Table[R]) Visible(i int) bool { return i >= 0 && i < len(t.widths) && t.widths[i] > 0 }

// NextVisible returns the first shown column after col, wrapping around; col when no other is
// shown.
func (t *Table[R]) NextVisible(col int) int {
	n := len(t.cols)
	for step := 1; step <= n; step++ {
		if c := (col + step) % n; t.Visible(c) {
			return c
		}
	}
	return col
}

// layout decides each column's width: drop the least important columns until the rest fit,
// then give the leftover space to the other columns up to their widest cell, most important
// first (a wide terminal shows whole names, versions and templates instead of cutting them),
// and last to the verdict column.
func (t *Table[R]) layout() {
	n := len(t.cols)
	visible := make([]bool, n)
	for i := range visible {
		visible[i] = true
	}
	want := func(i int) int {
		if t.cols[i].Flex {
			return min(t.cols[i].Min, t.natural[i])
		}
		return t.natural[i]
	}
	need := func() (sum, count int) {
		for i := range t.cols {
			if visible[i] {
				sum += want(i)
				count++
			}
		}
		return sum + len(columnGap)*max(count-1, 0) + t.gutter(), count
	}
	for {
		sum, count := need()
		if sum <= t.width || count <= 1 {
			break
		}
		drop := -1
		for i, c := range t.cols {
			if visible[i] && c.Drop > 0 && (drop < 0 || c.Drop >= t.cols[drop].Drop) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		visible[drop] = false
	}
	t.widths = make([]int, n)
	sum, _ := need()
	left := t.width - sum
	for i := range t.cols {
		if visible[i] {
			t.widths[i] = want(i)
		}
	}
	grow := func(i, to int) {
		if visible[i] && left > 0 && to > t.widths[i] {
			g := min(left, to-t.widths[i])
			t.widths[i] += g
			left -= g
		}
	}
	full := t.natural
	if len(t.full) == n {
		full = t.full
	}
	// Names first, reasons last: a name cut by its cap leaves rows that cannot be told apart,
	// while a verdict column keeps its verdict and the start of its reason at Min.
	for _, i := range t.byImportance() {
		if !t.cols[i].State {
			grow(i, full[i])
		}
	}
	for i, c := range t.cols {
		if c.State {
			grow(i, full[i])
		}
	}
}

// byImportance orders the columns never dropped first, then by Drop, then as they stand.
func (t *Table[R]) byImportance() []int {
	order := make([]int, len(t.cols))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(t.cols[a].Drop, t.cols[b].Drop) })
	return order
}
