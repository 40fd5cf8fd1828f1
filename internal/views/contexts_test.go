package views

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/contexts"
	"github.com/mcgtui/mcgtui/internal/views/pages/fleet"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// switchingBackend is a fakeBackend on a kubeconfig: it lists contexts and records the
// switches asked for; a context it does not hold is refused as the real backend refuses it.
type switchingBackend struct {
	*fakeBackend
	current  string
	contexts []KubeContext
	switched []string
	after    uint64 // the old fleet's last generation, as ContextSwitch.After
	note     string
}

func newSwitchingBackend() *switchingBackend {
	return &switchingBackend{fakeBackend: newFakeBackend(), current: "hub-admin", after: 100, contexts: []KubeContext{
		{Name: "east-admin", Cluster: "cluster-east-1", User: "east-admin", Namespace: "openshift-gitops"},
		{Name: "hub-admin", Cluster: "hub", User: "hub-admin"},
		{Name: "hub-dr", Cluster: "hub-dr.example.com:6443", User: "sre/hub-dr.example.com:6443"},
		{Name: "north-admin", Cluster: "cluster-north-4", User: "north-admin"},
	}}
}

func (b *switchingBackend) Contexts() (ContextList, error) {
	return ContextList{Current: b.current, Contexts: b.contexts}, nil
}

func (b *switchingBackend) SwitchContext(name string) (ContextSwitch, error) {
	b.switched = append(b.switched, name)
	for _, c := range b.contexts {
		if c.Name == name {
			b.current = name
			return ContextSwitch{Context: name, After: b.after, Note: b.note}, nil
		}
	}
	return ContextSwitch{}, fmt.Errorf("context %q not found in kubeconfig", name)
}

// newContextsHarness is a harness on a switchingBackend that has received the test fleet.
func newContextsHarness(t *testing.T, w, h int) (*harness, *switchingBackend) {
	t.Helper()
	b := newSwitchingBackend()
	m := New(b, Options{Now: func() time.Time { return testNow }, HubContext: "hub-admin"})
	m.animate = false
	m.listen = func() tea.Cmd { return nil }
	hs := &harness{t: t, m: m, b: b.fakeBackend}
	hs.run(m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.send(fleetMsg{fleet: testFleet()})
	return hs, b
}

// hubBFleet is the fleet of another hub (context hub-dr), a generation above the old one's.
func hubBFleet(gen uint64) *model.Fleet {
	hub := &model.ClusterSnapshot{Name: "hub-dr", Context: "hub-dr", Hub: true, Access: model.AccessContext, Updated: testNow}
	south := &model.ClusterSnapshot{Name: "cluster-south-7", Access: model.AccessHub, AccessNote: "no kubeconfig context", Updated: testNow}
	for _, c := range []*model.ClusterSnapshot{hub, south} {
		for p := range c.Sources {
			c.Sources[p] = model.SourceStatus{State: model.StateReady, Updated: testNow}
		}
	}
	f := newTestFleet(gen, hub, south)
	f.HubName, f.HubContext = "hub-dr", "hub-dr"
	return f
}

func TestCtxListsTheKubeconfigsContexts(t *testing.T) {
	h, _ := newContextsHarness(t, 160, 48)
	h.press(":")
	h.typeText("ctx")
	h.press("enter")
	scr := h.screen()
	for _, want := range []string{"Contexts (4)", "NAME", "CLUSTER", "USER", "NAMESPACE", "hub-admin" + contexts.CurrentMark,
		"east-admin", "openshift-gitops", "hub-dr.example.com:6443", "north-admin"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the contexts page lacks %q:\n%s", want, scr)
		}
	}
	if r := lineWith(scr, "hub-admin"+contexts.CurrentMark); !strings.HasPrefix(r, "›") {
		t.Errorf("the cursor is not on the current context:\n%s", scr)
	}
	// "/" filters, on every column; esc clears the filter, then goes back to the fleet.
	h.press("/")
	h.typeText("gitops")
	h.press("enter")
	scr = h.screen()
	if !strings.Contains(scr, `Contexts (1 of 4) · filter "gitops"`) || !strings.Contains(scr, "east-admin") || strings.Contains(scr, "north-admin") {
		t.Fatalf("the filter does not keep the one context in openshift-gitops:\n%s", scr)
	}
	h.press("esc")
	if !strings.Contains(h.screen(), "Contexts (4)") {
		t.Fatalf("esc did not clear the filter:\n%s", h.screen())
	}
	h.press("esc")
	if _, ok := h.m.top().(*fleet.Page); !ok {
		t.Fatalf("esc from the contexts page is not the fleet page:\n%s", h.screen())
	}
	for _, alias := range []string{"context", "contexts", "CTX"} {
		h.press(":")
		h.typeText(alias)
		h.press("enter")
		if _, ok := h.m.top().(*contexts.Page); !ok {
			t.Errorf(":%s did not open the contexts page:\n%s", alias, h.screen())
		}
	}
}

