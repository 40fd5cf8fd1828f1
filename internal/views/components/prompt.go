package components

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// PromptMode says what the input line at the bottom is for.
type PromptMode uint8

// The prompt's modes.
const (
	PromptClosed  PromptMode = iota
	PromptCommand            // ":apps"
	PromptFilter             // "/text"
)

// PromptOutcome is what a key press did to the prompt.
type PromptOutcome uint8

// The outcomes of Prompt.Update.
const (
	PromptEditing   PromptOutcome = iota // the text changed (or not): the prompt stays open
	PromptAccepted                       // enter: run the command / keep the filter
	PromptCancelled                      // esc: cancel the command / clear the filter
)

// Prompt is the one-line input for ":" commands and "/" filters.
type Prompt struct {
	mode     PromptMode
	input    textinput.Model
	keys     PromptKeyMap
	commands []string // the command names, suggested and listed as a hint
	// completions are whole command lines tab completes ("ctx NAME"); the hint lists them
	// only once the command word and a space are typed.
	completions []string
	width       int
	st          *Styles
}

// NewPrompt returns a closed prompt whose command mode suggests commands, in that order.
func NewPrompt(commands []string, st *Styles) Prompt {
	in := textinput.New()
	styles := in.Styles()
	styles.Cursor.Blink = false
	styles.Focused.Suggestion = st.Dim
	in.SetStyles(styles)
	in.ShowSuggestions = true
	in.CharLimit = 256
	return Prompt{input: in, keys: NewPromptKeyMap(), commands: commands, st: st}
}

// SetSize sets the width of the input line.
func (p *Prompt) SetSize(w, _ int) {
	p.width = max(w, 0) // the input itself stays unpadded so the hint can follow it
}

// KeyMap lists the prompt's keys.
func (p *Prompt) KeyMap() PromptKeyMap { return p.keys }

// Active reports whether the input line is open.
func (p *Prompt) Active() bool { return p.mode != PromptClosed }

// Mode is what the input line is open for.
func (p *Prompt) Mode() PromptMode { return p.mode }

// Open shows the input line in mode with an initial value.
func (p *Prompt) Open(mode PromptMode, value string) tea.Cmd {
	p.mode = mode
	if mode == PromptCommand {
		p.input.Prompt = ":"
		p.input.SetSuggestions(p.suggestions())
	} else {
		p.input.Prompt = "/"
		p.input.SetSuggestions(nil)
	}
	p.input.SetValue(value)
	p.input.CursorEnd()
	return p.input.Focus()
}

// SetCompletions replaces the command lines tab completes on top of the commands.
func (p *Prompt) SetCompletions(lines []string) {
	p.completions = lines
	if p.mode == PromptCommand {
		p.input.SetSuggestions(p.suggestions())
	}
}

func (p *Prompt) suggestions() []string {
	return append(slices.Clip(p.commands), p.completions...)
}

// Close hides the input line.
func (p *Prompt) Close() {
	p.mode = PromptClosed
	p.input.Blur()
}

// Value is the text typed so far.
func (p *Prompt) Value() string { return p.input.Value() }

// Update handles a key press: enter and esc end the input (the owner closes the prompt and
// acts on Value); any other key edits the text.
func (p *Prompt) Update(msg tea.KeyPressMsg) (PromptOutcome, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.Cancel):
		return PromptCancelled, nil
	case key.Matches(msg, p.keys.Accept):
		return PromptAccepted, nil
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return PromptEditing, cmd
}

// View renders the input line, with the valid commands as a hint in command mode.
func (p *Prompt) View() string {
	if p.mode == PromptClosed || p.width <= 0 {
		return ""
	}
	line := p.input.View()
	if p.mode == PromptCommand {
		typed := strings.ToLower(p.input.Value())
		var matching []string
		for _, c := range p.commands {
			if strings.HasPrefix(c, typed) {
				matching = append(matching, c)
			}
		}
		if strings.Contains(typed, " ") {
			for _, c := range p.completions {
				if strings.HasPrefix(strings.ToLower(c), typed) {
					matching = append(matching, c)
				}
			}
		}
		if len(matching) == 0 {
			matching = slices.Clone(p.commands)
		}
		line += p.st.Dim.Render("   " + strings.Join(matching, " · ") + "  (tab completes)")
	} else {
		line += p.st.Dim.Render("   enter keeps · esc clears")
	}
	return Clip(line, p.width)
}
