// Package triage is the Triage page (":triage"): the fleet's root causes, ranked (verdict,
// blast radius, age), each expanding to the tree of problems it explains, grouped by cluster.
// The cause graph (internal/causes) is built in a tea.Cmd for every new fleet, incrementally
// (a causes.Builder per page); Update and View only lay out the causes and the expanded trees.
package triage

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// GraphMsg carries a cause graph built for the page with id PageID from fleet FleetGen.
type GraphMsg struct {
	PageID   int
	FleetGen uint64
	Graph    *causes.Graph
}

// RouteID implements pages.Routed.
func (m GraphMsg) RouteID() int { return m.PageID }

// Page is the Triage page.
type Page struct {
	id       int
	env      *pages.Env
	keys     keyMap
	builder  *causes.Builder // used by one build Cmd at a time
	building bool
	pending  *model.Fleet // a fleet that arrived during a build
	fleet    *model.Fleet
	graph    *causes.Graph
	expanded map[string]bool // by root ID
	lines    []line
	cursor   int // index in lines; always a selectable line when there is one
	offset   int
	width    int
	height   int
}

// New returns the Triage page.
func New(e *pages.Env) *Page {
	return &Page{id: e.NextID(), env: e, keys: newKeyMap(), builder: causes.NewBuilder(), expanded: map[string]bool{}}
}

// Owns implements pages.Page.
func (p *Page) Owns(id int) bool { return id == p.id }

// Show implements pages.Page: a new fleet starts a build of its graph, one at a time.
func (p *Page) Show(f *model.Fleet) tea.Cmd {
	if f == nil || (p.fleet != nil && f.Generation <= p.fleet.Generation) || (p.pending != nil && f.Generation <= p.pending.Generation) {
		return nil
	}
	if p.building {
		p.pending = f
		return nil
	}
	return p.build(f)
}

func (p *Page) build(f *model.Fleet) tea.Cmd {
	p.building, p.pending = true, nil
	p.fleet = f
	id, b := p.id, p.builder
	return func() tea.Msg { return GraphMsg{PageID: id, FleetGen: f.Generation, Graph: b.Build(f)} }
}

// Receive implements pages.Page: a finished graph replaces the shown one.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	m, ok := msg.(GraphMsg)
	if !ok {
		return nil
	}
	p.building = false
	key := p.cursorKey()
	p.graph = m.Graph
	p.relayout(key)
	if p.pending != nil {
		return p.build(p.pending)
	}
	return nil
}

// cursorKey names what the cursor is on, to find it again in a new layout.
func (p *Page) cursorKey() string {
	if p.graph == nil || p.cursor >= len(p.lines) {
		return ""
	}
	l := &p.lines[p.cursor]
	key := p.graph.Root(l.cause).ID
	if l.kind == lineObject {
		key += "\x00" + p.graph.Nodes[l.node].ID
	}
	return key
}

// relayout rebuilds the lines and puts the cursor back on key (else the nearest line).
func (p *Page) relayout(key string) {
	if p.graph == nil {
		return
	}
	old := p.cursor
	p.lines = buildLines(p.graph, p.expanded, p.env.Now())
	p.cursor = -1
	for i := range p.lines {
		if p.lines[i].selectable() && p.keyOf(i) == key {
			p.cursor = i
			break
		}
	}
	if p.cursor < 0 {
		p.cursor = min(old, max(len(p.lines)-1, 0))
		p.moveTo(p.cursor, -1)
	}
	p.scroll()
}

func (p *Page) keyOf(i int) string {
	l := &p.lines[i]
	key := p.graph.Root(l.cause).ID
	if l.kind == lineObject {
		key += "\x00" + p.graph.Nodes[l.node].ID
	}
	return key
}

// moveTo puts the cursor on line i, or the nearest selectable line in direction dir.
func (p *Page) moveTo(i, dir int) {
	if len(p.lines) == 0 {
		p.cursor = 0
		return
	}
	i = min(max(i, 0), len(p.lines)-1)
	for j := i; j >= 0 && j < len(p.lines); j += dir {
		if p.lines[j].selectable() {
			p.cursor = j
			return
		}
	}
	for j := i; j >= 0 && j < len(p.lines); j -= dir {
		if p.lines[j].selectable() {
			p.cursor = j
			return
		}
	}
}

// listHeight is the lines left for causes under the header.
func (p *Page) listHeight() int { return max(p.height-2, 1) }

// scroll keeps the cursor on screen.
func (p *Page) scroll() {
	h := p.listHeight()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+h {
		p.offset = p.cursor - h + 1
	}
	p.offset = max(min(p.offset, len(p.lines)-h), 0)
}

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 0)
	p.scroll()
}

// Title implements pages.Page.
func (p *Page) Title() string { return "Triage · root causes, ranked" }

// KeyMap implements pages.Page.
func (p *Page) KeyMap() components.TitledKeyMap { return p.keys }

// Wheel implements pages.Page.
func (p *Page) Wheel(n int) {
	p.moveTo(p.cursor+n, sign(n))
	p.scroll()
}

// ActiveList implements pages.Page: the page is not a list.
func (p *Page) ActiveList() *pages.List { return nil }

