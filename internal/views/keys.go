package views

import (
	"charm.land/bubbles/v2/key"

	"github.com/mcgtui/mcgtui/internal/views/components"
)

// globalKeyMap holds the keys that work on every page.
type globalKeyMap struct {
	Quit    key.Binding
	Help    key.Binding
	Command key.Binding
	Back    key.Binding
}

func newGlobalKeyMap(bs components.Bindings) globalKeyMap {
	return globalKeyMap{
		Quit:    bs.Bind("quit", key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))),
		Help:    bs.Bind("help", key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "toggle help"))),
		Command: bs.Bind("command", key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command (:apps …)"))),
		Back:    bs.Bind("back", key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back / clear filter"))),
	}
}

// ShortHelp implements help.KeyMap.
func (k globalKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Command, k.Back, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k globalKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Titles implements components.TitledKeyMap.
func (globalKeyMap) Titles() []string { return []string{"General"} }
