package components

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// Bindings are the config file's key bindings by action name (config.DefaultKeymap's names),
// validated at load: known actions, valid keys, no key on two actions. The root model makes
// them once and hands them to every key map it or its pages build; nil binds nothing.
type Bindings map[string][]string

// Bind returns b, or, when the config file binds action, b with the configured keys instead
// of its defaults and its help showing them.
func (bs Bindings) Bind(action string, b key.Binding) key.Binding {
	keys, ok := bs[action]
	if !ok || len(keys) == 0 {
		return b
	}
	b.SetKeys(keys...)
	b.SetHelp(strings.Join(keys, "/"), b.Help().Desc)
	return b
}
