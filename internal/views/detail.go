package views

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// yamlMsg carries the YAML fetched for a detail page, or the error that stopped it.
type yamlMsg struct {
	pageID int
	yaml   string
	err    error
}

// objectMsg carries a detail page's object as found again in a newer fleet (nil: gone).
type objectMsg struct {
	pageID   int
	fleetGen uint64
	obj      any
}

// detailPage shows one object: key fields, conditions, then its YAML, all in one scrollable
// pane. The YAML is fetched once when the page opens; the fields follow each new fleet.
type detailPage struct {
	id         int
	ref        model.Ref
	obj        any
	fleetGen   uint64
	yaml       []string
	yamlErr    error
	loading    bool
	cancel     context.CancelFunc
	scrollPage // the viewport, and Wheel/ActiveList/Lists
	keys       scrollKeyMap
	env        *env
}

func newDetailPage(r row, e *env) *detailPage {
	p := &detailPage{id: e.nextID(), ref: r.ref, obj: r.obj, loading: true, keys: newScrollKeyMap(), env: e}
	p.pane = newPane(p.keys)
	return p
}

// fetch returns the Cmd that loads the YAML; the page keeps the cancel func for Close.
func (p *detailPage) fetch(b Backend) tea.Cmd {
	ctx, cancel := context.WithTimeout(context.Background(), yamlTimeout)
	p.cancel = cancel
	id, ref := p.id, p.ref
	return func() tea.Msg {
		defer cancel()
		y, err := b.FetchYAML(ctx, ref)
		return yamlMsg{pageID: id, yaml: y, err: err}
	}
}

// Loading implements loader.
func (p *detailPage) Loading() bool { return p.loading }

// Close cancels a fetch still running when the page is left.
func (p *detailPage) Close() {
	if p.cancel != nil {
		p.cancel()
	}
}

// SetYAML takes the fetch result.
func (p *detailPage) SetYAML(msg yamlMsg) {
	p.loading = false
	p.yamlErr = msg.err
	p.yaml = strings.Split(strings.TrimRight(msg.yaml, "\n"), "\n")
	p.render()
}

// SetObject takes the object found again in a newer fleet.
func (p *detailPage) SetObject(msg objectMsg) {
	if msg.fleetGen < p.fleetGen {
		return
	}
	p.obj = msg.obj
	p.render()
}

// SetSize implements page.
func (p *detailPage) SetSize(w, h int) {
	p.pane.SetWidth(max(w, 0))
	p.pane.SetHeight(max(h, 0))
	p.render()
}

// Title implements page.
func (p *detailPage) Title() string {
	name := joinNonEmpty("/", p.ref.Namespace, p.ref.Name)
	return p.ref.Cluster + " › " + p.ref.Kind + " " + name
}

// View implements page.
func (p *detailPage) View() string { return p.pane.View() }

// KeyMap implements page.
func (p *detailPage) KeyMap() titledKeyMap { return p.keys }

// Show implements page: it redraws (ages move) and looks the object up in a newer fleet.
func (p *detailPage) Show(f *model.Fleet) tea.Cmd {
	p.render()
	return followObject(p.id, p.ref, &p.fleetGen, f)
}

// pageID implements routedPage.
func (p *detailPage) pageID() int { return p.id }

// HandleKey implements page.
func (p *detailPage) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, p.keys.Top):
		p.pane.GotoTop()
	case key.Matches(msg, p.keys.Bottom):
		p.pane.GotoBottom()
	default:
		var cmd tea.Cmd
		p.pane, cmd = p.pane.Update(msg)
		return cmd, true
	}
	return nil, true
}

// render rebuilds the pane's content, keeping the scroll position.
func (p *detailPage) render() {
	st := &p.env.st
	now := p.env.now()
	facts, conds, extra := objectFacts(p.obj, now)
	lines := alignRows(facts)
	if len(extra) > 0 {
		lines = append(lines, "", st.section.Render("Resources not synced or not healthy"))
		lines = append(lines, extra...)
	}
	if _, isApp := p.obj.(*model.App); len(conds) > 0 || !isApp {
		lines = append(lines, "", st.section.Render("Conditions"))
		lines = append(lines, conditionTable(conds, now)...)
	}
	lines = append(lines, "", st.section.Render("YAML"))
	switch {
	case p.loading:
		lines = append(lines, st.dim.Render(" loading…"))
	case p.yamlErr != nil:
		lines = append(lines, st.errorMsg.Render(" could not fetch YAML: "+humanize.Sanitize(p.yamlErr.Error())))
	default:
		for _, l := range p.yaml {
			lines = append(lines, " "+humanize.Sanitize(strings.ReplaceAll(l, "\t", "  ")))
		}
	}
	setPaneLines(&p.pane, lines)
}
