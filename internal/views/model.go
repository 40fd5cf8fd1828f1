// Package views is mcgtui's terminal UI: a k9s-like dashboard over the fleet snapshots that
// the sources publish. It depends only on internal/model and the charm libraries.
//
// Work that grows with the fleet (building, filtering and sorting rows) runs in tea.Cmds; the
// results come back as messages stamped with generations, and stale ones are dropped. Update
// and View only touch what is on screen.
package views

import (
	"context"
	"os/exec"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// Backend is what the views need from the outside world. Implemented by the sources (real or demo).
type Backend interface {
	// Updates delivers each new fleet snapshot (latest wins; may skip generations).
	Updates() <-chan *model.Fleet
	// FetchYAML returns the object's current YAML (fetched on demand, never stored in snapshots).
	FetchYAML(ctx context.Context, ref model.Ref) (string, error)
	// Executor performs actions; it is actions.ReadOnly{} in read-only mode.
	Executor() actions.Executor
	// Target completes an object's ref with its cluster's kubeconfig context.
	Target(ref model.Ref) actions.Target
	// Diff fetches an Application's diff (live → desired) from wherever it is configured.
	Diff(ctx context.Context, app model.App) (diff.Result, error)
}

// Options configures the views.
type Options struct {
	// ReadOnly is shown in the header and disables every action (so does a backend whose
	// executor is actions.ReadOnly).
	ReadOnly bool
	// Demo shows the DEMO badge (so does a fleet with Demo set).
	Demo bool
	// HubContext is the kubeconfig context of the hub, shown until a fleet names one.
	HubContext string
	// Now is the clock for ages; nil means time.Now.
	Now func() time.Time
}

const (
	yamlTimeout = 30 * time.Second
	diffTimeout = 60 * time.Second
	clockPeriod = time.Second
	wheelRows   = 3
)

// fleetMsg delivers a fleet snapshot read from Backend.Updates.
type fleetMsg struct{ fleet *model.Fleet }

// updatesClosedMsg reports that Backend.Updates was closed: no more snapshots will come.
type updatesClosedMsg struct{}

// clockMsg ticks once a second so that ages on screen move.
type clockMsg struct{}

// Model is the root tea.Model: a stack of pages under a header, above a status bar.
type Model struct {
	backend Backend
	opts    Options
	env     *env
	fleet   *model.Fleet
	summary fleetSummary
	stack   []page
	width   int
	height  int
	prompt  prompt
	help    help.Model
	keys    globalKeyMap
	spinner spinner.Model

	// dialog is the open confirmation dialog, or nil.
	dialog     *confirmDialog
	actionKeys actionKeyMap
	// actionSeq numbers action key presses; a permission answer for an older one is dropped.
	actionSeq uint64
	checking  bool // a permission check is running
	executing int  // requests sent and not answered yet

	showHelp       bool
	spinning       bool
	message        string
	messageIsError bool
	updatesClosed  bool

	// listen returns the Cmd that waits for the next fleet; tests replace it.
	listen func() tea.Cmd
	// animate enables timers (spinner, clock); tests turn them off to stay deterministic.
	animate bool
	// execProcess hands the terminal to an external program (tea.ExecProcess); tests replace it.
	execProcess func(*exec.Cmd, tea.ExecCallback) tea.Cmd
}

// New returns the root model. Run it with tea.NewProgram(views.New(b, opts)).
func New(b Backend, opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &env{st: defaultStyles(), now: opts.Now, marks: newMarks()}
	m := &Model{
		backend:     b,
		opts:        opts,
		env:         e,
		prompt:      newPrompt(&e.st),
		help:        help.New(),
		keys:        newGlobalKeyMap(),
		actionKeys:  newActionKeyMap(),
		spinner:     spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		animate:     true,
		execProcess: tea.ExecProcess,
	}
	m.listen = m.waitForFleet
	m.stack = []page{newListPage(kindClusters, e)}
	return m
}

// Init implements tea.Model: start listening for fleets, the clock and the spinner.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.listen(), m.clock(), m.startSpinner())
}

// waitForFleet blocks on the next snapshot (bubbletea's realtime example pattern); it is
// re-armed after every fleetMsg and not after the channel closes.
func (m *Model) waitForFleet() tea.Cmd {
	updates := m.backend.Updates()
	return func() tea.Msg {
		f, ok := <-updates
		if !ok {
			return updatesClosedMsg{}
		}
		return fleetMsg{fleet: f}
	}
}

func (m *Model) clock() tea.Cmd {
	if !m.animate {
		return nil
	}
	return tea.Tick(clockPeriod, func(time.Time) tea.Msg { return clockMsg{} })
}

// loader is a page that fetches something when it opens (YAML, a diff).
type loader interface {
	// Loading reports whether the fetch is still running.
	Loading() bool
}

// busy reports whether the spinner should turn: a source syncing, rows, YAML or a diff
// loading, an action being checked or sent.
func (m *Model) busy() bool {
	if m.fleet == nil || m.summary.syncing || m.checking || m.executing > 0 {
		return true
	}
	top := m.top()
	if d, ok := top.(loader); ok && d.Loading() {
		return true
	}
	if l := top.ActiveList(); l != nil && (l.building || l.table.visibleInProgress()) {
		return true
	}
	return false
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning || !m.animate || !m.busy() {
		return nil
	}
	m.spinning = true
	return m.spinner.Tick
}

func (m *Model) top() page { return m.stack[len(m.stack)-1] }

