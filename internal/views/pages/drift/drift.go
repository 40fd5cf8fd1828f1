// Package drift is the page that shows why one app drifted: sync and health, revisions
// against the target revision, the last sync operation with its per-resource results, the
// conditions, the managed resources (out of sync first) and the recent history, in one
// scrollable pane. It follows the app into every new fleet, so a running sync is seen to
// finish; D asks the root for the app's diff page.
package drift

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Page shows why one app drifted.
type Page struct {
	id               int
	ref              model.Ref
	app              *model.App // nil once the app is gone from the fleet
	fleetGen         uint64
	pages.ScrollPage // the viewport, and Wheel/ActiveList
	keys             keyMap
	env              *pages.Env
}

// keyMap holds the drift page's keys: scrolling, and opening the diff.
type keyMap struct {
	scroll components.ScrollKeyMap
	Diff   key.Binding
}

// New returns the drift page of the app of row r.
func New(r rows.Row, e *pages.Env) *Page {
	p := &Page{id: e.NextID(), ref: r.Ref, env: e, keys: keyMap{
		scroll: components.NewScrollKeyMap(e.Keys),
		Diff:   pages.DiffKey(e.Keys),
	}}
	p.app, _ = r.Obj.(*model.App)
	p.Pane = components.NewPane(p.keys.scroll)
	return p
}

// Owns implements pages.Page.
func (p *Page) Owns(id int) bool { return id == p.id }

// Receive implements pages.Page: the app found again in a newer fleet.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	m, ok := msg.(pages.ObjectMsg)
	if !ok || m.FleetGen < p.fleetGen {
		return nil
	}
	p.app, _ = m.Obj.(*model.App)
	p.render()
	return nil
}

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) {
	p.Pane.SetWidth(max(w, 0))
	p.Pane.SetHeight(max(h, 0))
	p.render()
}

// Title implements pages.Page.
func (p *Page) Title() string {
	return p.ref.Cluster + " › " + p.ref.Kind + " " + rows.JoinNonEmpty("/", p.ref.Namespace, p.ref.Name) + " › drift"
}

// View implements pages.Page.
func (p *Page) View() string { return p.Pane.View() }

// KeyMap implements pages.Page.
func (p *Page) KeyMap() components.TitledKeyMap {
	return components.KeyGroups{p.keys.scroll, components.KeyGroup{Title: "Inspect app", Keys: []key.Binding{p.keys.Diff}}}
}

// Show implements pages.Page: it redraws (ages move) and follows the app into a newer fleet.
func (p *Page) Show(f *model.Fleet) tea.Cmd {
	p.render()
	return pages.FollowObject(p.id, p.ref, &p.fleetGen, f)
}

// Subject implements pages.SubjectPage: the actions act on the app shown.
func (p *Page) Subject() (pages.Subject, bool) { return pages.AppSubject(p.app) }

// HandleKey implements pages.Page.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Diff):
		if s, ok := p.Subject(); ok {
			return pages.Send(pages.OpenDiffMsg{Row: s.Row})
		}
	case key.Matches(msg, p.keys.scroll.Top):
		p.Pane.GotoTop()
	case key.Matches(msg, p.keys.scroll.Bottom):
		p.Pane.GotoBottom()
	default:
		var cmd tea.Cmd
		p.Pane, cmd = p.Pane.Update(msg)
		return cmd
	}
	return nil
}

// render rebuilds the pane from the app, keeping the scroll position.
func (p *Page) render() {
	components.SetPaneLines(&p.Pane, driftLines(p.app, &p.env.Styles, p.env.Now(), p.Pane.Width()))
}
