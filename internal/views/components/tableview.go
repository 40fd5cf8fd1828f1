package components

import (
	"strings"

	"github.com/mcgtui/mcgtui/internal/humanize"
)

// View renders the header and the visible rows; the result is at most height lines.
func (t *Table[R]) View() string {
	if t.height <= 0 || t.width <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(Clip(t.st.ColHead.Render(t.line(t.headerCells(), false, false)), t.width))
	if len(t.rows) == 0 && t.height > 1 {
		b.WriteString("\n" + Clip(t.st.Dim.Render(" "+t.Empty), t.width))
		return b.String()
	}
	end := min(t.offset+t.bodyHeight(), len(t.rows))
	now := t.now()
	for i := t.offset; i < end; i++ {
		r := t.rows[i]
		rowCells := r.RowCells()
		cells := make([]string, len(t.cols))
		for c := range t.cols {
			switch {
			case t.cols[c].Age:
				cells[c] = humanize.Age(now, r.RowSince())
			case c < len(rowCells):
				cells[c] = t.animated(rowCells[c])
			}
		}
		key := r.RowKey()
		marked := t.Marked != nil && t.Marked(key)
		line := t.line(cells, i == t.cursor, marked)
		style := t.st.ForTone(r.RowTone())
		if marked {
			style = style.Inherit(t.st.Marked)
		}
		if i == t.cursor {
			style = style.Inherit(t.st.Selected)
		}
		b.WriteString("\n" + style.Render(line))
	}
	return b.String()
}

func (t *Table[R]) headerCells() []string {
	cells := make([]string, len(t.cols))
	for i, c := range t.cols {
		cells[i] = c.Title
		if i == t.sortCol {
			cells[i] += t.SortArrow()
		}
	}
	return cells
}

// SortArrow shows the sort direction: ↓ means worst / newest / Z first… as the column defines.
func (t *Table[R]) SortArrow() string {
	c := t.cols[t.sortCol]
	down := c.State || c.Age
	if t.reverse {
		down = !down
	}
	if down {
		return "↓"
	}
	return "↑"
}

// gutter is the width before the first column: the "›" cursor marker, and the "*" mark
// marker on tables whose rows can be marked.
func (t *Table[R]) gutter() int {
	if t.Marked != nil {
		return 2
	}
	return 1
}

// line lays out cells in the column widths, cut to the table width.
func (t *Table[R]) line(cells []string, selected, marked bool) string {
	var b strings.Builder
	if selected {
		b.WriteString("›")
	} else {
		b.WriteString(" ")
	}
	if t.Marked != nil {
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
		b.WriteString(Fit(cells[i], w))
	}
	if selected {
		return Fit(b.String(), t.width)
	}
	return Clip(strings.TrimRight(b.String(), " "), t.width)
}

// animated replaces the ellipsis of an in-progress cell with the spinner's frame.
func (t *Table[R]) animated(cell string) string {
	if t.Spin == nil || *t.Spin == "" || t.InProgress == nil || !t.InProgress(cell) {
		return cell
	}
	return strings.TrimSuffix(cell, "…") + *t.Spin
}

// VisibleInProgress reports whether a visible row shows an operation in progress, which keeps
// the spinner turning; it looks at the visible window only.
func (t *Table[R]) VisibleInProgress() bool {
	if t.InProgress == nil {
		return false
	}
	end := min(t.offset+t.bodyHeight(), len(t.rows))
	for i := t.offset; i < end; i++ {
		for _, c := range t.rows[i].RowCells() {
			if t.InProgress(c) {
				return true
			}
		}
	}
	return false
}