// Update implements tea.Model. Each message kind has its own small handler.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
	case fleetMsg:
		cmd = tea.Batch(m.onFleet(msg.fleet), m.listen())
	case updatesClosedMsg:
		m.updatesClosed = true
	case rowsMsg:
		cmd = m.onRows(msg)
	case yamlMsg:
		cmd = m.onYAML(msg)
	case objectMsg:
		if p, ok := m.pageByID(msg.pageID).(objectFollower); ok {
			p.SetObject(msg)
		}
	case openClusterMsg:
		cmd = m.push(newClusterPage(msg.name, m.env))
	case openDetailMsg:
		d := newDetailPage(msg.row, m.env)
		cmd = tea.Batch(m.push(d), d.fetch(m.backend))
	case openDriftMsg:
		cmd = m.push(newDriftPage(msg.row, m.env))
	case openDiffMsg:
		d := newDiffPage(msg.row, m.env)
		cmd = tea.Batch(m.push(d), d.fetch(m.backend))
	case diffMsg:
		cmd = m.onDiff(msg)
	case permissionMsg:
		cmd = m.onPermission(msg)
	case actionDoneMsg:
		m.onActionDone(msg)
	case externalDiffMsg:
		cmd = m.onExternalDiff(msg)
	case externalDiffDoneMsg:
		m.onExternalDiffDone(msg)
	case clockMsg:
		cmd = tea.Batch(m.top().Show(m.fleet), m.clock())
	case spinner.TickMsg:
		cmd = m.onSpin(msg)
	case tea.KeyPressMsg:
		cmd = m.onKey(msg)
	case tea.MouseWheelMsg:
		m.onWheel(msg)
	}
	return m, tea.Batch(cmd, m.startSpinner())
}

// setSize lays the pages out; the chrome (header, title, status) takes the lines it can.
func (m *Model) setSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.prompt.SetSize(m.width, 1)
	m.help.SetWidth(m.width)
	for _, p := range m.stack {
		p.SetSize(m.width, m.bodyHeight())
	}
	if m.dialog != nil {
		m.dialog.SetSize(m.width, m.bodyHeight())
	}
}

func (m *Model) onFleet(f *model.Fleet) tea.Cmd {
	if f == nil || (m.fleet != nil && f.Generation < m.fleet.Generation) {
		return nil
	}
	m.fleet = f
	m.summary = summarizeFleet(f)
	m.setSize(m.width, m.height) // the note line may have appeared
	return m.top().Show(f)
}

func (m *Model) onRows(msg rowsMsg) tea.Cmd {
	for _, p := range m.stack {
		for _, l := range p.Lists() {
			if l.id == msg.listID {
				return l.Apply(msg)
			}
		}
	}
	return nil // the list's page was closed
}

// pageByID returns the open page with this id, or nil when it was closed.
func (m *Model) pageByID(id int) page {
	for _, p := range m.stack {
		if r, ok := p.(routedPage); ok && r.pageID() == id {
			return p
		}
	}
	return nil
}

func (m *Model) onYAML(msg yamlMsg) tea.Cmd {
	switch p := m.pageByID(msg.pageID).(type) {
	case *detailPage:
		p.SetYAML(msg)
		if msg.err != nil {
			m.setMessage("could not fetch "+p.ref.Kind+" "+p.ref.Name+": "+humanize.Sanitize(msg.err.Error()), true)
		}
	case *diffPage:
		p.SetYAML(msg)
	}
	return nil
}

// onDiff hands a fetched diff to its page; an error makes the page fetch the live YAML.
func (m *Model) onDiff(msg diffMsg) tea.Cmd {
	if p, ok := m.pageByID(msg.pageID).(*diffPage); ok {
		return p.SetDiff(msg, m.backend)
	}
	return nil
}

func (m *Model) onSpin(msg spinner.TickMsg) tea.Cmd {
	if !m.busy() || !m.animate {
		m.spinning = false
		m.env.spin = ""
		return nil
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	m.env.spin = m.spinner.View()
	return cmd
}

func (m *Model) onWheel(msg tea.MouseWheelMsg) {
	switch msg.Button {
	case tea.MouseWheelUp:
		m.top().Wheel(-wheelRows)
	case tea.MouseWheelDown:
		m.top().Wheel(wheelRows)
	}
}

// push opens a page on top of the stack.
func (m *Model) push(p page) tea.Cmd {
	m.stack = append(m.stack, p)
	p.SetSize(m.width, m.bodyHeight())
	return p.Show(m.fleet)
}

// pop closes the top page, never the fleet page.
func (m *Model) pop() tea.Cmd {
	if len(m.stack) == 1 {
		return nil
	}
	if c, ok := m.top().(closer); ok {
		c.Close()
	}
	m.stack = m.stack[:len(m.stack)-1]
	m.top().SetSize(m.width, m.bodyHeight())
	return m.top().Show(m.fleet)
}

// resetTo replaces the stack by the fleet page with p on top (k9s-style ":" jumps).
func (m *Model) resetTo(p page) tea.Cmd {
	for _, old := range m.stack[1:] {
		if c, ok := old.(closer); ok {
			c.Close()
		}
	}
	m.stack = m.stack[:1]
	m.top().SetSize(m.width, m.bodyHeight())
	if p == nil {
		return m.top().Show(m.fleet)
	}
	return m.push(p)
}

func (m *Model) setMessage(s string, isError bool) {
	m.message, m.messageIsError = s, isError
	m.setSize(m.width, m.height)
}
