package views

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// newBadgedHarness is newFleetHarness in a demo opened read-only at w×h: both badges compete
// with the context name and the counts for the header's room.
func newBadgedHarness(t *testing.T, w, h int, readOnly bool) *harness {
	t.Helper()
	hs := newHarnessWith(t, w, h, Options{HubContext: "hub-admin", Demo: true, ReadOnly: readOnly})
	hs.send(fleetMsg{fleet: testFleet()})
	return hs
}

// requireFits fails when the screen is not exactly h lines of at most w cells (a wrapped row
// adds a line and pushes the status bar off) or its header lacks a badge.
func requireFits(t *testing.T, screen string, w, h int, badges ...string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d:\n%s", len(lines), h, screen)
	}
	for i, l := range lines {
		if cw := ansi.StringWidth(l); cw > w {
			t.Errorf("line %d is %d cells wide (> %d): %q", i+1, cw, w, l)
		}
	}
	for _, b := range badges {
		if !strings.Contains(lines[0], b) {
			t.Errorf("header without %q: %q", b, lines[0])
		}
	}
}

// TestGoldenBadges: at 80×24 the pages an SRE opens most keep both badges in the header and
// drop columns instead of wrapping rows. A read-only session opens no confirmation dialog
// (actions are hidden), so the dialog is shown with the DEMO badge alone.
func TestGoldenBadges(t *testing.T) {
	const w, h = 80, 24
	screens := []struct {
		name     string
		readOnly bool
		steps    func(h *harness)
	}{
		{"fleet", true, func(*harness) {}},
		{"cluster-apps", true, func(h *harness) {
			h.press("/")
			h.typeText("east")
			h.press("enter", "enter")
		}},
		{"cluster-secrets", true, func(h *harness) { h.press("/"); h.typeText("east"); h.press("enter", "enter", "2") }},
		{"cluster-stores", true, func(h *harness) { h.press("/"); h.typeText("east"); h.press("enter", "enter", "3") }},
		{"cluster-volumes", true, func(h *harness) { h.press("/"); h.typeText("east"); h.press("enter", "enter", "4") }},
		{"cluster-nodes", true, func(h *harness) { h.press("/"); h.typeText("east"); h.press("enter", "enter", "5") }},
		{"cluster-policies", true, func(h *harness) { h.press("/"); h.typeText("east"); h.press("enter", "enter", "6") }},
		{"cluster-conditions", true, func(h *harness) { h.press("/"); h.typeText("east"); h.press("enter", "enter", "7") }},
		{"drift", true, func(h *harness) { selectPayments(h); h.press("d") }},
		{"diff", true, func(h *harness) { h.b.diff = paymentsDiff(); selectPayments(h); h.press("D") }},
		{"sync-dialog", false, func(h *harness) { selectPayments(h); h.press("s") }},
	}
	for _, s := range screens {
		t.Run(s.name, func(t *testing.T) {
			hs := newBadgedHarness(t, w, h, s.readOnly)
			s.steps(hs)
			screen := hs.screen()
			badges := []string{"DEMO"}
			if s.readOnly {
				badges = append(badges, "read-only")
			}
			requireFits(t, screen, w, h, badges...)
			golden.RequireEqual(t, []byte(screen))
		})
	}
}
