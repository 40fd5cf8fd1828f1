package components

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// TitledKeyMap is a help.KeyMap whose FullHelp groups have titles for the help overlay.
type TitledKeyMap interface {
	help.KeyMap
	// Titles returns one title per FullHelp group.
	Titles() []string
}

// TableKeyMap holds the keys of a list of rows: moving, opening, filtering and sorting.
type TableKeyMap struct {
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

// NewTableKeyMap returns the table keys, rebound by bs.
func NewTableKeyMap(bs Bindings) TableKeyMap {
	return TableKeyMap{
		Up:       bs.Bind("up", key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))),
		Down:     bs.Bind("down", key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))),
		PageUp:   bs.Bind("pageUp", key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up"))),
		PageDown: bs.Bind("pageDown", key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down"))),
		Top:      bs.Bind("top", key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top"))),
		Bottom:   bs.Bind("bottom", key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom"))),
		Open:     bs.Bind("open", key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))),
		Filter:   bs.Bind("filter", key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter"))),
		Problems: bs.Bind("problems", key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems only"))),
		Sort:     bs.Bind("sort", key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "sort by next column"))),
		Reverse:  bs.Bind("reverse", key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "reverse sort"))),
	}
}

// ShortHelp implements help.KeyMap.
func (k TableKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Problems, k.Sort}
}

// FullHelp implements help.KeyMap.
func (k TableKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Filter, k.Problems, k.Sort, k.Reverse},
	}
}

// Titles implements TitledKeyMap.
func (TableKeyMap) Titles() []string { return []string{"Move", "List"} }

// TabKeyMap holds the keys that switch the tabs of a cluster page.
type TabKeyMap struct {
	Next key.Binding
	Prev key.Binding
	Jump key.Binding
}

// NewTabKeyMap returns the tab keys, rebound by bs.
func NewTabKeyMap(bs Bindings) TabKeyMap {
	return TabKeyMap{
		Next: bs.Bind("nextTab", key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next tab"))),
		Prev: bs.Bind("prevTab", key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab"))),
		Jump: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7"), key.WithHelp("1-7", "go to tab")),
	}
}

// ShortHelp implements help.KeyMap.
func (k TabKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Jump} }

// FullHelp implements help.KeyMap.
func (k TabKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Next, k.Prev, k.Jump}} }

// Titles implements TitledKeyMap.
func (TabKeyMap) Titles() []string { return []string{"Tabs"} }

// ScrollKeyMap holds the keys of a scrollable text pane (detail page, conditions tab).
type ScrollKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

// NewScrollKeyMap returns the scroll pane keys, rebound by bs.
func NewScrollKeyMap(bs Bindings) ScrollKeyMap {
	return ScrollKeyMap{
		Up:       bs.Bind("up", key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up"))),
		Down:     bs.Bind("down", key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down"))),
		PageUp:   bs.Bind("pageUp", key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up"))),
		PageDown: bs.Bind("pageDown", key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn", "page down"))),
		Top:      bs.Bind("top", key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top"))),
		Bottom:   bs.Bind("bottom", key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom"))),
	}
}

// ShortHelp implements help.KeyMap.
func (k ScrollKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.PageDown, k.Top} }

// FullHelp implements help.KeyMap.
func (k ScrollKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
}

// Titles implements TitledKeyMap.
func (ScrollKeyMap) Titles() []string { return []string{"Scroll"} }

// PromptKeyMap holds the keys of the ":" command and "/" filter line.
type PromptKeyMap struct {
	Accept   key.Binding
	Complete key.Binding
	Cancel   key.Binding
}

// NewPromptKeyMap returns the prompt keys.
func NewPromptKeyMap() PromptKeyMap {
	return PromptKeyMap{
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run / keep filter")),
		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete command")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel / clear filter")),
	}
}

// ShortHelp implements help.KeyMap.
func (k PromptKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Accept, k.Complete, k.Cancel} }

// FullHelp implements help.KeyMap.
func (k PromptKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Titles implements TitledKeyMap.
func (PromptKeyMap) Titles() []string { return []string{"Prompt (: and /)"} }

// KeyGroups joins several key maps into one for the help overlay.
type KeyGroups []TitledKeyMap

// Titles implements TitledKeyMap.
func (g KeyGroups) Titles() []string {
	var out []string
	for _, k := range g {
		out = append(out, k.Titles()...)
	}
	return out
}

// ShortHelp implements help.KeyMap.
func (g KeyGroups) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, k := range g {
		out = append(out, k.ShortHelp()...)
	}
	return out
}

// FullHelp implements help.KeyMap.
func (g KeyGroups) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, k := range g {
		out = append(out, k.FullHelp()...)
	}
	return out
}

// KeyGroup is one titled group of keys, for key maps assembled at run time.
type KeyGroup struct {
	Title string
	Keys  []key.Binding
}

// ShortHelp implements help.KeyMap.
func (g KeyGroup) ShortHelp() []key.Binding { return g.Keys }

// FullHelp implements help.KeyMap.
func (g KeyGroup) FullHelp() [][]key.Binding { return [][]key.Binding{g.Keys} }

// Titles implements TitledKeyMap.
func (g KeyGroup) Titles() []string { return []string{g.Title} }
