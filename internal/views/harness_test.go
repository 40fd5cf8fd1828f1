package views

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
)

// fakeBackend is a Backend whose channel, YAML, diff and executor the test controls.
type fakeBackend struct {
	updates chan *model.Fleet
	yaml    map[string]string // by object name
	fetched []model.Ref
	exec    *fakeExecutor
	// readOnly makes Executor return actions.ReadOnly{}, as the real backend does with --readonly.
	readOnly bool
	// diff is what Diff returns; nil means the error diffErr.
	diff    *diff.Result
	diffErr error
	diffed  []model.Ref
	// entered and left record the clusters whose pages opened and closed (ClusterWatcher).
	entered, left []string
}

func (b *fakeBackend) Enter(cluster string) { b.entered = append(b.entered, cluster) }
func (b *fakeBackend) Leave(cluster string) { b.left = append(b.left, cluster) }

func newFakeBackend() *fakeBackend {
	return &fakeBackend{
		updates: make(chan *model.Fleet, 4),
		yaml:    map[string]string{},
		exec:    &fakeExecutor{deny: map[string]string{}, fail: map[string]error{}},
		diffErr: errors.New("no Argo CD server configured for cluster cluster-east-1"),
	}
}

func (b *fakeBackend) Updates() <-chan *model.Fleet { return b.updates }

func (b *fakeBackend) Executor() actions.Executor {
	if b.readOnly {
		return actions.ReadOnly{}
	}
	return b.exec
}

// testContexts are the kubeconfig contexts of the test fleet's clusters (edge-9 has none).
var testContexts = map[string]string{"hub": "hub-admin", "cluster-east-1": "east-admin",
	"cluster-west-2": "west-admin", "cluster-north-4": "north-admin"}

func (b *fakeBackend) Target(ref model.Ref) actions.Target {
	return actions.Target{Ref: ref, Context: testContexts[ref.Cluster]}
}

func (b *fakeBackend) Diff(_ context.Context, app model.App) (diff.Result, error) {
	b.diffed = append(b.diffed, app.Ref)
	if b.diff == nil {
		return diff.Result{}, b.diffErr
	}
	return *b.diff, nil
}

// fakeExecutor records what it is asked: permission checks and requests. deny refuses every
// target on a cluster with the given reason; fail makes Execute fail for an object name.
type fakeExecutor struct {
	checked  []actions.Target
	requests []actions.Request
	deny     map[string]string
	fail     map[string]error
}

func (e *fakeExecutor) Allowed(_ context.Context, _ actions.Kind, t actions.Target) (bool, string) {
	e.checked = append(e.checked, t)
	if why, ok := e.deny[t.Ref.Cluster]; ok {
		return false, why
	}
	return true, ""
}

func (e *fakeExecutor) Execute(_ context.Context, r actions.Request) []actions.Result {
	e.requests = append(e.requests, r)
	out := make([]actions.Result, len(r.Targets))
	for i, t := range r.Targets {
		out[i] = actions.Result{Target: t, Err: e.fail[t.Ref.Name]}
	}
	return out
}

func (b *fakeBackend) FetchYAML(_ context.Context, ref model.Ref) (string, error) {
	b.fetched = append(b.fetched, ref)
	if y, ok := b.yaml[ref.Name]; ok {
		return y, nil
	}
	return "", fmt.Errorf(`%s %q is forbidden: user "sre" cannot get resource %q in API group`,
		ref.Resource, ref.Name, ref.Resource)
}

// harness drives a Model synchronously: every returned Cmd runs at once and its message is
// fed back, like the tea.Program loop without the goroutines. The fleet wait is replaced by
// direct fleetMsgs and timers are off, so nothing blocks or ticks.
type harness struct {
	t    *testing.T
	m    *Model
	b    *fakeBackend
	quit bool
}

func newHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	return newHarnessWith(t, w, h, Options{HubContext: "hub-admin"})
}

// newHarnessWith is newHarness with other options (badges, keymap); the clock is testNow.
func newHarnessWith(t *testing.T, w, h int, opts Options) *harness {
	t.Helper()
	b := newFakeBackend()
	opts.Now = func() time.Time { return testNow }
	m := New(b, opts)
	m.animate = false
	m.listen = func() tea.Cmd { return nil }
	hs := &harness{t: t, m: m, b: b}
	hs.run(m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// newFleetHarness is a harness that has received the test fleet.
func newFleetHarness(t *testing.T, w, h int) *harness {
	hs := newHarness(t, w, h)
	hs.send(fleetMsg{fleet: testFleet()})
	return hs
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			h.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			_, next := h.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// press sends key presses named like tea.KeyPressMsg.String(): "enter", "esc", "j", "G".
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyPress(k))
	}
}

// typeText types each rune of s.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the view without colours and trailing blanks, as golden files store it.
func (h *harness) screen() string {
	lines := strings.Split(ansi.Strip(h.m.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
