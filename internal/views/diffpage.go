package views

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// diffMsg carries the diff fetched for a diff page, or why it could not be fetched.
type diffMsg struct {
	pageID int
	app    model.Ref
	result diff.Result
	err    error
}

// diffPage shows an app's diff (live → desired), one unified diff per modified resource, in a
// pane that scrolls both ways. When the diff cannot be fetched it says why and shows what is
// known without it: the app's out-of-sync resources and its live YAML.
type diffPage struct {
	id         int
	ref        model.Ref
	app        *model.App // nil once the app is gone from the fleet
	fleetGen   uint64
	loading    bool
	result     diff.Result
	err        error
	layout     diffLayout
	yaml       []string
	yamlErr    error
	yamlWait   bool // the live YAML is being fetched (error path)
	cancels    []context.CancelFunc
	width      int
	height     int
	scrollPage // the viewport, and Wheel/ActiveList/Lists
	keys       diffKeyMap
	env        *env
}

func newDiffPage(r row, e *env) *diffPage {
	p := &diffPage{id: e.nextID(), ref: r.ref, loading: true, keys: newDiffKeyMap(), env: e}
	p.app, _ = r.obj.(*model.App)
	p.pane = newPane(p.keys.scroll)
	p.pane.KeyMap.Left, p.pane.KeyMap.Right = p.keys.Left, p.keys.Right // diff lines do not wrap
	return p
}

// fetch returns the Cmd that fetches the diff of the page's app.
func (p *diffPage) fetch(b Backend) tea.Cmd {
	if p.app == nil {
		return send(diffMsg{pageID: p.id, app: p.ref, err: fmt.Errorf("%s %s is no longer in the fleet", p.ref.Kind, p.ref.Name)})
	}
	ctx, cancel := context.WithTimeout(context.Background(), diffTimeout)
	p.cancels = append(p.cancels, cancel)
	id, app := p.id, *p.app
	return func() tea.Msg {
		defer cancel()
		res, err := b.Diff(ctx, app)
		return diffMsg{pageID: id, app: app.Ref, result: res, err: err}
	}
}

// SetDiff takes the fetched diff; after an error it returns the Cmd that fetches the app's
// live YAML to show instead.
func (p *diffPage) SetDiff(msg diffMsg, b Backend) tea.Cmd {
	p.loading = false
	p.result, p.err = msg.result, msg.err
	var cmd tea.Cmd
	if p.err != nil {
		p.yamlWait = true
		ctx, cancel := context.WithTimeout(context.Background(), yamlTimeout)
		p.cancels = append(p.cancels, cancel)
		id, ref := p.id, p.ref
		cmd = func() tea.Msg {
			defer cancel()
			y, err := b.FetchYAML(ctx, ref)
			return yamlMsg{pageID: id, yaml: y, err: err}
		}
	} else {
		p.layout = layoutDiff(p.result, &p.env.st)
	}
	p.render()
	return cmd
}

// SetYAML takes the live YAML fetched after the diff failed.
func (p *diffPage) SetYAML(msg yamlMsg) {
	p.yamlWait = false
	p.yamlErr = msg.err
	p.yaml = strings.Split(strings.TrimRight(msg.yaml, "\n"), "\n")
	p.render()
}

// Loading implements loader.
func (p *diffPage) Loading() bool { return p.loading || p.yamlWait }

// Close implements closer: fetches still running are cancelled.
func (p *diffPage) Close() {
	for _, c := range p.cancels {
		c()
	}
}

// pageID implements routedPage.
func (p *diffPage) pageID() int { return p.id }

// SetObject implements objectFollower: the fallback view follows the app's resources.
func (p *diffPage) SetObject(msg objectMsg) {
	if msg.fleetGen < p.fleetGen {
		return
	}
	p.app, _ = msg.obj.(*model.App)
	if p.err != nil {
		p.render()
	}
}

// showsDiff reports whether the pane holds a fetched diff (not the loading or error text).
func (p *diffPage) showsDiff() bool { return !p.loading && p.err == nil }