// HandleKey implements pages.Page.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	switch {
	case key.Matches(msg, k.Up):
		p.moveTo(p.cursor-1, -1)
	case key.Matches(msg, k.Down):
		p.moveTo(p.cursor+1, 1)
	case key.Matches(msg, k.PageUp):
		p.moveTo(p.cursor-p.listHeight(), -1)
	case key.Matches(msg, k.PageDown):
		p.moveTo(p.cursor+p.listHeight(), 1)
	case key.Matches(msg, k.Top):
		p.moveTo(0, 1)
	case key.Matches(msg, k.Bottom):
		p.moveTo(len(p.lines)-1, -1)
	case key.Matches(msg, k.Expand):
		p.setExpanded(true)
	case key.Matches(msg, k.Collapse):
		p.setExpanded(false)
	case key.Matches(msg, k.Open):
		return p.open()
	case key.Matches(msg, k.SyncApps):
		return p.act(actions.Sync)
	case key.Matches(msg, k.RefreshApps):
		return p.act(actions.Refresh)
	case key.Matches(msg, k.ForceSecrets):
		return p.act(actions.ForceSync)
	default:
		return nil
	}
	p.scroll()
	return nil
}

// setExpanded opens or closes the cause under the cursor.
func (p *Page) setExpanded(open bool) {
	if p.graph == nil || p.cursor >= len(p.lines) {
		return
	}
	id := p.graph.Root(p.lines[p.cursor].cause).ID
	if p.expanded[id] == open {
		return
	}
	if open {
		p.expanded[id] = true
	} else {
		delete(p.expanded, id)
	}
	p.relayout(id) // the cursor goes to the cause's line
}

// open expands or collapses a cause; on an object it opens the object (a cluster or source:
// the cluster page).
func (p *Page) open() tea.Cmd {
	if p.graph == nil || p.cursor >= len(p.lines) {
		return nil
	}
	l := &p.lines[p.cursor]
	if l.kind == lineCause {
		p.setExpanded(!p.expanded[p.graph.Root(l.cause).ID])
		return nil
	}
	n := &p.graph.Nodes[l.node]
	if obj := p.object(n); obj != nil {
		return pages.Send(pages.OpenDetailMsg{Row: rows.Row{Key: rows.ObjectKey(&model.Meta{Ref: n.Ref}), Ref: n.Ref,
			Obj: obj, Verdict: n.Verdict, Tone: n.Verdict}})
	}
	return pages.Send(pages.OpenClusterMsg{Name: n.About})
}

// object finds a node's object in the page's fleet: a search of one cluster's lists.
func (p *Page) object(n *causes.Node) any {
	if p.fleet == nil || n.Ref.Resource == "" {
		return nil
	}
	return rows.FindObject(p.fleet, n.Ref)
}

// act asks the root for an action on the apps (sync, refresh) or the secrets (force-sync)
// of the cause under the cursor: its instances and every symptom of that kind.
func (p *Page) act(kind actions.Kind) tea.Cmd {
	if p.graph == nil || p.cursor >= len(p.lines) || p.lines[p.cursor].kind != lineCause {
		return nil
	}
	c := &p.graph.Causes[p.lines[p.cursor].cause]
	var refs []model.Ref
	add := func(n int) {
		if ref := p.graph.Nodes[n].Ref; kind.Applies(ref.Kind) && ref.Resource != "" {
			refs = append(refs, ref)
		}
	}
	for _, r := range c.Roots {
		add(r)
	}
	for _, s := range c.Symptoms {
		add(s.Node)
	}
	if len(refs) == 0 {
		return pages.Send(pages.NotifyMsg{Text: "nothing under this cause to " + kind.String()})
	}
	return pages.Send(pages.ActMsg{Kind: kind, Refs: refs})
}

// Subject implements pages.SubjectPage: the app or external secret under the cursor, for the
// root's action keys (sync, refresh, force-sync, drift, diff).
func (p *Page) Subject() (pages.Subject, bool) {
	if p.graph == nil || p.cursor >= len(p.lines) || p.lines[p.cursor].kind != lineObject {
		return pages.Subject{}, false
	}
	n := &p.graph.Nodes[p.lines[p.cursor].node]
	var kind rows.Kind
	switch n.Ref.Kind {
	case "Application":
		kind = rows.KindApps
	case "ExternalSecret", "ClusterExternalSecret", "PushSecret":
		kind = rows.KindSecrets
	default:
		return pages.Subject{}, false
	}
	obj := p.object(n)
	if obj == nil {
		return pages.Subject{}, false
	}
	row := rows.Row{Key: rows.ObjectKey(&model.Meta{Ref: n.Ref}), Ref: n.Ref, Obj: obj, Verdict: n.Verdict, Tone: n.Verdict}
	return pages.Subject{Row: row, Kind: kind, Inspect: kind == rows.KindApps}, true
}

// View implements pages.Page: the header, what broke first, and the lines on screen.
func (p *Page) View() string {
	st := &p.env.Styles
	if p.graph == nil {
		return st.Dim.Render(" building the cause graph…")
	}
	now := p.env.Now()
	out := make([]string, 0, p.height)
	out = append(out, st.Header.Render(pad(" "+header(p.graph), p.width)))
	first := p.graph.FirstBroke(now, 3)
	if len(p.graph.Causes) == 0 {
		first = "nothing is Warning or Critical"
	}
	out = append(out, st.Dim.Render(pad(" "+first, p.width)))
	end := min(p.offset+p.listHeight(), len(p.lines))
	for i := p.offset; i < end; i++ {
		out = append(out, p.renderLine(i, now))
	}
	return strings.Join(out, "\n")
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}
