package views

import (
	"context"
	"os/exec"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/confirm"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/fleet"
	"github.com/mcgtui/mcgtui/internal/views/rows"
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

// ContextSwitcher is implemented by the backend of a real hub, reached through a kubeconfig:
// it lists the kubeconfig's contexts and moves the whole fleet to another context's hub
// without a restart (":ctx"). The demo has no kubeconfig and no ContextSwitcher. Both calls
// read files or the network: the root makes them in Cmds.
type ContextSwitcher interface {
	// Contexts reads the kubeconfig's contexts, and names the one the fleet runs on now.
	Contexts() (ContextList, error)
	// SwitchContext stops every source, watch and poller of the running fleet and starts the
	// fleet anew on the named context, with the same flags and config. A context that does
	// not exist, or any other reason not to switch, is an error, and the running fleet is
	// left as it is.
	SwitchContext(name string) (ContextSwitch, error)
}

// KubeContext and ContextList are the kubeconfig's contexts as plain data (pages' types, so
// that the contexts page reads them too).
type (
	KubeContext = pages.KubeContext
	ContextList = pages.ContextList
)

// ContextSwitch says what a context switch did.
type ContextSwitch struct {
	// Context is the context the fleet runs on now.
	Context string
	// After is the last fleet generation the old fleet delivered: fleets up to it are the old
	// hub's, and dropped when they arrive late. The new fleet's generations are above it.
	After uint64
	// Note is what the user should know about the switch ("" for nothing), shown with it.
	Note string
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
	// Theme is the config file's colours (config.DefaultTheme where it sets none).
	Theme config.Theme
	// Keymap is the config file's key bindings, replacing the defaults of the actions it names.
	Keymap config.Keymap
}

const (
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
	// portworxOpen is whether the top page shows Portworx objects (see syncPortworxPolling).
	portworxOpen bool
	opts         Options
	env          *pages.Env
	fleet        *model.Fleet
	summary      fleetSummary
	stack        []pages.Page
	// fetches holds the cancel funcs of the fetches each open page asked for, by page id.
	fetches map[int][]context.CancelFunc
	width   int
	height  int
	prompt  components.Prompt
	help    components.Help
	keys    globalKeyMap
	status  components.StatusBar

	// dialog is the open confirmation dialog, or nil.
	dialog     *confirm.Dialog
	actionKeys actionKeyMap
	// actionSeq numbers action key presses; a permission answer for an older one is dropped.
	actionSeq uint64
	checking  bool // a permission check is running
	executing int  // requests sent and not answered yet

	// switching names the context a switch is under way to ("" when none); syncingContext
	// the context switched to while its fleet is not synced yet (the status bar says so).
	switching      string
	syncingContext string
	// oldFleets is the last generation of the fleets before the last context switch: those
	// still arriving are the old hub's and are dropped.
	oldFleets uint64

	showHelp       bool
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
	e := pages.NewEnv(opts.Now)
	e.Styles = components.StylesFor(opts.Theme)
	e.Keys = bindings(opts.Keymap)
	m := &Model{
		backend:     b,
		opts:        opts,
		env:         e,
		fetches:     map[int][]context.CancelFunc{},
		prompt:      components.NewPrompt(promptCommands(b), &e.Styles),
		help:        components.NewHelp(&e.Styles),
		keys:        newGlobalKeyMap(e.Keys),
		actionKeys:  newActionKeyMap(e.Keys),
		status:      components.NewStatusBar("  ? help", &e.Styles),
		animate:     true,
		execProcess: tea.ExecProcess,
	}
	m.listen = m.waitForFleet
	m.stack = []pages.Page{fleet.New(rows.KindClusters, e)}
	return m
}

// bindings hands the config file's keymap to the components, which know nothing of config.
func bindings(k config.Keymap) components.Bindings {
	if len(k) == 0 {
		return nil
	}
	bs := make(components.Bindings, len(k))
	for action, keys := range k {
		bs[action] = keys
	}
	return bs
}

// Init implements tea.Model: start listening for fleets, the clock and the spinner.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.listen(), m.clock(), m.startSpinner(), m.loadContexts(0))
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

// busy reports whether the spinner should turn: a source syncing, rows, YAML or a diff
// loading, an action being checked or sent.
func (m *Model) busy() bool {
	if m.fleet == nil || m.summary.syncing || m.checking || m.executing > 0 || m.switching != "" {
		return true
	}
	top := m.top()
	if d, ok := top.(pages.Loader); ok && d.Loading() {
		return true
	}
	if l := top.ActiveList(); l != nil && l.Busy() {
		return true
	}
	return false
}

func (m *Model) startSpinner() tea.Cmd { return m.status.Start(m.animate && m.busy()) }

func (m *Model) top() pages.Page { return m.stack[len(m.stack)-1] }

// Update implements tea.Model. It routes: results to the page that asked for them, requests
// from pages to the handler that serves them (open, fetch, notify), keys through onKey.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
	case fleetMsg:
		cmd = tea.Batch(m.onFleet(msg.fleet), m.listen())
	case updatesClosedMsg:
		m.updatesClosed = true
	case pages.ContextsMsg:
		m.prompt.SetCompletions(contextCompletions(msg.List))
		cmd = m.route(msg)
	case pages.Routed:
		cmd = m.route(msg)
	case pages.LoadContextsMsg:
		cmd = m.loadContexts(msg.PageID)
	case pages.SwitchContextMsg:
		cmd = m.switchContext(msg.Name)
	case contextSwitchedMsg:
		cmd = m.onContextSwitched(msg)
	case pages.OpenClusterMsg, pages.OpenDetailMsg, pages.OpenDriftMsg, pages.OpenDiffMsg:
		cmd = m.open(msg)
	case pages.FetchYAMLMsg:
		cmd = m.fetchYAML(msg)
	case pages.FetchDiffMsg:
		cmd = m.fetchDiff(msg)
	case pages.NotifyMsg:
		m.setMessage(msg.Text, msg.IsError)
	case pages.ActMsg:
		cmd = m.onAct(msg)
	case permissionMsg:
		cmd = m.onPermission(msg)
	case actionDoneMsg:
		m.onActionDone(msg)
	case pages.ExternalDiffMsg:
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
	return m, tea.Batch(cmd, m.startSpinner(), m.syncPortworxPolling())
}

// setSize lays the pages out; the chrome (header, title, status) takes the lines it can.
func (m *Model) setSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.prompt.SetSize(m.width, 1)
	m.help.SetSize(m.width, m.height)
	m.status.SetSize(m.width, 1)
	for _, p := range m.stack {
		p.SetSize(m.width, m.bodyHeight())
	}
	if m.dialog != nil {
		m.dialog.SetSize(m.width, m.bodyHeight())
	}
}

func (m *Model) onFleet(f *model.Fleet) tea.Cmd {
	if f == nil || f.Generation <= m.oldFleets || (m.fleet != nil && f.Generation < m.fleet.Generation) {
		return nil
	}
	m.fleet = f
	m.summary = summarizeFleet(f)
	if !m.summary.syncing {
		m.syncingContext = ""
	}
	m.setSize(m.width, m.height) // the note line may have appeared
	return m.top().Show(f)
}

func (m *Model) onSpin(msg spinner.TickMsg) tea.Cmd {
	cmd := m.status.Update(msg, m.animate && m.busy())
	m.env.Spin = m.status.Frame()
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

func (m *Model) setMessage(s string, isError bool) {
	m.message, m.messageIsError = s, isError
	m.setSize(m.width, m.height)
}
