package views

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/fleetmap"
	"github.com/mcgtui/mcgtui/internal/views/pages/triage"
)

// DemoControl is what a demo backend adds: incidents a presenter injects (":incident NAME")
// and heals (":heal"). A real hub's backend does not have it, and the commands say so.
type DemoControl interface {
	// Incidents names the incidents, in the order help lists them.
	Incidents() []string
	Inject(ctx context.Context, name string) error
	HealAll(ctx context.Context) error
}

// demoControlTimeout bounds an injection or a heal (writes to the simulated fleet).
const demoControlTimeout = 30 * time.Second

// promptCommands are the ":" commands the prompt suggests (tab completes them): the lists and
// pages, and in the demo "incident NAME" for each incident and "heal".
func promptCommands(b Backend) []string {
	names := commandNames()
	if d, ok := b.(DemoControl); ok && len(d.Incidents()) > 0 {
		for _, in := range d.Incidents() {
			names = append(names, "incident "+in)
		}
		names = append(names, "heal")
	}
	return names
}

// pageCommand runs the commands that open a page rather than a list (":triage", ":map") and
// the demo's ":incident NAME" and ":heal"; ok is false for any other line.
func (m *Model) pageCommand(line string) (tea.Cmd, bool) {
	fields := strings.Fields(strings.ToLower(line))
	if len(fields) == 0 {
		return nil, false
	}
	switch fields[0] {
	case "triage", "causes", "rca":
		return m.resetTo(triage.New(m.env)), true
	case "map", "fleetmap":
		return m.resetTo(fleetmap.New(m.env)), true
	case "incident", "heal":
	default:
		return nil, false
	}
	d, ok := m.backend.(DemoControl)
	if !ok || len(d.Incidents()) == 0 {
		m.setMessage(":"+fields[0]+" works in the demo only (mcgtui demo)", true)
		return nil, true
	}
	if fields[0] == "heal" {
		return demoCall("healing every incident…", "incidents healed: the fleet recovers over the next seconds",
			func(ctx context.Context) error { return d.HealAll(ctx) }, m), true
	}
	if len(fields) != 2 {
		m.setMessage("usage: :incident "+strings.Join(d.Incidents(), "|"), true)
		return nil, true
	}
	name := fields[1]
	return demoCall("injecting "+humanize.OneLine(name)+"…", "incident "+humanize.OneLine(name)+" injected — :triage shows what it breaks, :heal ends it",
		func(ctx context.Context) error { return d.Inject(ctx, name) }, m), true
}

// demoCall runs a demo control call in a Cmd and reports its outcome in the message line.
func demoCall(doing, done string, call func(context.Context) error, m *Model) tea.Cmd {
	m.setMessage(doing, false)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), demoControlTimeout)
		defer cancel()
		if err := call(ctx); err != nil {
			return pages.NotifyMsg{Text: humanize.OneLine(err.Error()), IsError: true}
		}
		return pages.NotifyMsg{Text: done}
	}
}

// onAct starts an action a page asked for on several objects (a cause's apps or secrets).
func (m *Model) onAct(msg pages.ActMsg) tea.Cmd {
	if m.readOnly() {
		m.setMessage(readOnlyMessage, true)
		return nil
	}
	if len(msg.Refs) == 0 {
		return nil
	}
	return m.checkTargets(msg.Kind, msg.Refs, pages.Subject{})
}

// commandKeys lists ":" commands in the help overlay, as key bindings that only describe.
type commandKeys []key.Binding

// ShortHelp implements help.KeyMap.
func (c commandKeys) ShortHelp() []key.Binding { return c }

// FullHelp implements help.KeyMap.
func (c commandKeys) FullHelp() [][]key.Binding { return [][]key.Binding{c} }

// Titles implements components.TitledKeyMap.
func (commandKeys) Titles() []string { return []string{"Pages"} }

// pageCommandHelp lists the page commands, and in the demo the incident commands.
func (m *Model) pageCommandHelp() components.TitledKeyMap {
	describe := func(cmd, what string) key.Binding { return key.NewBinding(key.WithKeys(cmd), key.WithHelp(cmd, what)) }
	keys := commandKeys{
		describe(":triage", "root causes, ranked, with what they explain"),
		describe(":map", "the fleet at a glance"),
	}
	if _, ok := m.backend.(ContextSwitcher); ok {
		keys = append(keys, describe(":ctx [NAME]", "the kubeconfig's contexts; switch the hub (tab completes)"))
	}
	if d, ok := m.backend.(DemoControl); ok && len(d.Incidents()) > 0 {
		keys = append(keys,
			describe(":incident NAME", "break the demo fleet: "+strings.Join(d.Incidents(), ", ")+" (tab completes)"),
			describe(":heal", "end every incident"))
	}
	return keys
}
