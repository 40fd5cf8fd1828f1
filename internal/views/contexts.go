package views

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/contexts"
	"github.com/mcgtui/mcgtui/internal/views/pages/fleet"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// noKubeconfig is what :ctx says on a backend without a kubeconfig (the demo).
const noKubeconfig = "no kubeconfig: the demo's fleet is built in, so there is no context to switch to (:ctx works on a real hub)"

// switchingNoActions is the refusal of an action while the fleet is being replaced: its targets
// would be resolved on one hub and sent on the other.
func switchingNoActions(to string) string {
	return "switching the hub to context " + humanize.OneLine(to) + ": no action until its fleet is on screen"
}

// contextCommand reports whether line is ":ctx", ":context" or ":contexts", and the context it
// names ("" for none). Names keep their case: kubeconfig context names are case-sensitive.
func contextCommand(line string) (name string, ok bool) {
	word, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	switch strings.ToLower(word) {
	case "ctx", "context", "contexts":
		return strings.TrimSpace(rest), true
	}
	return "", false
}

// contextCompletions are the prompt's completions for the contexts: "ctx NAME" for each.
func contextCompletions(l ContextList) []string {
	out := make([]string, 0, len(l.Contexts))
	for _, c := range l.Contexts {
		out = append(out, "ctx "+c.Name)
	}
	return out
}

// runContextCommand opens the contexts page (":ctx") or switches to the context named.
func (m *Model) runContextCommand(name string) tea.Cmd {
	if _, ok := m.backend.(ContextSwitcher); !ok {
		m.setMessage(noKubeconfig, true)
		return nil
	}
	if name != "" {
		return m.switchContext(name)
	}
	return m.resetTo(contexts.New(m.env))
}

// loadContexts reads the kubeconfig's contexts in a Cmd, for page id (0: for the prompt's
// completion only).
func (m *Model) loadContexts(id int) tea.Cmd {
	sw, ok := m.backend.(ContextSwitcher)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		l, err := sw.Contexts()
		return pages.ContextsMsg{PageID: id, List: l, Err: err}
	}
}

// currentContext is the context the fleet on screen runs on.
func (m *Model) currentContext() string {
	if m.fleet != nil && m.fleet.HubContext != "" {
		return m.fleet.HubContext
	}
	return m.opts.HubContext
}

// contextSwitchedMsg is the outcome of a context switch.
type contextSwitchedMsg struct {
	name string
	res  ContextSwitch
	err  error
}

// switchContext asks the backend, in a Cmd, to move the fleet to the named context. The
// dashboard keeps showing the running fleet until the switch is done (or refused).
func (m *Model) switchContext(name string) tea.Cmd {
	sw, ok := m.backend.(ContextSwitcher)
	switch {
	case !ok:
		m.setMessage(noKubeconfig, true)
		return nil
	case m.switching != "":
		m.setMessage("already switching to context "+humanize.OneLine(m.switching)+"…", true)
		return nil
	case name == m.currentContext():
		m.setMessage("the hub runs on context "+humanize.OneLine(name)+" already", false)
		return nil
	}
	m.switching = name
	m.setMessage("switching the hub to context "+humanize.OneLine(name)+"…", false)
	return func() tea.Msg {
		res, err := sw.SwitchContext(name)
		return contextSwitchedMsg{name: name, res: res, err: err}
	}
}

// onContextSwitched starts over on the new fleet: the page stack is the fleet page alone,
// marks, the dialog and pending results of the old fleet are dropped (a new fleet page has a
// new id, the old pages' fetches are cancelled, permission answers are for an older key
// press), and the old fleet's snapshots still arriving are dropped by generation.
func (m *Model) onContextSwitched(msg contextSwitchedMsg) tea.Cmd {
	m.switching = ""
	if msg.err != nil {
		m.setMessage("context "+humanize.OneLine(msg.name)+": "+humanize.OneLine(msg.err.Error()), true)
		return nil
	}
	for _, p := range m.stack {
		m.close(p)
	}
	m.env.Marks.Clear()
	m.dialog, m.showHelp = nil, false
	m.actionSeq++
	m.checking, m.executing = false, 0
	m.fleet, m.summary, m.updatesClosed = nil, fleetSummary{}, false
	m.oldFleets = max(m.oldFleets, msg.res.After)
	m.opts.HubContext = msg.res.Context
	m.syncingContext = msg.res.Context
	m.portworxOpen = false // the new fleet polls nothing until a Portworx page opens
	m.stack = []pages.Page{fleet.New(rows.KindClusters, m.env)}
	text := "the hub is now context " + humanize.OneLine(msg.res.Context)
	if msg.res.Note != "" {
		text += " · " + humanize.OneLine(msg.res.Note)
	}
	m.setMessage(text, false) // also lays the new page out
	return m.loadContexts(0)
}
