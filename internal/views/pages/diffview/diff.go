// Package diffview is the page of an app's diff (live → desired): one unified diff per
// modified resource in a pane that scrolls both ways, with keys to jump between resources and
// hunks and to open an external diff tool. When the diff cannot be fetched it says why and
// shows what is known without it: the app's out-of-sync resources and its live YAML. It asks
// the root for the diff and the YAML with messages.
package diffview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Page shows an app's diff, or why there is none.
type Page struct {
	id               int
	ref              model.Ref
	app              *model.App // nil once the app is gone from the fleet
	fleetGen         uint64
	loading          bool
	result           diff.Result
	err              error
	layout           diffLayout
	yaml             []string
	yamlErr          error
	yamlWait         bool // the live YAML is being fetched (error path)
	width            int
	height           int
	pages.ScrollPage // the viewport, and Wheel/ActiveList
	keys             diffKeyMap
	env              *pages.Env
}

// New returns the diff page of the app of row r; Start asks for the diff.
func New(r rows.Row, e *pages.Env) *Page {
	p := &Page{id: e.NextID(), ref: r.Ref, loading: true, keys: newDiffKeyMap(e.Keys), env: e}
	p.app, _ = r.Obj.(*model.App)
	p.Pane = components.NewPane(p.keys.scroll)
	p.Pane.KeyMap.Left, p.Pane.KeyMap.Right = p.keys.Left, p.keys.Right // diff lines do not wrap
	return p
}

// Start implements pages.Starter: ask the root for the diff of the page's app.
func (p *Page) Start() tea.Cmd {
	if p.app == nil {
		return pages.Send(pages.DiffMsg{PageID: p.id, App: p.ref, Err: fmt.Errorf("%s %s is no longer in the fleet", p.ref.Kind, p.ref.Name)})
	}
	return pages.Send(pages.FetchDiffMsg{PageID: p.id, App: *p.app})
}

// Owns implements pages.Page.
func (p *Page) Owns(id int) bool { return id == p.id }

// Receive implements pages.Page: the diff, the live YAML fetched after the diff failed, and
// the app found again in a newer fleet.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	switch msg := msg.(type) {
	case pages.DiffMsg:
		return p.setDiff(msg)
	case pages.YAMLMsg:
		p.yamlWait = false
		p.yamlErr = msg.Err
		p.yaml = strings.Split(strings.TrimRight(msg.YAML, "\n"), "\n")
		p.render()
	case pages.ObjectMsg:
		if msg.FleetGen < p.fleetGen {
			return nil
		}
		p.app, _ = msg.Obj.(*model.App)
		if p.err != nil { // the fallback view follows the app's resources
			p.render()
		}
	}
	return nil
}

// setDiff takes the fetched diff; after an error it asks for the app's live YAML to show
// instead.
func (p *Page) setDiff(msg pages.DiffMsg) tea.Cmd {
	p.loading = false
	p.result, p.err = msg.Result, msg.Err
	var cmd tea.Cmd
	if p.err != nil {
		p.yamlWait = true
		cmd = pages.Send(pages.FetchYAMLMsg{PageID: p.id, Ref: p.ref})
	} else {
		p.layout = layoutDiff(p.result, &p.env.Styles)
	}
	p.render()
	return cmd
}

// Loading implements pages.Loader.
func (p *Page) Loading() bool { return p.loading || p.yamlWait }

// Offset is the top line of the pane.
func (p *Page) Offset() int { return p.Pane.YOffset() }

// ResourceStarts and HunkStarts are the first lines of each modified resource and hunk.
func (p *Page) ResourceStarts() []int { return p.layout.resources }

// HunkStarts is the line of every "@@" of the diff.
func (p *Page) HunkStarts() []int { return p.layout.hunks }

// showsDiff reports whether the pane holds a fetched diff (not the loading or error text).
func (p *Page) showsDiff() bool { return !p.loading && p.err == nil }

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	p.Pane.SetWidth(p.width)
	p.Pane.SetHeight(max(p.height-1, 0)) // below the header line
	p.render()
}

// Title implements pages.Page.
func (p *Page) Title() string {
	return p.ref.Cluster + " › " + p.ref.Kind + " " + rows.JoinNonEmpty("/", p.ref.Namespace, p.ref.Name) + " › diff"
}

// View implements pages.Page: the header line, then the pane.
func (p *Page) View() string {
	if p.height <= 0 {
		return ""
	}
	header := components.Clip(p.header(), p.width)
	if p.height == 1 {
		return header
	}
	return header + "\n" + p.Pane.View()
}

