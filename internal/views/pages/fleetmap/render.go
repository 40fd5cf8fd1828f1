package fleetmap

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"

	fm "github.com/mcgtui/mcgtui/internal/fleetmap"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// renderLine draws one line of the layout: a group's header with its counts, or a run of its
// cells, consecutive cells of one verdict drawn as one styled run.
func (p *Page) renderLine(l fm.Line) string {
	st := &p.env.Styles
	g := &p.m.Groups[l.Group]
	if l.Header {
		text := " " + humanize.OneLine(g.Name) + "  " + strconv.Itoa(g.Counts.Total())
		for v := model.VerdictCritical; ; v-- {
			if n := g.Counts[v]; n > 0 {
				text += fmt.Sprintf("  %s %d", fm.Symbol(v), n)
			}
			if v == model.VerdictOK {
				break
			}
		}
		return st.Section.Render(pad(text, p.width))
	}
	var b strings.Builder
	b.WriteString("  ")
	cells := g.Cells[l.First : l.First+l.N]
	for i := 0; i < len(cells); {
		if p.cursor.Group == l.Group && p.cursor.Index == l.First+i {
			b.WriteString(st.Selected.Render(fm.Symbol(cells[i].Verdict)) + " ")
			i++
			continue
		}
		j := i
		for j < len(cells) && cells[j].Verdict == cells[i].Verdict && !(p.cursor.Group == l.Group && p.cursor.Index == l.First+j) {
			j++
		}
		b.WriteString(strings.Repeat(p.styledCell(cells[i].Verdict), j-i))
		i = j
	}
	return b.String()
}

// styledCell is a verdict's symbol and gap in its colour, rendered once per page: a frame
// repeats strings instead of styling thousands of cells.
func (p *Page) styledCell(v model.Verdict) string {
	if p.cells[v] == "" {
		p.cells[v] = p.env.VerdictStyle(v).Render(fm.Symbol(v)) + " "
	}
	return p.cells[v]
}

// pad cuts s to width cells, or pads it.
func pad(s string, width int) string {
	s = humanize.Truncate(s, width)
	if w := humanize.Width(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// thousands writes n with thousands separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// keyMap holds the map's keys.
type keyMap struct {
	Up, Down, Left, Right, Open, GroupBy, Filter key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
		Right:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the cluster")),
		GroupBy: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "group by cloud, cluster set, region, vendor")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter by name")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.GroupBy, k.Filter} }

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.Open, k.GroupBy, k.Filter}}
}

// Titles implements components.TitledKeyMap.
func (keyMap) Titles() []string { return []string{"Move", "Map"} }
