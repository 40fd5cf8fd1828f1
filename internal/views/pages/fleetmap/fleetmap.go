// Package fleetmap is the fleet at a glance (":map"): one cell per cluster, coloured and
// marked with a symbol (for NO_COLOR) by verdict, grouped by a ManagedCluster label (cloud by
// default; b cycles cluster set, region, vendor), with a legend and counts. Arrows move, enter
// opens the cluster, "/" filters by name. The map is built in a tea.Cmd per fleet
// (internal/fleetmap); a frame draws only the lines on screen.
package fleetmap

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	fm "github.com/mcgtui/mcgtui/internal/fleetmap"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
)

// groupings are what b cycles through.
func groupings() []string {
	return []string{fm.DefaultGroupBy, fm.GroupByClusterSet, "region", "vendor"}
}

// MapMsg carries a map built for the page with id PageID.
type MapMsg struct {
	PageID   int
	FleetGen uint64
	Gen      uint64 // the page's query generation (grouping, filter) when the build started
	Map      *fm.Map
}

// RouteID implements pages.Routed.
func (m MapMsg) RouteID() int { return m.PageID }

// Page is the fleet map.
type Page struct {
	id       int
	env      *pages.Env
	keys     keyMap
	fleet    *model.Fleet
	by       int // index in groupings
	filter   string
	gen      uint64 // grows with every grouping or filter change
	m        *fm.Map
	layout   *fm.Layout
	cursor   fm.Cursor
	selected string // the cluster under the cursor, followed across builds
	offset   int
	width    int
	height   int
	cells    [model.VerdictCritical + 1]string // styledCell's cache
}

// New returns the fleet map.
func New(e *pages.Env) *Page { return &Page{id: e.NextID(), env: e, keys: newKeyMap()} }

// Owns implements pages.Page.
func (p *Page) Owns(id int) bool { return id == p.id }

// Show implements pages.Page: a new fleet is mapped in a Cmd.
func (p *Page) Show(f *model.Fleet) tea.Cmd {
	if f == nil || (p.fleet != nil && f.Generation <= p.fleet.Generation) {
		return nil
	}
	p.fleet = f
	return p.build()
}

func (p *Page) build() tea.Cmd {
	f, by, filter, id, gen := p.fleet, groupings()[p.by], p.filter, p.id, p.gen
	if f == nil {
		return nil
	}
	return func() tea.Msg {
		return MapMsg{PageID: id, FleetGen: f.Generation, Gen: gen, Map: fm.Build(f, by, filter)}
	}
}

// Receive implements pages.Page: a built map replaces the shown one unless it is stale.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	m, ok := msg.(MapMsg)
	if !ok || m.Gen != p.gen || (p.fleet != nil && m.FleetGen < p.fleet.Generation) {
		return nil
	}
	p.m = m.Map
	p.relayout()
	return nil
}

// relayout lays the map out for the width and puts the cursor back on its cluster.
func (p *Page) relayout() {
	if p.m == nil {
		return
	}
	p.layout = p.m.Layout(p.width)
	if c, ok := p.m.Find(p.selected); ok {
		p.cursor = c
	} else {
		p.cursor = firstCell(p.m)
	}
	p.follow()
}

func firstCell(m *fm.Map) fm.Cursor {
	for g := range m.Groups {
		if len(m.Groups[g].Cells) > 0 {
			return fm.Cursor{Group: g}
		}
	}
	return fm.Cursor{}
}

// follow remembers the cursor's cluster and scrolls it into view.
func (p *Page) follow() {
	if c, ok := p.m.Cell(p.cursor); ok {
		p.selected = c.Cluster
	}
	line, _ := p.layout.LineOf(p.cursor)
	h := p.mapHeight()
	if line-1 < p.offset { // keep the group's header in view when its first line is
		p.offset = max(line-1, 0)
	}
	if line >= p.offset+h {
		p.offset = line - h + 1
	}
	p.offset = max(min(p.offset, len(p.layout.Lines)-h), 0)
}

// mapHeight is the lines for the map: the body less the header, legend and status line.
func (p *Page) mapHeight() int { return max(p.height-3, 1) }

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	p.relayout()
}

// Title implements pages.Page.
func (p *Page) Title() string { return "Fleet map · by " + groupings()[p.by] }

// KeyMap implements pages.Page.
func (p *Page) KeyMap() components.TitledKeyMap { return p.keys }

// Wheel implements pages.Page: the wheel moves a line.
func (p *Page) Wheel(n int) {
	if p.m == nil {
		return
	}
	for range abs(n) {
		if n < 0 {
			p.cursor = p.layout.Up(p.m, p.cursor)
		} else {
			p.cursor = p.layout.Down(p.m, p.cursor)
		}
	}
	p.follow()
}

// ActiveList implements pages.Page: the map is not a list ("/" filters it through Filterer).
func (p *Page) ActiveList() *pages.List { return nil }

// Filter implements pages.Filterer.
func (p *Page) Filter() string { return p.filter }

// SetFilter implements pages.Filterer: the map is built again with the filter.
func (p *Page) SetFilter(s string) tea.Cmd {
	if s == p.filter {
		return nil
	}
	p.filter = s
	p.gen++
	return p.build()
}

// HandleKey implements pages.Page.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, p.keys.GroupBy) {
		p.by = (p.by + 1) % len(groupings())
		p.gen++
		return p.build()
	}
	if p.m == nil {
		return nil
	}
	k, l := p.keys, p.layout
	switch {
	case key.Matches(msg, k.Up):
		p.cursor = l.Up(p.m, p.cursor)
	case key.Matches(msg, k.Down):
		p.cursor = l.Down(p.m, p.cursor)
	case key.Matches(msg, k.Left):
		p.cursor = l.Left(p.m, p.cursor)
	case key.Matches(msg, k.Right):
		p.cursor = l.Right(p.m, p.cursor)
	case key.Matches(msg, k.Open):
		if c, ok := p.m.Cell(p.cursor); ok {
			return pages.Send(pages.OpenClusterMsg{Name: c.Cluster})
		}
		return nil
	default:
		return nil
	}
	p.follow()
	return nil
}

// View implements pages.Page: header, legend, the lines on screen, the cluster under the cursor.
func (p *Page) View() string {
	st := &p.env.Styles
	if p.m == nil {
		return st.Dim.Render(" mapping the fleet…")
	}
	out := make([]string, 0, p.height)
	head := " " + thousands(p.m.Counts.Total()) + " clusters by " + groupings()[p.by]
	if p.filter != "" {
		head += " · /" + humanize.OneLine(p.filter)
	}
	out = append(out, st.Header.Render(pad(head, p.width)))
	out = append(out, pad(" "+p.m.Legend(), p.width))
	end := min(p.offset+p.mapHeight(), len(p.layout.Lines))
	for i := p.offset; i < end; i++ {
		out = append(out, p.renderLine(p.layout.Lines[i]))
	}
	for len(out) < p.height-1 {
		out = append(out, "")
	}
	status := " no cluster matches"
	if c, ok := p.m.Cell(p.cursor); ok {
		status = " " + humanize.OneLine(c.Cluster) + "  " + c.Verdict.String()
		if c.Reason != "" {
			status += ": " + humanize.OneLine(c.Reason)
		}
	}
	out = append(out, pad(status, p.width))
	return strings.Join(out, "\n")
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
