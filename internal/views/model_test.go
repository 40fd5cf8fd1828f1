package views

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/cluster"
	"github.com/mcgtui/mcgtui/internal/views/pages/detail"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

func TestWaitForFleetDeliversAndStopsOnClose(t *testing.T) {
	b := newFakeBackend()
	m := New(b, Options{})
	f := testFleet()
	b.updates <- f
	if msg, ok := m.waitForFleet()().(fleetMsg); !ok || msg.fleet != f {
		t.Fatalf("want fleetMsg with the sent fleet, got %#v", msg)
	}
	close(b.updates)
	if _, ok := m.waitForFleet()().(updatesClosedMsg); !ok {
		t.Fatal("a closed channel must yield updatesClosedMsg")
	}
	_, cmd := m.Update(updatesClosedMsg{})
	if cmd != nil {
		if _, again := cmd().(fleetMsg); again {
			t.Fatal("listening must not be re-armed after the channel closed")
		}
	}
}

func TestFleetMsgRearmsListening(t *testing.T) {
	h := newHarness(t, 80, 24)
	armed := 0
	h.m.listen = func() tea.Cmd { armed++; return nil }
	h.send(fleetMsg{fleet: testFleet()})
	h.send(fleetMsg{fleet: newTestFleet(101, testFleet().Clusters...)})
	if armed != 2 {
		t.Fatalf("listen re-armed %d times, want 2", armed)
	}
}

func TestOlderFleetIsIgnored(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	older := newTestFleet(50, testFleet().Clusters[:1]...)
	h.send(fleetMsg{fleet: older})
	if h.m.fleet.Generation != 100 {
		t.Fatalf("fleet generation %d, want 100 kept", h.m.fleet.Generation)
	}
}

func fleetList(h *harness) *pages.List { return h.m.stack[0].ActiveList() }

func TestStaleRowsAreDropped(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	l := fleetList(h)
	before := len(l.Table().Rows())
	stale := pages.RowsMsg{ListID: l.ID(), FleetGen: h.m.fleet.Generation, ViewGen: l.Gen() - 1,
		Res: rows.Result{Rows: []*rows.Row{{Key: "ghost", Cells: make([]string, 10)}}, Cursor: -1}}
	h.send(stale)
	oldFleet := pages.RowsMsg{ListID: l.ID(), FleetGen: h.m.fleet.Generation - 1, ViewGen: l.Gen(), Res: stale.Res}
	h.send(oldFleet)
	if len(l.Table().Rows()) != before || l.Table().Rows()[0].Key == "ghost" {
		t.Fatal("a rowsMsg with a stale generation was applied")
	}
	fresh := pages.RowsMsg{ListID: l.ID(), FleetGen: h.m.fleet.Generation, ViewGen: l.Gen(), Res: stale.Res}
	h.send(fresh)
	if len(l.Table().Rows()) != 1 {
		t.Fatal("a current rowsMsg was not applied")
	}
}

func TestKeystrokeOnlyStartsABuild(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	l := fleetList(h)
	gen := l.Gen()
	_, cmd := h.m.Update(keyPress("!"))
	if len(l.Table().Rows()) != 5 || l.Gen() != gen+1 || cmd == nil {
		t.Fatalf("the key press must bump the generation and return the build Cmd (rows %d, gen %d→%d)",
			len(l.Table().Rows()), gen, l.Gen())
	}
	// A second change while the build runs is queued, not started.
	_, second := h.m.Update(keyPress("<"))
	if !l.Pending() {
		t.Fatal("a change during a build must be queued")
	}
	h.run(cmd)
	h.run(second)
	if l.Busy() || l.Pending() {
		t.Fatal("builds must settle")
	}
	if len(l.Table().Rows()) != 4 || !l.Query().Reverse {
		t.Fatalf("want 4 problem clusters in reverse order, got %d", len(l.Table().Rows()))
	}
	if got := l.Table().Rows()[0].Verdict; got != model.VerdictCritical {
		t.Fatalf("reverse of worst-first still starts with the worst verdict among equals, got %v", got)
	}
}

func TestCursorFollowsTheSameObject(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	h.press("j", "j")
	l := fleetList(h)
	want := l.Table().SelectedKey()
	if want != "cluster-north-4" {
		t.Fatalf("selected %q, want cluster-north-4", want)
	}
	// cluster-east-1 recovers: it now sorts below the others, shifting every index.
	f := testFleet()
	east := f.Clusters[1]
	east.Secrets = east.Secrets[:1]
	east.Apps = east.Apps[:1]
	east.Volumes = east.Volumes[:1]
	h.send(fleetMsg{fleet: newTestFleet(101, f.Clusters...)})
	if got := l.Table().SelectedKey(); got != want {
		t.Fatalf("cursor moved to %q, want it to stay on %q", got, want)
	}
}

