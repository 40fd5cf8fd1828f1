package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
)

// driftPage shows why one app drifted: sync and health, revisions against the target
// revision, the last sync operation with its per-resource results, the conditions, the
// managed resources (out of sync first) and the recent history, in one scrollable pane. It
// follows the app into every new fleet, so a running sync is seen to finish.
type driftPage struct {
	id         int
	ref        model.Ref
	app        *model.App // nil once the app is gone from the fleet
	fleetGen   uint64
	scrollPage // the viewport, and Wheel/ActiveList/Lists
	keys       driftKeyMap
	env        *env
}

// driftKeyMap holds the drift page's keys: scrolling, and opening the diff.
type driftKeyMap struct {
	scroll scrollKeyMap
	Diff   key.Binding
}

func newDriftPage(r row, e *env) *driftPage {
	p := &driftPage{id: e.nextID(), ref: r.ref, env: e, keys: driftKeyMap{
		scroll: newScrollKeyMap(),
		Diff:   newActionKeyMap().Diff,
	}}
	p.app, _ = r.obj.(*model.App)
	p.pane = newPane(p.keys.scroll)
	return p
}

// pageID implements routedPage.
func (p *driftPage) pageID() int { return p.id }

// SetObject implements objectFollower.
func (p *driftPage) SetObject(msg objectMsg) {
	if msg.fleetGen < p.fleetGen {
		return
	}
	p.app, _ = msg.obj.(*model.App)
	p.render()
}

// SetSize implements page.
func (p *driftPage) SetSize(w, h int) {
	p.pane.SetWidth(max(w, 0))
	p.pane.SetHeight(max(h, 0))
	p.render()
}

// Title implements page.
func (p *driftPage) Title() string {
	return p.ref.Cluster + " › " + p.ref.Kind + " " + joinNonEmpty("/", p.ref.Namespace, p.ref.Name) + " › drift"
}

// View implements page.
func (p *driftPage) View() string { return p.pane.View() }

// KeyMap implements page.
func (p *driftPage) KeyMap() titledKeyMap {
	return keyGroups{p.keys.scroll, keyGroup{title: "Inspect app", keys: []key.Binding{p.keys.Diff}}}
}

// Show implements page: it redraws (ages move) and follows the app into a newer fleet.
func (p *driftPage) Show(f *model.Fleet) tea.Cmd {
	p.render()
	return followObject(p.id, p.ref, &p.fleetGen, f)
}

// Subject implements subjectPage: the actions act on the app shown.
func (p *driftPage) Subject() (subject, bool) { return appSubject(p.app) }

// appSubject makes an app the subject of the action keys on a page showing one app.
func appSubject(a *model.App) (subject, bool) {
	if a == nil {
		return subject{}, false
	}
	return subject{row: row{key: objectKey(&a.Meta), ref: a.Ref, obj: a, verdict: a.Health.Verdict}, kind: kindApps}, true
}

// HandleKey implements page.
func (p *driftPage) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, p.keys.Diff):
		if s, ok := p.Subject(); ok {
			return send(openDiffMsg{row: s.row}), true
		}
	case key.Matches(msg, p.keys.scroll.Top):
		p.pane.GotoTop()
	case key.Matches(msg, p.keys.scroll.Bottom):
		p.pane.GotoBottom()
	default:
		var cmd tea.Cmd
		p.pane, cmd = p.pane.Update(msg)
		return cmd, true
	}
	return nil, true
}

// render rebuilds the pane from the app, keeping the scroll position.
func (p *driftPage) render() {
	setPaneLines(&p.pane, driftLines(p.app, &p.env.st, p.env.now()))
}
