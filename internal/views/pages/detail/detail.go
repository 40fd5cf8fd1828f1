// Package detail is the page of one object: its key fields and conditions, which follow
// each new fleet, and its YAML, fetched once (through the root) when the page opens, all in
// one scrollable pane.
package detail

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Page shows one object: key fields, conditions, then its YAML.
type Page struct {
	id               int
	ref              model.Ref
	obj              any
	fleetGen         uint64
	yaml             []string
	yamlErr          error
	loading          bool
	pages.ScrollPage // the viewport, and Wheel/ActiveList
	keys             components.ScrollKeyMap
	env              *pages.Env
	// viaView is set when the object's cluster has no API server path of its own: its YAML
	// comes through a ManagedClusterView on the hub.
	viaView bool
}

// New returns the detail page of the object of row r.
func New(r rows.Row, e *pages.Env) *Page {
	p := &Page{id: e.NextID(), ref: r.Ref, obj: r.Obj, loading: true, keys: components.NewScrollKeyMap(e.Keys), env: e}
	p.Pane = components.NewPane(p.keys)
	return p
}

// Ref is the object shown.
func (p *Page) Ref() model.Ref { return p.ref }

// Object is the object as of the newest fleet (nil once it is gone).
func (p *Page) Object() any { return p.obj }

// Start implements pages.Starter: ask the root for the YAML.
func (p *Page) Start() tea.Cmd { return pages.Send(pages.FetchYAMLMsg{PageID: p.id, Ref: p.ref}) }

// Loading implements pages.Loader.
func (p *Page) Loading() bool { return p.loading }

// Owns implements pages.Page.
func (p *Page) Owns(id int) bool { return id == p.id }

// Receive implements pages.Page: the YAML, and the object found again in a newer fleet.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	switch msg := msg.(type) {
	case pages.YAMLMsg:
		p.loading = false
		p.yamlErr = msg.Err
		p.yaml = strings.Split(strings.TrimRight(msg.YAML, "\n"), "\n")
		p.render()
		if msg.Err != nil {
			return pages.Send(pages.NotifyMsg{IsError: true,
				Text: "could not fetch " + p.ref.Kind + " " + p.ref.Name + ": " + humanize.Sanitize(msg.Err.Error())})
		}
	case pages.ObjectMsg:
		if msg.FleetGen < p.fleetGen {
			return nil
		}
		p.obj = msg.Obj
		p.render()
	}
	return nil
}

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) {
	p.Pane.SetWidth(max(w, 0))
	p.Pane.SetHeight(max(h, 0))
	p.render()
}

// Subject implements pages.SubjectPage: on an app's detail page s, r, R, d and D act on the
// app, on an ExternalSecret's f force-syncs it, as from their rows in a list.
func (p *Page) Subject() (pages.Subject, bool) { return pages.ObjectSubject(p.obj) }

// Title implements pages.Page.
func (p *Page) Title() string {
	name := rows.JoinNonEmpty("/", p.ref.Namespace, p.ref.Name)
	return p.ref.Cluster + " › " + p.ref.Kind + " " + name
}

// View implements pages.Page.
func (p *Page) View() string { return p.Pane.View() }

// KeyMap implements pages.Page.
func (p *Page) KeyMap() components.TitledKeyMap { return p.keys }

// Show implements pages.Page: it redraws (ages move) and looks the object up in a newer fleet.
func (p *Page) Show(f *model.Fleet) tea.Cmd {
	if c := f.Cluster(p.ref.Cluster); c != nil {
		p.viaView = !c.Hub && !c.Access.Watched() && c.Access != ""
	}
	p.render()
	return pages.FollowObject(p.id, p.ref, &p.fleetGen, f)
}

// HandleKey implements pages.Page.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Top):
		p.Pane.GotoTop()
	case key.Matches(msg, p.keys.Bottom):
		p.Pane.GotoBottom()
	default:
		var cmd tea.Cmd
		p.Pane, cmd = p.Pane.Update(msg)
		return cmd
	}
	return nil
}

// render rebuilds the pane's content, keeping the scroll position.
func (p *Page) render() {
	st := &p.env.Styles
	now := p.env.Now()
	facts, conds, extra := objectFacts(p.obj, now)
	lines := rows.AlignRows(facts)
	if v, ok := p.obj.(*model.Volume); ok && v.SDK != nil {
		lines = append(lines, "", st.Section.Render("Portworx volume (as pxctl volume inspect)"))
		lines = append(lines, pxctlLines(v.SDK)...)
	}
	if len(extra) > 0 {
		lines = append(lines, "", st.Section.Render(extraTitle(p.obj)))
		lines = append(lines, extra...)
	}
	if _, isApp := p.obj.(*model.App); (len(conds) > 0 || !isApp) && !isPolicy(p.obj) {
		lines = append(lines, "", st.Section.Render("Conditions"))
		lines = append(lines, rows.ConditionTable(conds, now, p.Pane.Width())...)
	}
	if p.viaView {
		lines = append(lines, "", st.Section.Render("YAML (through a ManagedClusterView on the hub)"))
	} else {
		lines = append(lines, "", st.Section.Render("YAML"))
	}
	switch {
	case p.loading && p.viaView:
		lines = append(lines, st.Dim.Render(" waiting for the cluster's work agent to answer the ManagedClusterView…"))
	case p.loading:
		lines = append(lines, st.Dim.Render(" loading…"))
	case p.yamlErr != nil:
		lines = append(lines, st.ErrorMsg.Render(" could not fetch YAML: "+humanize.Sanitize(p.yamlErr.Error())))
	default:
		for _, l := range p.yaml {
			lines = append(lines, " "+humanize.Sanitize(strings.ReplaceAll(l, "\t", "  ")))
		}
	}
	components.SetPaneLines(&p.Pane, lines)
}