func TestSortCyclesColumns(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press(">") // STATE → UPDATED (next column, wrapping)
	h.press(">") // → NAME
	l := fleetList(h)
	if l.Table().Columns()[l.Query().SortCol].Title != "NAME" {
		t.Fatalf("sorting by %s, want NAME", l.Table().Columns()[l.Query().SortCol].Title)
	}
	var names []string
	for _, r := range l.Table().Rows() {
		names = append(names, r.Key)
	}
	if strings.Join(names, ",") != "cluster-east-1,cluster-edge-9,cluster-north-4,cluster-west-2,hub" {
		t.Fatalf("rows not sorted by name: %v", names)
	}
	if !strings.Contains(h.screen(), "sort NAME↑") {
		t.Fatal("the title must show the sort column")
	}
}

func TestFilterAndEscape(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	h.press("/")
	h.typeText("WEST")
	l := fleetList(h)
	if len(l.Table().Rows()) != 1 || l.Table().Rows()[0].Key != "cluster-west-2" {
		t.Fatalf("filter is case-insensitive and live; got %d rows", len(l.Table().Rows()))
	}
	h.press("enter")
	if h.m.prompt.Active() || l.Filter() != "WEST" {
		t.Fatal("enter must close the prompt and keep the filter")
	}
	h.press("esc")
	if l.Filter() != "" || len(l.Table().Rows()) != 5 {
		t.Fatal("esc must clear the filter first")
	}
	h.press("/")
	h.typeText("zzz")
	if !strings.Contains(h.screen(), `no clusters match "zzz"`) {
		t.Fatalf("an empty result must say so:\n%s", h.screen())
	}
	h.press("esc")
	if h.m.prompt.Active() || l.Filter() != "" {
		t.Fatal("esc in the prompt must cancel and clear the filter")
	}
}

func TestNavigationStack(t *testing.T) {
	h := newFleetHarness(t, 120, 40)
	h.press("enter") // worst cluster first: cluster-east-1
	cp, ok := h.m.top().(*cluster.Page)
	if !ok || cp.Name() != "cluster-east-1" {
		t.Fatalf("enter must open the cluster page, top is %T", h.m.top())
	}
	h.press("tab", "tab", "shift+tab")
	if cp.Active() != 1 {
		t.Fatalf("active tab %d, want 1 (Secrets)", cp.Active())
	}
	h.press("4")
	if cp.Active() != 3 || !strings.Contains(h.screen(), "scratch") {
		t.Fatalf("tab 4 must show the volumes:\n%s", h.screen())
	}
	h.b.yaml["scratch"] = "kind: PersistentVolumeClaim\n"
	h.press("enter")
	d, ok := h.m.top().(*detail.Page)
	if !ok || d.Ref().Name != "scratch" || d.Loading() {
		t.Fatalf("enter on the Pending PVC must open its detail with YAML loaded (top %T)", h.m.top())
	}
	if !strings.Contains(h.screen(), "kind: PersistentVolumeClaim") {
		t.Fatalf("detail must show the YAML:\n%s", h.screen())
	}
	h.press("esc")
	if h.m.top() != cp {
		t.Fatal("esc must go back to the cluster page")
	}
	h.press("esc", "esc")
	if len(h.m.stack) != 1 || h.quit {
		t.Fatal("esc must stop at the fleet page without quitting")
	}
	h.press("q")
	if !h.quit {
		t.Fatal("q must quit")
	}
}

func TestCommands(t *testing.T) {
	h := newFleetHarness(t, 120, 40)
	for _, c := range []struct{ cmd, title string }{
		{"secrets", "Secrets · all clusters"}, {"pvc", "Volumes · all clusters"},
		{"px", "Nodes · all clusters"}, {"stores", "Stores · all clusters"}, {"clusters", "Fleet"},
	} {
		h.press(":")
		h.typeText(c.cmd)
		h.press("enter")
		if len(h.m.stack) > 2 || !strings.HasPrefix(h.m.top().Title(), c.title) {
			t.Fatalf(":%s shows %q (stack %d)", c.cmd, h.m.top().Title(), len(h.m.stack))
		}
	}
	h.press(":")
	h.typeText("sto")
	h.press("tab", "enter")
	if !strings.HasPrefix(h.m.top().Title(), "Stores") {
		t.Fatalf("tab must complete :sto to :stores, got %q", h.m.top().Title())
	}
	h.press(":")
	h.typeText("pods")
	h.press("enter")
	if !strings.Contains(h.screen(), "unknown command :pods") {
		t.Fatalf("an unknown command must be reported:\n%s", h.screen())
	}
	h.press("j")
	if strings.Contains(h.screen(), "unknown command") {
		t.Fatal("the message must clear on the next key")
	}
	h.press(":")
	h.typeText("q")
	h.press("enter")
	if !h.quit {
		t.Fatal(":q must quit")
	}
}

