package views

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

func TestGoldenTriage(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("triage")
		h.press("enter")
	})
}

func TestGoldenTriageExpanded(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("triage")
		h.press("enter", "enter", "j") // expand the first cause, cursor on its first object
	})
}

func TestGoldenFleetMap(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("map")
		h.press("enter", "right")
	})
}

func TestGoldenFleetMapByClusterSetFiltered(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("map")
		h.press("enter", "b", "/")
		h.typeText("e")
		h.press("enter")
	})
}

func TestTriageHeaderAndOpen(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press(":")
	h.typeText("triage")
	h.press("enter")
	screen := h.screen()
	if !strings.Contains(screen, "problems · ") || !strings.Contains(screen, " causes") {
		t.Fatalf("the header counts problems and causes:\n%s", screen)
	}
	// Expand the first cause, go to its root object and open it.
	h.press("enter", "j", "enter")
	if title := h.m.top().Title(); !strings.Contains(title, "›") {
		t.Errorf("enter on an object should open it, top page %q", title)
	}
	h.press("esc", "left")
	if strings.Contains(h.screen(), "timeline:") {
		t.Errorf("left should collapse the cause")
	}
}

func TestMapMovesAndOpensCluster(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	h.press(":")
	h.typeText("map")
	h.press("enter", "down", "right", "enter")
	if title := h.m.top().Title(); strings.HasPrefix(title, "Fleet map") {
		t.Errorf("enter should open the cluster under the cursor, top page %q", title)
	}
	h.press("esc", "/")
	h.typeText("zzz")
	h.press("enter")
	if !strings.Contains(h.screen(), "no cluster matches") {
		t.Errorf("a filter matching nothing says so:\n%s", h.screen())
	}
	h.press("esc")
	if strings.Contains(h.screen(), "no cluster matches") {
		t.Errorf("esc clears the map's filter")
	}
}

// demoBackend is the fake backend with incidents.
type demoBackend struct {
	*fakeBackend
	injected []string
	healed   int
}

func (d *demoBackend) Incidents() []string { return []string{"vault-outage", "bad-commit"} }
func (d *demoBackend) Inject(_ context.Context, name string) error {
	if name != "vault-outage" && name != "bad-commit" {
		return errors.New("unknown incident " + name)
	}
	d.injected = append(d.injected, name)
	return nil
}
func (d *demoBackend) HealAll(context.Context) error { d.healed++; return nil }

func TestIncidentCommands(t *testing.T) {
	h := newFleetHarness(t, 120, 30)
	h.press(":")
	h.typeText("heal")
	h.press("enter")
	if !strings.Contains(h.screen(), "works in the demo only") {
		t.Errorf(":heal on a real hub should say it is for the demo:\n%s", h.screen())
	}

	d := &demoBackend{fakeBackend: newFakeBackend()}
	m := New(d, Options{Now: func() time.Time { return testNow }, HubContext: "hub-admin", Demo: true})
	m.animate = false
	m.listen = func() tea.Cmd { return nil }
	h = &harness{t: t, m: m, b: d.fakeBackend}
	h.run(m.Init())
	h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	h.send(fleetMsg{fleet: testFleet()})
	h.press(":")
	h.typeText("incident va")
	h.press("tab", "enter") // tab completes the incident's name
	if len(d.injected) != 1 || d.injected[0] != "vault-outage" {
		t.Fatalf("injected %v, want vault-outage", d.injected)
	}
	if !strings.Contains(h.screen(), "incident vault-outage injected") {
		t.Errorf("the message line should confirm:\n%s", h.screen())
	}
	h.press(":")
	h.typeText("incident meteor")
	h.press("enter")
	if !strings.Contains(h.screen(), "unknown incident meteor") {
		t.Errorf("an unknown incident is an error:\n%s", h.screen())
	}
	h.press(":")
	h.typeText("heal")
	h.press("enter")
	if d.healed != 1 {
		t.Errorf("heal called %d times", d.healed)
	}
}

func TestCauseActions(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press(":")
	h.typeText("triage")
	h.press("enter")
	// Find a cause with apps or secrets beneath and sync / force-sync them from its line.
	for range 10 {
		h.press("f")
		if h.m.dialog != nil || strings.Contains(h.screen(), "force-sync") {
			break
		}
		h.press("j")
	}
	if h.m.dialog == nil && !strings.Contains(h.screen(), "nothing under this cause") {
		t.Fatalf("f on a cause should ask to force-sync its secrets:\n%s", h.screen())
	}
	if h.m.dialog != nil && len(h.m.dialog.Request().Targets) == 0 {
		t.Errorf("the dialog has no targets")
	}
}

func TestHelpListsPageAndIncidentCommands(t *testing.T) {
	d := &demoBackend{fakeBackend: newFakeBackend()}
	m := New(d, Options{Now: func() time.Time { return testNow }, Demo: true})
	m.animate = false
	m.listen = func() tea.Cmd { return nil }
	h := &harness{t: t, m: m, b: d.fakeBackend}
	h.run(m.Init())
	h.send(tea.WindowSizeMsg{Width: 160, Height: 48})
	h.send(fleetMsg{fleet: testFleet()})
	h.press("?")
	for _, want := range []string{":triage", ":map", ":incident NAME", "vault-outage", ":heal"} {
		if !strings.Contains(h.screen(), want) {
			t.Errorf("help lacks %q:\n%s", want, h.screen())
		}
	}
}
