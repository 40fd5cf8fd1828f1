// Package contexts is the page of the kubeconfig's contexts (":ctx", as in k9s): NAME,
// CLUSTER, USER and NAMESPACE of each, the hub's current one marked, "/" filters, enter asks
// the root to move the dashboard to the chosen context's hub. The list is plain data the root
// reads through the backend in a Cmd; a kubeconfig holds tens of contexts, so filtering is
// done here, at once.
package contexts

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
)

// CurrentMark follows the name of the context the hub runs on now.
const CurrentMark = " (current)"

// row is one context on screen.
type row struct {
	name  string // the context's own name, switched to as is
	cells []string
}

func (r *row) RowKey() string      { return r.name }
func (r *row) RowCells() []string  { return r.cells }
func (r *row) RowTone() int        { return components.ToneNone }
func (r *row) RowSince() time.Time { return time.Time{} }
func (r *row) matches(f string) bool {
	return strings.Contains(strings.ToLower(strings.Join(r.cells, "\x00")), f)
}

// columns are the table's: the name takes the room left, the others go on a narrow terminal,
// the namespace first (a hub's context rarely sets one).
func columns() []components.Column {
	return []components.Column{
		{Title: "NAME", Flex: true, Min: 16},
		{Title: "CLUSTER", Flex: true, Min: 12, Drop: 1},
		{Title: "USER", Flex: true, Min: 12, Drop: 2},
		{Title: "NAMESPACE", Drop: 3},
	}
}

// keyMap holds the page's keys: the table's moves, switching and filtering.
type keyMap struct {
	table  components.TableKeyMap
	Switch key.Binding
}

// Page lists the kubeconfig's contexts.
type Page struct {
	id     int
	env    *pages.Env
	keys   keyMap
	table  components.Table[*row]
	all    []*row // every context, in name order
	list   pages.ContextList
	loaded bool
	err    error
	filter string
}

// New returns the contexts page; it asks for the kubeconfig's contexts when it opens (Start).
func New(e *pages.Env) *Page {
	p := &Page{id: e.NextID(), env: e}
	p.keys = keyMap{table: components.NewTableKeyMap(e.Keys),
		Switch: e.Keys.Bind("open", key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "switch the hub to this context")))}
	p.table = components.NewTable[*row](columns(), naturalWidths(nil), 0, p.keys.table, &e.Styles, e.Now)
	p.table.Empty = "reading the kubeconfig…"
	return p
}

// naturalWidths is each column's width in cells: its title (the NAME title with the sort
// arrow) or its widest cell.
func naturalWidths(rs []*row) []int {
	cols := columns()
	w := make([]int, len(cols))
	for i, c := range cols {
		w[i] = components.TextWidth(c.Title)
	}
	w[0]++ // the sort arrow
	for _, r := range rs {
		for i, c := range r.cells {
			w[i] = max(w[i], components.TextWidth(c))
		}
	}
	return w
}

// FleetFree implements pages.FleetFree: the contexts are shown without a fleet.
func (p *Page) FleetFree() {}

// Start implements pages.Starter: read the kubeconfig's contexts.
func (p *Page) Start() tea.Cmd { return pages.Send(pages.LoadContextsMsg{PageID: p.id}) }

// Owns implements pages.Page.
func (p *Page) Owns(id int) bool { return id == p.id }

// Receive implements pages.Page: the contexts read from the kubeconfig.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	m, ok := msg.(pages.ContextsMsg)
	if !ok {
		return nil
	}
	p.loaded, p.err, p.list = true, m.Err, m.List
	p.all = p.all[:0]
	for _, c := range m.List.Contexts {
		name := humanize.OneLine(c.Name)
		if c.Name == m.List.Current {
			name += CurrentMark
		}
		p.all = append(p.all, &row{name: c.Name, cells: []string{name,
			humanize.OneLine(c.Cluster), humanize.OneLine(c.User), humanize.OneLine(c.Namespace)}})
	}
	p.show(m.List.Current)
	return nil
}

// show puts the contexts that match the filter in the table, the cursor on the context named
// at (or where it was).
func (p *Page) show(at string) {
	f := strings.ToLower(p.filter)
	var shown []*row
	for _, r := range p.all {
		if f == "" || r.matches(f) {
			shown = append(shown, r)
		}
	}
	switch {
	case p.err != nil:
		p.table.Empty = "cannot read the kubeconfig: " + humanize.OneLine(p.err.Error())
	case len(p.all) == 0:
		p.table.Empty = "the kubeconfig has no contexts"
	default:
		p.table.Empty = fmt.Sprintf("no context matches %q", p.filter)
	}
	cursor := slices.IndexFunc(shown, func(r *row) bool { return r.name == at })
	p.table.SetRows(shown, naturalWidths(p.all), nil, max(cursor, 0))
}

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) { p.table.SetSize(w, h) }

// Title implements pages.Page.
func (p *Page) Title() string {
	n := "…"
	if p.loaded {
		n = fmt.Sprint(len(p.table.Rows()))
		if len(p.table.Rows()) != len(p.all) {
			n = fmt.Sprintf("%d of %d", len(p.table.Rows()), len(p.all))
		}
	}
	t := "Contexts (" + n + ")"
	if p.filter != "" {
		t += fmt.Sprintf(" · filter %q", p.filter)
	}
	return t + " · enter switches the hub"
}

// View implements pages.Page.
func (p *Page) View() string { return p.table.View() }

// KeyMap implements pages.Page.
func (p *Page) KeyMap() components.TitledKeyMap {
	k := p.keys.table
	return components.KeyGroups{
		components.KeyGroup{Title: "Move", Keys: []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}},
		components.KeyGroup{Title: "Contexts", Keys: []key.Binding{p.keys.Switch, k.Filter}},
	}
}

// Show implements pages.Page: the contexts do not depend on the fleet.
func (p *Page) Show(*model.Fleet) tea.Cmd { return nil }

// HandleKey implements pages.Page: moves, and enter to switch.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	if p.table.HandleKey(msg) {
		return nil
	}
	if key.Matches(msg, p.keys.Switch) {
		if r, ok := p.table.Selected(); ok {
			return pages.Send(pages.SwitchContextMsg{Name: r.name})
		}
	}
	return nil
}

// Wheel implements pages.Page.
func (p *Page) Wheel(n int) { p.table.MoveBy(n) }

// ActiveList implements pages.Page: the contexts are no fleet list ("/" filters them through
// pages.Filterer).
func (p *Page) ActiveList() *pages.List { return nil }

// Filter implements pages.Filterer.
func (p *Page) Filter() string { return p.filter }

// SetFilter implements pages.Filterer: the contexts are filtered at once.
func (p *Page) SetFilter(s string) tea.Cmd {
	if s == p.filter {
		return nil
	}
	p.filter = s
	p.show(p.table.SelectedKey())
	return nil
}
