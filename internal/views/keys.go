package views

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// titledKeyMap is a help.KeyMap whose FullHelp groups have titles for the help overlay.
type titledKeyMap interface {
	help.KeyMap
	// Titles returns one title per FullHelp group.
	Titles() []string
}

// globalKeyMap holds the keys that work on every page.
type globalKeyMap struct {
	Quit    key.Binding
	Help    key.Binding
	Command key.Binding
	Back    key.Binding
}

func newGlobalKeyMap() globalKeyMap {
	return globalKeyMap{
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "toggle help")),
		Command: key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command (:apps …)")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back / clear filter")),
	}
}

// ShortHelp implements help.KeyMap.
func (k globalKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Command, k.Back, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k globalKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Titles implements titledKeyMap.
func (globalKeyMap) Titles() []string { return []string{"General"} }

// tableKeyMap holds the keys of a list of rows: moving, opening, filtering and sorting.
type tableKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	Filter   key.Binding
	Problems key.Binding
	Sort     key.Binding
	Reverse  key.Binding
}

func newTableKeyMap() tableKeyMap {
	return tableKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Problems: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems only")),
		Sort:     key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "sort by next column")),
		Reverse:  key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "reverse sort")),
	}
}

// ShortHelp implements help.KeyMap.
func (k tableKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Problems, k.Sort}
}

// FullHelp implements help.KeyMap.
func (k tableKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Filter, k.Problems, k.Sort, k.Reverse},
	}
}

// Titles implements titledKeyMap.
func (tableKeyMap) Titles() []string { return []string{"Move", "List"} }

// tabKeyMap holds the keys that switch the tabs of a cluster page.
type tabKeyMap struct {
	Next key.Binding
	Prev key.Binding
	Jump key.Binding
}

func newTabKeyMap() tabKeyMap {
	return tabKeyMap{
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next tab")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		Jump: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1-6", "go to tab")),
	}
}

// ShortHelp implements help.KeyMap.
func (k tabKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Jump} }

// FullHelp implements help.KeyMap.
func (k tabKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Next, k.Prev, k.Jump}} }

// Titles implements titledKeyMap.
func (tabKeyMap) Titles() []string { return []string{"Tabs"} }

// scrollKeyMap holds the keys of a scrollable text pane (detail page, conditions tab).
type scrollKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

func newScrollKeyMap() scrollKeyMap {
	return scrollKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// ShortHelp implements help.KeyMap.
func (k scrollKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.PageDown, k.Top} }

// FullHelp implements help.KeyMap.
func (k scrollKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
}

// Titles implements titledKeyMap.
func (scrollKeyMap) Titles() []string { return []string{"Scroll"} }

// promptKeyMap holds the keys of the ":" command and "/" filter line.
type promptKeyMap struct {
	Accept   key.Binding
	Complete key.Binding
	Cancel   key.Binding
}

func newPromptKeyMap() promptKeyMap {
	return promptKeyMap{
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run / keep filter")),
		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete command")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel / clear filter")),
	}
}

// ShortHelp implements help.KeyMap.
func (k promptKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Accept, k.Complete, k.Cancel} }

// FullHelp implements help.KeyMap.
func (k promptKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Titles implements titledKeyMap.
func (promptKeyMap) Titles() []string { return []string{"Prompt (: and /)"} }

// keyGroups joins several key maps into one for the help overlay.
type keyGroups []titledKeyMap

// Titles implements titledKeyMap.
func (g keyGroups) Titles() []string {
	var out []string
	for _, k := range g {
		out = append(out, k.Titles()...)
	}
	return out
}

// ShortHelp implements help.KeyMap.
func (g keyGroups) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, k := range g {
		out = append(out, k.ShortHelp()...)
	}
	return out
}

// FullHelp implements help.KeyMap.
func (g keyGroups) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, k := range g {
		out = append(out, k.FullHelp()...)
	}
	return out
}
