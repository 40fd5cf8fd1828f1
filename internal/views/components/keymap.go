package components

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/mcgtui/mcgtui/internal/config"
)

// userKeymap holds the config file's key bindings (validated at load: known actions, valid
// keys, no key on two actions). It is set once, by the root model before it builds any page,
// and read when key maps are built.
var userKeymap config.Keymap

// SetKeymap installs the config file's key bindings for every key map built afterwards.
func SetKeymap(k config.Keymap) { userKeymap = k }

// Bind returns b, or, when the config file binds action (config.DefaultKeymap's names), b
// with the configured keys instead of its defaults and its help showing them.
func Bind(action string, b key.Binding) key.Binding {
	keys, ok := userKeymap[action]
	if !ok || len(keys) == 0 {
		return b
	}
	b.SetKeys(keys...)
	b.SetHelp(strings.Join(keys, "/"), b.Help().Desc)
	return b
}
