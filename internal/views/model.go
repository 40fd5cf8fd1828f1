// Package views is mcgtui's terminal UI: a k9s-like dashboard over the fleet snapshots that
// the sources publish. It depends only on internal/model and the charm libraries.
//
// Work that grows with the fleet (building, filtering and sorting rows) runs in tea.Cmds; the
// results come back as messages stamped with generations, and stale ones are dropped. Update
// and View only touch what is on screen.
package views

import (
	"context"
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
	// ReadOnly is shown in the header; it will disable actions once there are some.
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

	showHelp       bool
	spinning       bool
	message        string
	messageIsError bool
	updatesClosed  bool

	// listen returns the Cmd that waits for the next fleet; tests replace it.
	listen func() tea.Cmd
	// animate enables timers (spinner, clock); tests turn them off to stay deterministic.
	animate bool
}

// New returns the root model. Run it with tea.NewProgram(views.New(b, opts)).
func New(b Backend, opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	e := &env{st: defaultStyles(), now: opts.Now}
	m := &Model{
		backend: b,
		opts:    opts,
		env:     e,
		prompt:  newPrompt(&e.st),
		help:    help.New(),
		keys:    newGlobalKeyMap(),
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		animate: true,
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

// busy reports whether the spinner should turn: a source syncing, rows or YAML loading.
func (m *Model) busy() bool {
	if m.fleet == nil || m.summary.syncing {
		return true
	}
	top := m.top()
	if d, ok := top.(*detailPage); ok && d.loading {
		return true
	}
	if l := top.ActiveList(); l != nil && l.building {
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
		if d, ok := m.top().(*detailPage); ok && d.id == msg.pageID {
			d.SetObject(msg)
		}
	case openClusterMsg:
		cmd = m.push(newClusterPage(msg.name, m.env))
	case openDetailMsg:
		d := newDetailPage(msg.row, m.env)
		cmd = tea.Batch(m.push(d), d.fetch(m.backend))
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

func (m *Model) onYAML(msg yamlMsg) tea.Cmd {
	for _, p := range m.stack {
		if d, ok := p.(*detailPage); ok && d.id == msg.pageID {
			d.SetYAML(msg)
			if msg.err != nil {
				m.setMessage("could not fetch "+d.ref.Kind+" "+d.ref.Name+": "+humanize.Sanitize(msg.err.Error()), true)
			}
		}
	}
	return nil
}

func (m *Model) onSpin(msg spinner.TickMsg) tea.Cmd {
	if !m.busy() || !m.animate {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
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
	if d, ok := m.top().(*detailPage); ok {
		d.Close()
	}
	m.stack = m.stack[:len(m.stack)-1]
	m.top().SetSize(m.width, m.bodyHeight())
	return m.top().Show(m.fleet)
}

// resetTo replaces the stack by the fleet page with p on top (k9s-style ":" jumps).
func (m *Model) resetTo(p page) tea.Cmd {
	for _, old := range m.stack[1:] {
		if d, ok := old.(*detailPage); ok {
			d.Close()
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
