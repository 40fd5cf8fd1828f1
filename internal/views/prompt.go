package views

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// promptMode says what the input line at the bottom is for.
type promptMode uint8

const (
	promptClosed  promptMode = iota
	promptCommand            // ":apps"
	promptFilter             // "/text"
)

// commands maps every ":" command and alias to the list it opens.
var commands = map[string]listKind{
	"clusters": kindClusters, "cluster": kindClusters, "fleet": kindClusters, "mc": kindClusters,
	"apps": kindApps, "app": kindApps, "applications": kindApps, "application": kindApps,
	"secrets": kindSecrets, "secret": kindSecrets, "es": kindSecrets, "externalsecrets": kindSecrets,
	"stores": kindStores, "store": kindStores, "secretstores": kindStores, "css": kindStores,
	"volumes": kindVolumes, "volume": kindVolumes, "pvc": kindVolumes, "pvcs": kindVolumes,
	"nodes": kindNodes, "node": kindNodes, "px": kindNodes, "storagenodes": kindNodes,
}

// commandNames are the main commands, in the order the hint shows them.
var commandNames = []string{"clusters", "apps", "secrets", "stores", "volumes", "nodes", "quit"}

// parseCommand resolves a command line; quit is true for ":q" and ":quit".
func parseCommand(s string) (kind listKind, quit, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "q" || s == "quit" || s == "q!" {
		return 0, true, true
	}
	kind, ok = commands[s]
	return kind, false, ok
}

// prompt is the one-line input for ":" commands and "/" filters.
type prompt struct {
	mode  promptMode
	input textinput.Model
	keys  promptKeyMap
	width int
	st    *styles
}

func newPrompt(st *styles) prompt {
	in := textinput.New()
	styles := in.Styles()
	styles.Cursor.Blink = false
	styles.Focused.Suggestion = st.dim
	in.SetStyles(styles)
	in.ShowSuggestions = true
	in.CharLimit = 256
	return prompt{input: in, keys: newPromptKeyMap(), st: st}
}

// SetSize sets the width of the input line.
func (p *prompt) SetSize(w, _ int) {
	p.width = max(w, 0) // the input itself stays unpadded so the hint can follow it
}

// Active reports whether the input line is open.
func (p *prompt) Active() bool { return p.mode != promptClosed }

// Open shows the input line in mode with an initial value.
func (p *prompt) Open(mode promptMode, value string) tea.Cmd {
	p.mode = mode
	if mode == promptCommand {
		p.input.Prompt = ":"
		p.input.SetSuggestions(commandNames)
	} else {
		p.input.Prompt = "/"
		p.input.SetSuggestions(nil)
	}
	p.input.SetValue(value)
	p.input.CursorEnd()
	return p.input.Focus()
}

// Close hides the input line.
func (p *prompt) Close() {
	p.mode = promptClosed
	p.input.Blur()
}

// Value is the text typed so far.
func (p *prompt) Value() string { return p.input.Value() }

// Update passes an editing key to the text input.
func (p *prompt) Update(msg tea.KeyPressMsg) tea.Cmd {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// IsAccept and IsCancel classify the keys that end the input.
func (p *prompt) IsAccept(msg tea.KeyPressMsg) bool { return key.Matches(msg, p.keys.Accept) }

// IsCancel reports whether msg cancels the input.
func (p *prompt) IsCancel(msg tea.KeyPressMsg) bool { return key.Matches(msg, p.keys.Cancel) }

// View renders the input line, with the valid commands as a hint in command mode.
func (p *prompt) View() string {
	if p.mode == promptClosed || p.width <= 0 {
		return ""
	}
	line := p.input.View()
	if p.mode == promptCommand {
		typed := strings.ToLower(p.input.Value())
		var matching []string
		for _, c := range commandNames {
			if strings.HasPrefix(c, typed) {
				matching = append(matching, c)
			}
		}
		if len(matching) == 0 {
			matching = slices.Clone(commandNames)
		}
		line += p.st.dim.Render("   " + strings.Join(matching, " · ") + "  (tab completes)")
	} else {
		line += p.st.dim.Render("   enter keeps · esc clears")
	}
	return clip(line, p.width)
}