// SetSize implements page.
func (p *diffPage) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	p.pane.SetWidth(p.width)
	p.pane.SetHeight(max(p.height-1, 0)) // below the header line
	p.render()
}

// Title implements page.
func (p *diffPage) Title() string {
	return p.ref.Cluster + " › " + p.ref.Kind + " " + joinNonEmpty("/", p.ref.Namespace, p.ref.Name) + " › diff"
}

// View implements page: the header line, then the pane.
func (p *diffPage) View() string {
	if p.height <= 0 {
		return ""
	}
	header := clip(p.header(), p.width)
	if p.height == 1 {
		return header
	}
	return header + "\n" + p.pane.View()
}

// header says which resource is at the top of the pane and where the diff came from.
func (p *diffPage) header() string {
	st := &p.env.st
	switch {
	case p.loading:
		return st.dim.Render(" fetching the diff…")
	case p.err != nil:
		return st.errorMsg.Render(" no diff") + st.dim.Render(" — showing the out-of-sync resources and the live YAML instead")
	}
	source := " · source: " + dash(humanize.OneLine(p.result.Source))
	n := len(p.layout.resources)
	if n == 0 {
		return st.header.Render(fmt.Sprintf(" no differences in %s", plural(len(p.result.Resources), "resource")) + source)
	}
	i := p.layout.resourceAt(p.pane.YOffset())
	return st.header.Render(fmt.Sprintf(" resource %d/%d · %s", i+1, n, humanize.OneLine(p.layout.titles[i]))) +
		st.dim.Render(source)
}

// KeyMap implements page: the diff keys only when there is a diff to move through.
func (p *diffPage) KeyMap() titledKeyMap {
	k := p.keys
	if !p.showsDiff() {
		return k.scroll
	}
	return keyGroups{k.scroll, keyGroup{title: "Diff", keys: []key.Binding{
		k.NextResource, k.PrevResource, k.NextHunk, k.PrevHunk, k.Left, k.Right, k.External}}}
}

// Show implements page: it follows the app into a newer fleet.
func (p *diffPage) Show(f *model.Fleet) tea.Cmd {
	if p.err != nil {
		p.render() // ages in the fallback move
	}
	return followObject(p.id, p.ref, &p.fleetGen, f)
}

// Subject implements subjectPage: the actions act on the app shown.
func (p *diffPage) Subject() (subject, bool) { return appSubject(p.app) }

// HandleKey implements page.
func (p *diffPage) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.keys
	diffKey := p.showsDiff()
	switch {
	case key.Matches(msg, k.scroll.Top):
		p.pane.GotoTop()
	case key.Matches(msg, k.scroll.Bottom):
		p.pane.GotoBottom()
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
			return writeDiffTrees(p.ref, p.result), true
		}
	default:
		var cmd tea.Cmd
		p.pane, cmd = p.pane.Update(msg)
		return cmd, true
	}
	return nil, true
}

// jump scrolls to the next (dir 1) or previous (dir -1) line of starts after or before the
// top line of the pane.
func (p *diffPage) jump(starts []int, dir int) {
	y := p.pane.YOffset()
	if dir > 0 {
		for _, s := range starts {
			if s > y {
				p.pane.SetYOffset(s)
				return
			}
		}
		return
	}
	for i := len(starts) - 1; i >= 0; i-- {
		if starts[i] < y {
			p.pane.SetYOffset(starts[i])
			return
		}
	}
}

// render fills the pane: the diff, unwrapped, padded so that the last resource can scroll to
// the top; or the loading or error text, wrapped.
func (p *diffPage) render() {
	if p.showsDiff() {
		p.pane.SoftWrap = false
		lines := p.layout.lines
		if n := len(p.layout.resources); n > 0 {
			if pad := p.layout.resources[n-1] + p.pane.Height() - len(lines); pad > 0 {
				lines = append(append([]string(nil), lines...), make([]string, pad)...)
			}
		}
		y := p.pane.YOffset()
		p.pane.SetContentLines(lines)
		p.pane.SetYOffset(y)
		return
	}
	p.pane.SoftWrap = true
	p.pane.SetXOffset(0)
	setPaneLines(&p.pane, p.fallbackLines())
}
