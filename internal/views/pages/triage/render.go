package triage

import (
	"time"

	"charm.land/bubbles/v2/key"
)

// renderLine draws line i: the verdict in its colour, the rest plain, the cursor's line
// highlighted; cut to the width.
func (p *Page) renderLine(i int, now time.Time) string {
	st := &p.env.Styles
	l := &p.lines[i]
	var lead, verdict, rest string
	switch l.kind {
	case lineCause:
		lead = " ▸ "
		if p.expanded[p.graph.Root(l.cause).ID] {
			lead = " ▾ "
		}
		verdict, rest = causeText(p.graph, l.cause, now)
		verdict = pad(verdict, 8)
	case lineDetail:
		return st.Dim.Render(pad("     "+l.text, p.width))
	case lineCluster:
		return st.Section.Render(pad("   "+l.text, p.width))
	case lineObject:
		lead = "     " + l.tree.Prefix
		verdict = p.graph.Nodes[l.node].Verdict.String()
		rest = objectText(p.graph, l)
	}
	if i == p.cursor {
		return st.Selected.Render(pad(lead+verdict+"  "+rest, p.width))
	}
	text := pad(lead+verdict+"  "+rest, p.width)
	// The verdict word keeps its colour; lead is plain cells, so the cut is exact.
	n := len([]rune(lead))
	runes := []rune(text)
	if len(runes) < n+len([]rune(verdict)) {
		return text
	}
	v := string(runes[n : n+len([]rune(verdict))])
	return string(runes[:n]) + p.env.VerdictStyle(l.tone).Render(v) + string(runes[n+len([]rune(verdict)):])
}

// keyMap holds the page's keys.
type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Expand, Collapse                  key.Binding
	SyncApps, RefreshApps, ForceSecrets     key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "expand cause / open object")),
		Expand:       key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "expand")),
		Collapse:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "collapse")),
		SyncApps:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "on a cause: sync its apps…")),
		RefreshApps:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "on a cause: refresh its apps…")),
		ForceSecrets: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "on a cause: force-sync its secrets…")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Expand, k.Collapse} }

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Expand, k.Collapse},
		{k.SyncApps, k.RefreshApps, k.ForceSecrets},
	}
}

// Titles implements components.TitledKeyMap.
func (keyMap) Titles() []string { return []string{"Move", "Causes", "Act on a cause"} }