func TestHubAppsShowOnTheirDestination(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press(":")
	h.typeText("apps")
	h.press("enter")
	var found bool
	for _, r := range h.m.top().ActiveList().Table().Rows() {
		if r.Key == rows.ObjectKey(&model.Meta{Ref: model.Ref{Cluster: "hub", Namespace: "openshift-gitops",
			Name: "config-cluster-edge-9", Resource: "applications"}}) {
			found = r.Cells[0] == "hub" && r.Cells[6] == "cluster-edge-9"
		}
	}
	if !found {
		t.Fatal("a hub app must show CLUSTER hub and DEST cluster-edge-9")
	}
}

func TestMouseWheelMovesTheCursor(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if got := fleetList(h).Table().Cursor(); got != 3 {
		t.Fatalf("cursor %d after wheel down, want 3", got)
	}
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if got := fleetList(h).Table().Cursor(); got != 0 {
		t.Fatalf("cursor %d after wheel up, want 0", got)
	}
}

func TestDetailFollowsNewFleets(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press(":")
	h.typeText("stores")
	h.press("enter", "enter")
	d := h.m.top().(*detail.Page)
	f := testFleet()
	f.Clusters[2].Stores[0].Health = ok()
	h.send(fleetMsg{fleet: newTestFleet(101, f.Clusters...)})
	if s, _ := d.Object().(*model.SecretStore); s == nil || s.Health.Verdict != model.VerdictOK {
		t.Fatal("the detail page must show the object from the newest fleet")
	}
}

func TestTinyTerminalsDoNotPanic(t *testing.T) {
	sizes := [][2]int{{20, 5}, {1, 1}, {0, 0}, {2, 2}, {3, 3}, {5, 4}, {10, 2}, {-1, -1}}
	journeys := map[string][]string{
		"fleet":      nil,
		"cluster":    {"enter"},
		"conditions": {"enter", "7"},
		"detail":     {"enter", "enter"},
		"help":       {"?"},
		"prompt":     {":"},
		"filter":     {"/"},
	}
	for name, keys := range journeys {
		for _, s := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", name, s[0], s[1]), func(t *testing.T) {
				h := newFleetHarness(t, 80, 24)
				h.press(keys...)
				h.send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
				h.press("j", "G", "tab")
				screen := h.screen()
				lines := strings.Split(screen, "\n")
				if s[1] > 0 && len(lines) > s[1] {
					t.Fatalf("%d lines for height %d", len(lines), s[1])
				}
				if s[0] <= 0 && screen != "" {
					t.Fatalf("want an empty screen at width %d", s[0])
				}
			})
		}
	}
}

func TestEmptyFleetAndBeforeFirstFleet(t *testing.T) {
	h := newHarness(t, 80, 24)
	if !strings.Contains(h.screen(), "waiting for the first fleet snapshot") {
		t.Fatalf("before the first fleet:\n%s", h.screen())
	}
	h.send(fleetMsg{fleet: &model.Fleet{Generation: 1}})
	h.press("enter", ":")
	h.typeText("apps")
	h.press("enter", "enter", "/", "x")
	if !strings.Contains(h.screen(), "no apps") {
		t.Fatalf("an empty fleet-wide list must say so:\n%s", h.screen())
	}
}

// bigFleet is a hub with n Applications spread over many spokes.
func bigFleet(n int) *model.Fleet {
	hub := &model.ClusterSnapshot{Name: "hub", Hub: true, Updated: testNow}
	hub.Apps = make([]model.App, n)
	for i := range hub.Apps {
		h := ok()
		if i%97 == 0 {
			h = bad(model.VerdictWarning, "OutOfSync")
		}
		hub.Apps[i] = app("hub", fmt.Sprintf("app-%05d", i), fmt.Sprintf("cluster-%03d", i%300), "Synced", "Healthy", h)
	}
	return newTestFleet(1, hub)
}

func TestLargeListRendersOnlyTheVisibleWindow(t *testing.T) {
	h := newHarness(t, 120, 30)
	h.send(fleetMsg{fleet: bigFleet(70000)})
	h.press(":")
	h.typeText("apps")
	h.press("enter", "G")
	l := h.m.top().ActiveList()
	if len(l.Table().Rows()) != 70000 {
		t.Fatalf("%d rows, want 70000", len(l.Table().Rows()))
	}
	lines := strings.Split(h.screen(), "\n")
	if len(lines) != 30 {
		t.Fatalf("%d lines, want 30", len(lines))
	}
	// How fast View is with 70k rows is BenchmarkViewWith70kApps's job, not a timed assertion.
}

func BenchmarkViewWith70kApps(b *testing.B) {
	h := newHarness(&testing.T{}, 160, 48)
	h.send(fleetMsg{fleet: bigFleet(70000)})
	h.press(":")
	h.typeText("apps")
	h.press("enter")
	b.ResetTimer()
	for range b.N {
		_ = h.m.View()
	}
}

func BenchmarkBuildRows70kApps(b *testing.B) {
	f := bigFleet(70000)
	q := rows.Query{Kind: rows.KindApps, SortCol: rows.StateColumn(rows.ColumnsFor(rows.KindApps, ""))}
	b.ResetTimer()
	for range b.N {
		_ = rows.Build(f, q)
	}
}
