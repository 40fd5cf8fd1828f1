package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/fleet"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// onKey routes a key press: the open dialog or prompt first, then the help overlay, the
// global keys, the action keys of the object under the cursor, and finally the page on top.
func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if m.dialog != nil {
		switch {
		case m.showHelp: // the dialog's keys are shown: ? or esc goes back to the dialog
			if key.Matches(msg, m.keys.Help, m.keys.Back) {
				m.showHelp = false
			}
			return nil
		case key.Matches(msg, m.keys.Help) && !m.dialog.Typing():
			m.showHelp = true
			return nil
		}
		return m.onDialogKey(msg)
	}
	if m.prompt.Active() {
		return m.onPromptKey(msg)
	}
	if m.message != "" {
		m.setMessage("", false)
	}
	if m.showHelp {
		switch {
		case key.Matches(msg, m.keys.Quit):
			return tea.Quit
		case key.Matches(msg, m.keys.Help, m.keys.Back):
			m.showHelp = false
		}
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, m.keys.Command):
		return m.openPrompt(components.PromptCommand, "")
	case key.Matches(msg, m.keys.Back):
		return m.back()
	}
	if l := m.top().ActiveList(); l != nil && key.Matches(msg, l.Table().KeyMap().Filter) {
		return m.openPrompt(components.PromptFilter, l.Filter())
	}
	if f, ok := m.top().(pages.Filterer); ok && msg.String() == "/" {
		return m.openPrompt(components.PromptFilter, f.Filter())
	}
	if cmd, ok := m.onActionKey(msg); ok {
		return cmd
	}
	return m.top().HandleKey(msg)
}

func (m *Model) openPrompt(mode components.PromptMode, value string) tea.Cmd {
	cmd := m.prompt.Open(mode, value)
	m.setSize(m.width, m.height) // the prompt takes a line
	return cmd
}

func (m *Model) closePrompt() {
	m.prompt.Close()
	m.setSize(m.width, m.height)
}

// back clears the active filter if there is one, else closes the top page.
func (m *Model) back() tea.Cmd {
	if l := m.top().ActiveList(); l != nil && l.Filter() != "" {
		return l.SetFilter("")
	}
	if f, ok := m.top().(pages.Filterer); ok && f.Filter() != "" {
		return f.SetFilter("")
	}
	return m.pop()
}

// onPromptKey edits the ":" or "/" line; a filter applies as it is typed.
func (m *Model) onPromptKey(msg tea.KeyPressMsg) tea.Cmd {
	var l interface{ SetFilter(string) tea.Cmd }
	if list := m.top().ActiveList(); list != nil {
		l = list
	} else if f, ok := m.top().(pages.Filterer); ok {
		l = f
	}
	mode := m.prompt.Mode()
	outcome, cmd := m.prompt.Update(msg)
	switch outcome {
	case components.PromptCancelled:
		m.closePrompt()
		if mode == components.PromptFilter && l != nil {
			return l.SetFilter("")
		}
		return nil
	case components.PromptAccepted:
		value := m.prompt.Value()
		m.closePrompt()
		if mode == components.PromptCommand {
			return m.runCommand(value)
		}
		return nil
	}
	if mode == components.PromptFilter && l != nil {
		return tea.Batch(cmd, l.SetFilter(m.prompt.Value()))
	}
	return cmd
}

// runCommand executes a ":" command line.
func (m *Model) runCommand(line string) tea.Cmd {
	if line == "" {
		return nil
	}
	if name, ok := contextCommand(line); ok {
		return m.runContextCommand(name)
	}
	if cmd, ok := m.pageCommand(line); ok {
		return cmd
	}
	kind, quit, ok := parseCommand(line)
	switch {
	case quit:
		return tea.Quit
	case !ok:
		m.setMessage("unknown command :"+humanize.Sanitize(line)+" — try :clusters :apps :secrets :stores :volumes :nodes :triage :map :ctx", true)
		return nil
	case kind == rows.KindClusters:
		return m.resetTo(nil)
	}
	return m.resetTo(fleet.New(kind, m.env))
}