// header says which resource is at the top of the pane and where the diff came from.
func (p *Page) header() string {
	st := &p.env.Styles
	switch {
	case p.loading:
		return st.Dim.Render(" fetching the diff…")
	case p.err != nil:
		return st.ErrorMsg.Render(" no diff") + st.Dim.Render(" — showing the out-of-sync resources and the live YAML instead")
	}
	source := " · source: " + rows.Dash(humanize.OneLine(p.result.Source))
	n := len(p.layout.resources)
	if n == 0 {
		return st.Header.Render(fmt.Sprintf(" no differences in %s", components.Plural(len(p.result.Resources), "resource")) + source)
	}
	i := p.layout.resourceAt(p.Pane.YOffset())
	if p.Pane.YOffset() == p.layout.resources[i] {
		// The resource's own title line is the pane's first line: saying it here too would
		// print the same title twice.
		return st.Header.Render(fmt.Sprintf(" %s differ", components.Plural(n, "resource"))) + st.Dim.Render(source)
	}
	return st.Header.Render(fmt.Sprintf(" resource %d/%d · %s", i+1, n, humanize.OneLine(p.layout.titles[i]))) +
		st.Dim.Render(source)
}

// KeyMap implements pages.Page: the diff keys only when there is a diff to move through.
func (p *Page) KeyMap() components.TitledKeyMap {
	k := p.keys
	if !p.showsDiff() {
		return k.scroll
	}
	return components.KeyGroups{k.scroll, components.KeyGroup{Title: "Diff", Keys: []key.Binding{
		k.NextResource, k.PrevResource, k.NextHunk, k.PrevHunk, k.Left, k.Right, k.External}}}
}

// Show implements pages.Page: it follows the app into a newer fleet.
func (p *Page) Show(f *model.Fleet) tea.Cmd {
	if p.err != nil {
		p.render() // ages in the fallback move
	}
	return pages.FollowObject(p.id, p.ref, &p.fleetGen, f)
}

// Subject implements pages.SubjectPage: the actions act on the app shown.
func (p *Page) Subject() (pages.Subject, bool) { return pages.AppSubject(p.app) }

// HandleKey implements pages.Page.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	diffKey := p.showsDiff()
	switch {
	case key.Matches(msg, k.scroll.Top):
		p.Pane.GotoTop()
	case key.Matches(msg, k.scroll.Bottom):
		p.Pane.GotoBottom()
	case diffKey && key.Matches(msg, k.NextResource):
		p.jump(p.layout.resources, 1)
	case diffKey && key.Matches(msg, k.PrevResource):
		p.jump(p.layout.resources, -1)
	case diffKey && key.Matches(msg, k.NextHunk):
		p.jump(p.layout.hunks, 1)
	case diffKey && key.Matches(msg, k.PrevHunk):
		p.jump(p.layout.hunks, -1)
	case diffKey && key.Matches(msg, k.External):
		if len(p.layout.resources) > 0 {
			return writeDiffTrees(p.ref, p.result)
		}
	default:
		var cmd tea.Cmd
		p.Pane, cmd = p.Pane.Update(msg)
		return cmd
	}
	return nil
}

// jump scrolls to the next (dir 1) or previous (dir -1) line of starts after or before the
// top line of the pane.
func (p *Page) jump(starts []int, dir int) {
	y := p.Pane.YOffset()
	if dir > 0 {
		for _, s := range starts {
			if s > y {
				p.Pane.SetYOffset(s)
				return
			}
		}
		return
	}
	for i := len(starts) - 1; i >= 0; i-- {
		if starts[i] < y {
			p.Pane.SetYOffset(starts[i])
			return
		}
	}
}

// render fills the pane: the diff, unwrapped, padded so that the last resource can scroll to
// the top; or the loading or error text, wrapped.
func (p *Page) render() {
	if p.showsDiff() {
		p.Pane.SoftWrap = false
		lines := p.layout.lines
		if n := len(p.layout.resources); n > 0 {
			if pad := p.layout.resources[n-1] + p.Pane.Height() - len(lines); pad > 0 {
				lines = append(append([]string(nil), lines...), make([]string, pad)...)
			}
		}
		y := p.Pane.YOffset()
		p.Pane.SetContentLines(lines)
		p.Pane.SetYOffset(y)
		return
	}
	p.Pane.SoftWrap = true
	p.Pane.SetXOffset(0)
	components.SetPaneLines(&p.Pane, p.fallbackLines())
}
