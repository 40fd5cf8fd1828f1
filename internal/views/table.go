package views

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
)

const columnGap = "  "

// table draws precomputed rows. Only the window around the cursor is rendered, so its cost
// does not depend on the number of rows.
type table struct {
	cols    []column
	rows    []*row // shared with the list's row cache: never modified
	natural []int  // natural width per column, from the build
	widths  []int  // laid-out width per column; 0 hides the column
	cursor  int
	offset  int // index of the first visible row
	width   int
	height  int // including the header line
	sortCol int
	reverse bool
	empty   string // shown instead of rows when there are none
	// marked reports whether a row is marked for a bulk action ("*" after the cursor
	// marker); nil for lists whose rows cannot be marked.
	marked func(key string) bool
	keys   tableKeyMap
	st     *styles
	now    func() time.Time
	// spin points at the spinner's current frame; cells of operations in progress
	// ("Running…") show it in place of the ellipsis, so they move while the spinner turns.
	spin *string
}

func newTable(cols []column, st *styles, now func() time.Time) table {
	t := table{cols: cols, sortCol: stateColumn(cols), keys: newTableKeyMap(), st: st, now: now}
	t.natural = measure(nil, cols, t.sortCol)
	t.layout()
	return t
}

// SetSize sets the table's size, header line included.
func (t *table) SetSize(w, h int) {
	t.width, t.height = max(w, 0), max(h, 0)
	t.layout()
	t.clampOffset()
}

// SetRows replaces the rows; cursor is the index to select (-1 keeps the current index).
func (t *table) SetRows(rows []*row, natural []int, cursor int) {
	t.rows = rows
	if len(natural) == len(t.cols) {
		t.natural = natural
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
func (t *table) Selected() (row, bool) {
	if t.cursor < 0 || t.cursor >= len(t.rows) {
		return row{}, false
	}
	return *t.rows[t.cursor], true
}

// SelectedKey returns the key of the row under the cursor, or "".
func (t *table) SelectedKey() string {
	r, _ := t.Selected()
	return r.key
}

// bodyHeight is the number of row lines.
func (t *table) bodyHeight() int { return max(t.height-1, 0) }

// MoveBy moves the cursor by n rows, clamped to the list.
func (t *table) MoveBy(n int) {
	t.cursor = max(min(t.cursor+n, len(t.rows)-1), 0)
	t.clampOffset()
}

// HandleKey applies a navigation key and reports whether it was one.
func (t *table) HandleKey(msg tea.KeyPressMsg) bool {
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
func (t *table) clampOffset() {
	h := max(t.bodyHeight(), 1)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	t.offset = max(min(t.offset, len(t.rows)-h), 0)
}

// layout decides each column's width: drop the least important columns until the rest fit,
// then give the leftover space to the flexible ones (NAME, STATE).
func (t *table) layout() {
	n := len(t.cols)
	visible := make([]bool, n)
	for i := range visible {
		visible[i] = true
	}
	want := func(i int) int {
		if t.cols[i].flex {
			return min(t.cols[i].min, t.natural[i])
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
			if visible[i] && c.drop > 0 && (drop < 0 || c.drop >= t.cols[drop].drop) {
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
	for i, c := range t.cols {
		if visible[i] && c.flex && left > 0 {
			grow := min(left, max(t.natural[i]-t.widths[i], 0))
			t.widths[i] += grow
			left -= grow
		}
	}
}

// View renders the header and the visible rows; the result is at most height lines.
func (t *table) View() string {
	if t.height <= 0 || t.width <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(clip(t.st.colHead.Render(t.line(t.headerCells(), false, false)), t.width))
	if len(t.rows) == 0 && t.height > 1 {
		b.WriteString("\n" + clip(t.st.dim.Render(" "+t.empty), t.width))
		return b.String()
	}
	end := min(t.offset+t.bodyHeight(), len(t.rows))
	now := t.now()
	for i := t.offset; i < end; i++ {
		r := t.rows[i]
		cells := make([]string, len(t.cols))
		for c := range t.cols {
			switch {
			case t.cols[c].age:
				cells[c] = humanize.Age(now, r.since)
			case c < len(r.cells):
				cells[c] = t.animated(r.cells[c])
			}
		}
		marked := t.marked != nil && t.marked(r.key)
		line := t.line(cells, i == t.cursor, marked)
		style := t.st.forVerdict(r.tone)
		if marked {
			style = style.Inherit(t.st.marked)
		}
		if i == t.cursor {
			style = style.Inherit(t.st.selected)
		}
		b.WriteString("\n" + style.Render(line))
	}
	return b.String()
}

func (t *table) headerCells() []string {
	cells := make([]string, len(t.cols))
	for i, c := range t.cols {
		cells[i] = c.title
		if i == t.sortCol {
			cells[i] += t.sortArrow()
		}
	}
	return cells
}

// sortArrow shows the sort direction: ↓ means worst / newest / Z first… as the column defines.
func (t *table) sortArrow() string {
	c := t.cols[t.sortCol]
	down := c.state || c.age
	if t.reverse {
		down = !down
	}
	if down {
		return "↓"
	}
	return "↑"
}

// gutter is the width before the first column: the "›" cursor marker, and the "*" mark
// marker on lists whose rows can be marked.
func (t *table) gutter() int {
	if t.marked != nil {
		return 2
	}
	return 1
}

// line lays out cells in the column widths, cut to the table width.
func (t *table) line(cells []string, selected, marked bool) string {
	var b strings.Builder
	if selected {
		b.WriteString("›")
	} else {
		b.WriteString(" ")
	}
	if t.marked != nil {
		if marked {
			b.WriteString("*")
		} else {
			b.WriteString(" ")
		}
	}
	first := true
	for i, w := range t.widths {
		if w == 0 {
			continue
		}
		if !first {
			b.WriteString(columnGap)
		}
		first = false
		b.WriteString(fit(cells[i], w))
	}
	if selected {
		return fit(b.String(), t.width)
	}
	return clip(strings.TrimRight(b.String(), " "), t.width)
}

// inProgress reports whether a cell is an operation in progress (see syncCell).
func inProgress(cell string) bool { return cell == "Running…" || cell == "Terminating…" }

// animated replaces the ellipsis of an in-progress cell with the spinner's frame.
func (t *table) animated(cell string) string {
	if t.spin == nil || *t.spin == "" || !inProgress(cell) {
		return cell
	}
	return strings.TrimSuffix(cell, "…") + *t.spin
}

// visibleInProgress reports whether a visible row shows an operation in progress, which keeps
// the spinner turning; it looks at the visible window only.
func (t *table) visibleInProgress() bool {
	end := min(t.offset+t.bodyHeight(), len(t.rows))
	for i := t.offset; i < end; i++ {
		for _, c := range t.rows[i].cells {
			if inProgress(c) {
				return true
			}
		}
	}
	return false
}