// lineWith returns the first screen line that holds text, or "".
func lineWith(scr, text string) string {
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}

func TestEnterOnAContextSwitchesTheHub(t *testing.T) {
	h, b := newContextsHarness(t, 160, 48)
	oldList := h.m.stack[0].ActiveList().ID()
	h.press(":")
	h.typeText("ctx")
	h.press("enter", "down", "enter") // the cursor starts on hub-admin; hub-dr is next
	if len(b.switched) != 1 || b.switched[0] != "hub-dr" {
		t.Fatalf("enter on hub-dr asked for switches %v", b.switched)
	}
	// The page stack is a new fleet page, nothing of the old fleet is shown, the header names
	// the new context and the status bar says the new fleet is syncing.
	if len(h.m.stack) != 1 || h.m.fleet != nil {
		t.Fatalf("after the switch the stack holds %d pages and the old fleet is kept: %v", len(h.m.stack), h.m.fleet != nil)
	}
	if h.m.stack[0].ActiveList().ID() == oldList {
		t.Fatal("the fleet page of the old fleet was kept: its row builds would still be applied")
	}
	scr := h.screen()
	for _, want := range []string{"context hub-dr", "Syncing context hub-dr…", "the hub is now context hub-dr"} {
		if !strings.Contains(scr, want) {
			t.Errorf("after the switch the screen lacks %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "cluster-east-1") || strings.Contains(scr, "hub-admin") {
		t.Errorf("the old fleet is still on screen:\n%s", scr)
	}

	// Late results of the old fleet are dropped: its snapshots (generation ≤ After) and the
	// rows built for its fleet page.
	late := testFleet()
	h.send(fleetMsg{fleet: late})
	h.send(pages.RowsMsg{ListID: oldList, FleetGen: late.Generation, ViewGen: 1,
		Res: rows.Result{Rows: []*rows.Row{{Key: "ghost", Cells: make([]string, 12)}}, Cursor: -1}})
	if h.m.fleet != nil || strings.Contains(h.screen(), "cluster-east-1") || strings.Contains(h.screen(), "ghost") {
		t.Fatalf("a late snapshot or row build of the old fleet was shown:\n%s", h.screen())
	}

	// The new hub's fleet is shown, and once every source settled the status bar stops
	// saying Syncing.
	syncing := hubBFleet(b.after + 1)
	syncing.Clusters[0].Sources[model.ProductArgoCD].State = model.StateSyncing
	h.send(fleetMsg{fleet: syncing})
	scr = h.screen()
	if !strings.Contains(scr, "cluster-south-7") || !strings.Contains(scr, "Syncing context hub-dr ·") {
		t.Fatalf("the new fleet is not shown as syncing:\n%s", scr)
	}
	h.send(fleetMsg{fleet: hubBFleet(b.after + 2)})
	scr = h.screen()
	if !strings.Contains(scr, "cluster-south-7") || strings.Contains(scr, "Syncing") || !strings.Contains(scr, "context hub-dr") {
		t.Fatalf("the new fleet, settled, is not shown as such:\n%s", scr)
	}
}

func TestCtxNameSwitchesDirectlyAndAnUnknownOneChangesNothing(t *testing.T) {
	h, b := newContextsHarness(t, 120, 30)
	h.press(":")
	h.typeText("cluster-apps")
	h.press("enter") // an unknown command first: nothing to do with contexts
	h.press(":")
	h.typeText("ctx nope")
	h.press("enter")
	scr := h.screen()
	if !strings.Contains(scr, `context nope: context "nope" not found in kubeconfig`) {
		t.Fatalf("an unknown context is not a one-line error:\n%s", scr)
	}
	if h.m.fleet == nil || !strings.Contains(scr, "context hub-admin") || !strings.Contains(scr, "cluster-east-1") || h.m.switching != "" {
		t.Fatalf("an unknown context changed the dashboard:\n%s", scr)
	}
	h.press(":")
	h.typeText("ctx hub-admin")
	h.press("enter")
	if len(b.switched) != 1 || !strings.Contains(h.screen(), "the hub runs on context hub-admin already") {
		t.Fatalf("switching to the current context asked the backend (%v) or said nothing:\n%s", b.switched, h.screen())
	}
	b.note = "--server and --token applied to the first context only"
	h.press(":")
	h.typeText("context north-admin")
	h.press("enter")
	if len(b.switched) != 2 || b.switched[1] != "north-admin" || !strings.Contains(h.screen(), "context north-admin") ||
		!strings.Contains(h.screen(), "--server and --token applied to the first context only") {
		t.Fatalf(":context north-admin did not switch, or hid the note (%v):\n%s", b.switched, h.screen())
	}
}

func TestTabCompletesContextNames(t *testing.T) {
	h, _ := newContextsHarness(t, 120, 30)
	h.press(":")
	h.typeText("ctx ea")
	if !strings.Contains(h.screen(), "ctx east-admin") {
		t.Errorf("the prompt's hint does not offer ctx east-admin:\n%s", h.screen())
	}
	h.press("tab")
	if got := h.m.prompt.Value(); got != "ctx east-admin" {
		t.Fatalf("tab completed %q, want ctx east-admin", got)
	}
}

func TestCtxWithoutAKubeconfigSaysSo(t *testing.T) {
	h := newFleetHarness(t, 120, 30) // fakeBackend: no ContextSwitcher, as the demo
	h.press(":")
	h.typeText("ctx")
	h.press("enter")
	if _, ok := h.m.top().(*fleet.Page); !ok || !strings.Contains(h.screen(), "no kubeconfig: the demo's fleet is built in") {
		t.Fatalf(":ctx without a kubeconfig:\n%s", h.screen())
	}
	h.press(":")
	h.typeText("ctx east-admin")
	h.press("enter")
	if !strings.Contains(h.screen(), "no kubeconfig") || h.m.switching != "" {
		t.Fatalf(":ctx NAME without a kubeconfig:\n%s", h.screen())
	}
}

// The contexts page draws before any fleet arrived: a hub that never answers is a reason to
// switch away from it.
func TestContextsShowBeforeTheFirstFleet(t *testing.T) {
	b := newSwitchingBackend()
	m := New(b, Options{Now: func() time.Time { return testNow }, HubContext: "hub-admin"})
	m.animate = false
	m.listen = func() tea.Cmd { return nil }
	h := &harness{t: t, m: m, b: b.fakeBackend}
	h.run(m.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 20})
	h.press(":")
	h.typeText("ctx")
	h.press("enter")
	if !strings.Contains(h.screen(), "hub-dr") {
		t.Fatalf("the contexts page waits for a fleet:\n%s", h.screen())
	}
}

func TestGoldenContexts(t *testing.T) {
	for _, s := range sizes {
		t.Run(fmt.Sprintf("%dx%d", s.w, s.h), func(t *testing.T) {
			h, _ := newContextsHarness(t, s.w, s.h)
			h.press(":")
			h.typeText("ctx")
			h.press("enter")
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

func TestGoldenContextSwitched(t *testing.T) {
	for _, s := range sizes {
		t.Run(fmt.Sprintf("%dx%d", s.w, s.h), func(t *testing.T) {
			h, b := newContextsHarness(t, s.w, s.h)
			h.press(":")
			h.typeText("ctx hub-dr")
			h.press("enter")
			syncing := hubBFleet(b.after + 1)
			syncing.Clusters[0].Sources[model.ProductArgoCD].State = model.StateSyncing
			h.send(fleetMsg{fleet: syncing})
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

// While a switch runs, no action starts or is sent: its targets would be resolved on one hub
// and sent to the other. A dialog open when the switch ends is dropped.
func TestNoActionWhileTheHubIsSwitched(t *testing.T) {
	h, _ := newContextsHarness(t, 160, 48)
	selectPayments(h)
	h.m.switching = "hub-dr" // as while SwitchContext runs in its Cmd
	h.press("s")
	if h.m.dialog != nil || len(h.b.exec.checked) != 0 || !strings.Contains(h.screen(), "no action until its fleet is on screen") {
		t.Fatalf("s during a switch started an action (checked %v):\n%s", h.b.exec.checked, h.screen())
	}
	h.m.switching = ""
	h.press("s")
	if h.m.dialog == nil {
		t.Fatalf("s after the switch was refused: %q", h.m.message)
	}
	h.m.switching = "hub-dr"
	h.press("y", "enter")
	if len(h.b.exec.requests) != 0 || !strings.Contains(h.screen(), "no action until its fleet is on screen: nothing was sent") {
		t.Fatalf("a sync confirmed during a switch was sent: %+v\n%s", h.b.exec.requests, h.screen())
	}
	h.m.switching = ""
	h.press("s")
	h.send(contextSwitchedMsg{name: "hub-dr", res: ContextSwitch{Context: "hub-dr", After: 100}})
	if h.m.dialog != nil {
		t.Fatal("the dialog of the old fleet's app stayed open after the switch")
	}
}
