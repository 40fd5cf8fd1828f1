package views

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/pages/diffview"
)

func TestDiffErrorShowsTheReasonTheOutOfSyncResourcesAndTheYAML(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.b.yaml["payments"] = paymentsYAML
	selectPayments(h)
	h.press("D")
	screen := h.screen()
	for _, want := range []string{
		"could not get the diff: no Argo CD server configured for cluster cluster-east-1",
		"Deployment  payments   payments-api     OutOfSync",
		"ConfigMap   payments   payments-config  OutOfSync",
		"Live Application YAML",
		"repoURL: https://git.example.com/fleet/gitops.git",
	} {
		if !strings.Contains(screen, want) {
			t.Fatalf("the diff error view must show %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "Service     payments   payments-api") {
		t.Fatal("only the out-of-sync resources belong in the fallback list")
	}
	if len(h.b.fetched) != 1 || h.b.fetched[0] != paymentsRef() {
		t.Fatalf("the live YAML of the app must be fetched, got %v", h.b.fetched)
	}
}

func TestDiffErrorWithoutYAMLStillSaysWhy(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	selectPayments(h)
	h.press("D")
	screen := h.screen()
	if !strings.Contains(screen, "no Argo CD server configured") || !strings.Contains(screen, "could not fetch YAML: applications") {
		t.Fatalf("both errors must be said:\n%s", screen)
	}
}

// diffOffset is the top line of the diff page's pane.
func diffOffset(h *harness) int { return h.m.top().(*diffview.Page).Offset() }

func TestDiffNavigation(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	h.b.diff = paymentsDiff()
	selectPayments(h)
	h.press("D")
	p := h.m.top().(*diffview.Page)
	if len(p.ResourceStarts()) != 2 || len(p.HunkStarts()) != 3 {
		t.Fatalf("want 2 modified resources and 3 hunks, got %v %v", p.ResourceStarts(), p.HunkStarts())
	}
	h.press("}")
	if diffOffset(h) != p.HunkStarts()[0] {
		t.Fatalf("} must go to the first hunk, at %d", diffOffset(h))
	}
	h.press("}", "{")
	if diffOffset(h) != p.HunkStarts()[0] {
		t.Fatalf("{ must go back to the first hunk, at %d", diffOffset(h))
	}
	h.press("]")
	if scr := h.screen(); !strings.Contains(scr, "2/2 ConfigMap payments/payments-config") || strings.Count(scr, "payments/payments-config") != 1 {
		t.Fatalf("] must go to the next resource, its title shown once:\n%s", scr)
	}
	h.press("N")
	if scr := h.screen(); diffOffset(h) != 0 || !strings.Contains(scr, "1/2 apps/Deployment") || strings.Count(scr, "Deployment payments/payments-api") != 1 {
		t.Fatalf("N must go back to the first resource, its title shown once:\n%s", scr)
	}
	h.press("}")
	if scr := h.screen(); !strings.Contains(scr, "resource 1/2 · apps/Deployment payments/payments-api") {
		t.Fatalf("scrolled into a resource, the header names it:\n%s", scr)
	}
	h.press("g")
	h.press("?")
	if help := h.screen(); !strings.Contains(help, "next hunk") || !strings.Contains(help, "open in external diff") {
		t.Fatalf("help must list the diff keys:\n%s", help)
	}
}

func TestExternalDiff(t *testing.T) {
	for _, c := range []struct{ tool, message string }{
		{"false", "external diff of payments closed"}, // exit status 1: differences, not a failure
		{"mcgtui-no-such-diff-tool", "external diff of payments failed: exec: \"mcgtui-no-such-diff-tool\""},
	} {
		t.Run(c.tool, func(t *testing.T) {
			t.Setenv("MCGTUI_DIFF", c.tool)
			h := newFleetHarness(t, 80, 24)
			h.b.diff = paymentsDiff()
			var dirs []string
			h.m.execProcess = func(cmd *exec.Cmd, done tea.ExecCallback) tea.Cmd {
				dirs = cmd.Args[len(cmd.Args)-2:]
				return func() tea.Msg { return done(cmd.Run()) }
			}
			selectPayments(h)
			h.press("D", "o")
			if len(dirs) != 2 || !strings.HasSuffix(dirs[0], "live") || !strings.HasSuffix(dirs[1], "target") {
				t.Fatalf("the tool must get the live and target folders, got %v", dirs)
			}
			if _, err := os.Stat(dirs[0]); !os.IsNotExist(err) {
				t.Fatal("the temporary trees must be removed after the tool exits")
			}
			if !strings.HasPrefix(h.m.message, c.message) {
				t.Fatalf("message %q, want %q…", h.m.message, c.message)
			}
		})
	}
}

func TestDriftViewFollowsTheApp(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press(":")
	h.typeText("apps")
	h.press("enter", "/")
	h.typeText("west")
	h.press("enter", "d")
	if !strings.Contains(h.screen(), "Synced · sync operation Running…") {
		t.Fatalf("the drift view must show the running operation:\n%s", h.screen())
	}
	f := testFleet()
	f.Clusters[2].Apps[0].Operation = &model.Operation{Phase: "Succeeded", Message: "successfully synced (all tasks run)",
		StartedAt: ago(time.Minute), FinishedAt: ago(30 * time.Second)}
	h.send(fleetMsg{fleet: newTestFleet(101, f.Clusters...)})
	screen := h.screen()
	if !strings.Contains(screen, "Phase     Succeeded") || !strings.Contains(screen, "successfully synced (all tasks run)") {
		t.Fatalf("the drift view must follow the app into the new fleet:\n%s", screen)
	}
	h.send(fleetMsg{fleet: newTestFleet(102, f.Clusters[:2]...)})
	if !strings.Contains(h.screen(), "no longer in the fleet") {
		t.Fatal("an app gone from the fleet must say so")
	}
	h.press("s")
	if len(h.b.exec.checked) != 0 {
		t.Fatal("no action on an app that is gone")
	}
}
