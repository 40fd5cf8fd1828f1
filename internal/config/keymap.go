package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Keys is the keys bound to one action, as bubbletea names them: "s", "R", "ctrl+r", "enter",
// "shift+tab", "f5". In the file, one key may be written without a list (`sync: x`).
type Keys []string

// UnmarshalYAML accepts a single key or a list of keys.
func (k *Keys) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*k = Keys{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*k = list
	return nil
}

// Keymap binds dashboard actions (DefaultKeymap's names) to keys. An action the file names
// gets exactly the keys given, replacing its defaults; the others keep theirs.
type Keymap map[string]Keys

// DefaultKeymap is every action that can be rebound, with its default keys. The names are the
// ones the help screen shows; the views read the merged map (Keymap.WithDefaults).
func DefaultKeymap() Keymap {
	return Keymap{
		"quit": {"q", "ctrl+c"}, "help": {"?"}, "command": {":"}, "back": {"esc"},
		"up": {"up", "k"}, "down": {"down", "j"}, "pageUp": {"pgup", "ctrl+b"}, "pageDown": {"pgdown", "ctrl+f"},
		"top": {"g", "home"}, "bottom": {"G", "end"}, "open": {"enter"}, "filter": {"/"}, "problems": {"!"},
		"sort": {">"}, "reverse": {"<"}, "nextTab": {"tab"}, "prevTab": {"shift+tab"},
		"sync": {"s"}, "refresh": {"r"}, "hardRefresh": {"R"}, "forceSync": {"f"},
		"mark": {"space"}, "clearMarks": {"u"}, "drift": {"d"}, "diff": {"D"},
		"nextResource": {"]", "n"}, "prevResource": {"[", "N"}, "nextHunk": {"}"}, "prevHunk": {"{"},
		"externalDiff": {"o"},
	}
}

// WithDefaults returns the default keymap with the file's bindings in place of the defaults
// of the actions it names.
func (k Keymap) WithDefaults() Keymap {
	out := DefaultKeymap()
	for action, keys := range k {
		out[action] = keys
	}
	return out
}

var (
	namedKeys = []string{"enter", "esc", "tab", "space", "backspace", "delete", "insert", "up", "down",
		"left", "right", "home", "end", "pgup", "pgdown"}
	functionKey = regexp.MustCompile(`^f([1-9]|1[0-2])$`)
)

// checkKey accepts one printable character, a named key, f1–f12, or any of those after
// ctrl+, alt+ or shift+ ("ctrl+r", "alt+enter", "shift+tab").
func checkKey(key string) error {
	base := key
	for {
		mod, rest, ok := strings.Cut(base, "+")
		if !ok || rest == "" || (mod != "ctrl" && mod != "alt" && mod != "shift") {
			break
		}
		base = rest
	}
	switch {
	case len([]rune(base)) == 1 && base != " " && []rune(base)[0] > ' ':
		return nil
	case slices.Contains(namedKeys, base), functionKey.MatchString(base):
		return nil
	}
	return fmt.Errorf("key %q: want one character, a key name (%s, f1-f12), or one after ctrl+, alt+ or shift+",
		key, strings.Join(namedKeys, ", "))
}

// check validates every binding and that no key is left bound to two actions.
func (k Keymap) check() (action string, err error) {
	known := DefaultKeymap()
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	slices.Sort(names)
	actions := make([]string, 0, len(k))
	for a := range k {
		actions = append(actions, a)
	}
	slices.Sort(actions)
	for _, a := range actions {
		if _, ok := known[a]; !ok {
			msg := fmt.Sprintf("unknown action %q", a)
			if s := suggest(a, names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return a, fmt.Errorf("%s", msg)
		}
		if len(k[a]) == 0 {
			return a, fmt.Errorf("no keys: an action needs at least one")
		}
		for _, key := range k[a] {
			if err := checkKey(key); err != nil {
				return a, err
			}
		}
	}
	owner := map[string]string{}
	merged := k.WithDefaults()
	for _, a := range names {
		for _, key := range merged[a] {
			if other, taken := owner[key]; taken {
				blame := a
				if _, set := k[a]; !set {
					blame = other
				}
				return blame, fmt.Errorf("key %q is bound to both %s and %s", key, other, a)
			}
			owner[key] = a
		}
	}
	return "", nil
}
