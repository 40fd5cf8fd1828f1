// Package cluster is the page of one cluster: a tab per object kind (a list of that kind on
// the cluster, with the hub apps that deploy to it) and a Conditions tab (its sources'
// states and the hub's ManagedCluster record). A new list tab is a kind in tabKinds.
package cluster

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// tabKinds are the list tabs of a cluster page, in order; the Conditions tab follows them.
func tabKinds() []rows.Kind {
	return []rows.Kind{rows.KindApps, rows.KindSecrets, rows.KindStores, rows.KindVolumes, rows.KindNodes, rows.KindPolicies}
}

// Page shows one cluster: a tab per object kind and a Conditions tab.
type Page struct {
	name          string
	lists         []*pages.List
	conditionsTab int // index of the Conditions tab, after the lists
	active        int
	conditions    viewport.Model
	snap          *model.ClusterSnapshot
	fleet         *model.Fleet
	width         int
	height        int
	keys          components.TabKeyMap
	scroll        components.ScrollKeyMap
	env           *pages.Env
}

// New returns the page of the named cluster, on its first tab.
func New(name string, e *pages.Env) *Page {
	p := &Page{name: name, keys: components.NewTabKeyMap(e.Keys), scroll: components.NewScrollKeyMap(e.Keys), env: e}
	for _, k := range tabKinds() {
		p.lists = append(p.lists, pages.NewList(k, name, e))
	}
	p.conditionsTab = len(p.lists)
	p.conditions = components.NewPane(p.scroll)
	return p
}

// Name is the cluster's name.
func (p *Page) Name() string { return p.name }

// Active is the index of the tab shown.
func (p *Page) Active() int { return p.active }

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) {
	p.width, p.height = w, h
	p.layout()
}

// layout sizes the active pane below the tab line and the notice, if any.
func (p *Page) layout() {
	h := max(p.height-1-len(p.noticeLines()), 0)
	for _, l := range p.lists {
		l.SetSize(p.width, h)
	}
	p.conditions.SetWidth(p.width)
	p.conditions.SetHeight(max(p.height-1, 0))
}

// Title implements pages.Page.
func (p *Page) Title() string {
	if l := p.ActiveList(); l != nil {
		return p.name + " › " + l.Kind().Title() + " " + l.Describe()
	}
	return p.name + " › Conditions"
}

// ActiveList implements pages.Page.
func (p *Page) ActiveList() *pages.List {
	if p.active < len(p.lists) {
		return p.lists[p.active]
	}
	return nil
}

// Owns implements pages.Page: the row builds of every tab's list.
func (p *Page) Owns(id int) bool {
	for _, l := range p.lists {
		if l.ID() == id {
			return true
		}
	}
	return false
}

// Receive implements pages.Page.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	m, ok := msg.(pages.RowsMsg)
	if !ok {
		return nil
	}
	for _, l := range p.lists {
		if l.ID() == m.ListID {
			return l.Apply(m)
		}
	}
	return nil
}

// Subject implements pages.SubjectPage: the cursor row of the Apps or Secrets tab.
func (p *Page) Subject() (pages.Subject, bool) { return pages.ListSubject(p.ActiveList()) }

// KeyMap implements pages.Page.
func (p *Page) KeyMap() components.TitledKeyMap {
	if l := p.ActiveList(); l != nil {
		return components.KeyGroups{p.keys, l.Table().KeyMap()}
	}
	return components.KeyGroups{p.keys, p.scroll}
}

// Show implements pages.Page.
func (p *Page) Show(f *model.Fleet) tea.Cmd {
	p.fleet = f
	p.snap = f.Cluster(p.name)
	p.layout()
	if p.active == p.conditionsTab {
		components.SetPaneLines(&p.conditions, conditionLines(p.snap, p.name, &p.env.Styles, p.env.Now(), p.width))
		return nil
	}
	return p.lists[p.active].Refresh(f)
}

// HandleKey implements pages.Page.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	tabs := p.conditionsTab + 1
	switch {
	case key.Matches(msg, p.keys.Next):
		return p.switchTab((p.active + 1) % tabs)
	case key.Matches(msg, p.keys.Prev):
		return p.switchTab((p.active + tabs - 1) % tabs)
	case key.Matches(msg, p.keys.Jump):
		return p.switchTab(int(msg.String()[0] - '1'))
	}
	if l := p.ActiveList(); l != nil {
		if key.Matches(msg, l.Table().KeyMap().Open) {
			return l.OpenRow()
		}
		cmd, _ := l.HandleKey(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, p.scroll.Top):
		p.conditions.GotoTop()
	case key.Matches(msg, p.scroll.Bottom):
		p.conditions.GotoBottom()
	default:
		var cmd tea.Cmd
		p.conditions, cmd = p.conditions.Update(msg)
		return cmd
	}
	return nil
}

func (p *Page) switchTab(i int) tea.Cmd {
	p.active = max(min(i, p.conditionsTab), 0)
	return p.Show(p.fleet)
}

// Wheel implements pages.Page.
func (p *Page) Wheel(n int) {
	if l := p.ActiveList(); l != nil {
		l.Wheel(n)
		return
	}
	if n < 0 {
		p.conditions.ScrollUp(-n)
	} else {
		p.conditions.ScrollDown(n)
	}
}

// notice explains a missing or partial tab (product not installed, no access …), or "".
func (p *Page) notice() string {
	if p.snap == nil {
		if p.fleet == nil {
			return ""
		}
		return p.name + " is no longer in the fleet"
	}
	l := p.ActiveList()
	if l == nil {
		return ""
	}
	if l.Kind() == rows.KindPolicies {
		return rows.PolicySourceNotice(p.snap.PolicySource, p.env.Now())
	}
	prod := l.Kind().Product()
	return rows.SourceNotice(prod, p.name, p.snap.Sources[prod], p.env.Now())
}

// noticeLines wraps the notice to the page width: at most two lines, and only when the
// page has room for them below the tabs.
func (p *Page) noticeLines() []string {
	return components.NoticeLines(p.notice(), p.width, p.height, &p.env.Styles)
}

// View implements pages.Page.
func (p *Page) View() string {
	if p.height <= 0 || p.width <= 0 {
		return ""
	}
	parts := []string{components.Clip(p.tabLine(), p.width)}
	notice := p.noticeLines()
	parts = append(parts, notice...)
	if l := p.ActiveList(); l != nil {
		if len(notice) > 0 && l.Loaded() && l.Total() == 0 {
			return strings.Join(parts, "\n") // nothing to list: the notice says why
		}
		parts = append(parts, l.View())
	} else {
		parts = append(parts, p.conditions.View())
	}
	return strings.Join(parts, "\n")
}
