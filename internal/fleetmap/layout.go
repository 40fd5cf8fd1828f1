package fleetmap

// CellWidth is the terminal cells one cluster takes: its symbol and a space.
const CellWidth = 2

// indent is where cells start on a line, under their group's header.
const indent = 2

// Line is one line of the laid-out map: a group's header, or a run of its cells.
type Line struct {
	Group  int
	Header bool
	// First and N are the cells of the group on this line.
	First, N int
}

// Layout is a Map laid out for one width. Building it is linear in the groups and lines, not
// in the clusters; drawing reads only the lines on screen.
type Layout struct {
	Width, PerRow int
	Lines         []Line
	firstLine     []int // per group, its header's line
}

// Layout lays the map out for a width in terminal cells.
func (m *Map) Layout(width int) *Layout {
	l := &Layout{Width: width, PerRow: max(1, (width-indent)/CellWidth), firstLine: make([]int, len(m.Groups))}
	for gi, g := range m.Groups {
		l.firstLine[gi] = len(l.Lines)
		l.Lines = append(l.Lines, Line{Group: gi, Header: true})
		for first := 0; first < len(g.Cells); first += l.PerRow {
			l.Lines = append(l.Lines, Line{Group: gi, First: first, N: min(l.PerRow, len(g.Cells)-first)})
		}
	}
	return l
}

// Cursor is a cell: a group and an index in it.
type Cursor struct{ Group, Index int }

// Valid reports whether c is a cell of m.
func (c Cursor) Valid(m *Map) bool {
	return c.Group >= 0 && c.Group < len(m.Groups) && c.Index >= 0 && c.Index < len(m.Groups[c.Group].Cells)
}

// Cell returns the cell under c; ok is false when c is not a cell of m.
func (m *Map) Cell(c Cursor) (Cell, bool) {
	if !c.Valid(m) {
		return Cell{}, false
	}
	return m.Groups[c.Group].Cells[c.Index], true
}

// Find returns the cursor on a cluster, or ok false when the map does not show it.
func (m *Map) Find(cluster string) (Cursor, bool) {
	for gi, g := range m.Groups {
		for i, c := range g.Cells {
			if c.Cluster == cluster {
				return Cursor{gi, i}, true
			}
		}
	}
	return Cursor{}, false
}

// LineOf is the line the cursor's cell is on, and its column in terminal cells.
func (l *Layout) LineOf(c Cursor) (line, col int) {
	if c.Group < 0 || c.Group >= len(l.firstLine) {
		return 0, 0
	}
	return l.firstLine[c.Group] + 1 + c.Index/l.PerRow, indent + (c.Index%l.PerRow)*CellWidth
}

// Left and Right move along the cells, from one group's last cell to the next group's first.
func (l *Layout) Left(m *Map, c Cursor) Cursor {
	if !c.Valid(m) {
		return c
	}
	if c.Index > 0 {
		return Cursor{c.Group, c.Index - 1}
	}
	for g := c.Group - 1; g >= 0; g-- {
		if n := len(m.Groups[g].Cells); n > 0 {
			return Cursor{g, n - 1}
		}
	}
	return c
}

func (l *Layout) Right(m *Map, c Cursor) Cursor {
	if !c.Valid(m) {
		return c
	}
	if c.Index+1 < len(m.Groups[c.Group].Cells) {
		return Cursor{c.Group, c.Index + 1}
	}
	for g := c.Group + 1; g < len(m.Groups); g++ {
		if len(m.Groups[g].Cells) > 0 {
			return Cursor{g, 0}
		}
	}
	return c
}

// Up and Down move a line, keeping the column where the next line has a cell there (else its
// last cell), across groups.
func (l *Layout) Up(m *Map, c Cursor) Cursor {
	if !c.Valid(m) {
		return c
	}
	col := c.Index % l.PerRow
	if c.Index >= l.PerRow {
		return Cursor{c.Group, c.Index - l.PerRow}
	}
	for g := c.Group - 1; g >= 0; g-- {
		if n := len(m.Groups[g].Cells); n > 0 {
			lastRow := (n - 1) / l.PerRow
			return Cursor{g, min(lastRow*l.PerRow+col, n-1)}
		}
	}
	return c
}

func (l *Layout) Down(m *Map, c Cursor) Cursor {
	if !c.Valid(m) {
		return c
	}
	col, n := c.Index%l.PerRow, len(m.Groups[c.Group].Cells)
	if next := c.Index + l.PerRow; next < n {
		return Cursor{c.Group, next}
	}
	if row, lastRow := c.Index/l.PerRow, (n-1)/l.PerRow; row < lastRow {
		return Cursor{c.Group, n - 1}
	}
	for g := c.Group + 1; g < len(m.Groups); g++ {
		if k := len(m.Groups[g].Cells); k > 0 {
			return Cursor{g, min(col, k-1)}
		}
	}
	return c
}
