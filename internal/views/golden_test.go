package views

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/charmbracelet/x/exp/golden"
)

// sizes are the terminal sizes every golden screen is checked at.
var sizes = []struct{ w, h int }{{80, 24}, {160, 48}}

// goldenScreens runs steps on a fresh harness holding the test fleet, once per size, and
// compares the ANSI-stripped screen with testdata/<test>/<size>.golden.
func goldenScreens(t *testing.T, steps func(h *harness)) {
	t.Helper()
	for _, s := range sizes {
		t.Run(fmt.Sprintf("%dx%d", s.w, s.h), func(t *testing.T) {
			h := newFleetHarness(t, s.w, s.h)
			steps(h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

func TestGoldenFleet(t *testing.T) {
	goldenScreens(t, func(*harness) {})
}

func TestGoldenClusterApps(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press("/")
		h.typeText("east")
		h.press("enter", "enter") // keep the filter, open the selected cluster
	})
}

func TestGoldenClusterConditionsNoAccess(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press("/")
		h.typeText("edge")
		h.press("enter", "enter", "7")
	})
}

func TestGoldenNoAccessApps(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press("/")
		h.typeText("edge")
		h.press("enter", "enter")
	})
}

func TestGoldenPortworxNotInstalled(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press("/")
		h.typeText("west")
		h.press("enter", "enter", "5")
	})
}

func TestGoldenFleetWideApps(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("apps")
		h.press("enter")
	})
}

func TestGoldenCommandPrompt(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("s")
	})
}

func TestGoldenFiltered(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("apps")
		h.press("enter", "/")
		h.typeText("guestbook")
	})
}

func TestGoldenProblemsOnly(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("secrets")
		h.press("enter", "!")
	})
}

func TestGoldenDetailYAML(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.b.yaml["payments"] = paymentsYAML
		h.press(":")
		h.typeText("apps")
		h.press("enter", "/")
		h.typeText("payments")
		h.press("enter", "enter")
	})
}

func TestGoldenDetailFetchError(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("stores")
		h.press("enter", "enter")
	})
}

func TestGoldenHelp(t *testing.T) {
	goldenScreens(t, func(h *harness) { h.press("?") })
}

func TestGoldenTiny(t *testing.T) {
	h := newFleetHarness(t, 20, 5)
	golden.RequireEqual(t, []byte(h.screen()))
}

const paymentsYAML = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: payments
  namespace: openshift-gitops
spec:
  destination:
    name: cluster-east-1
    namespace: payments
  project: default
  source:
    path: apps/payments
    repoURL: https://git.example.com/fleet/gitops.git
    targetRevision: main
  syncPolicy:
    automated:
      selfHeal: true
status:
  health:
    status: Healthy
  sync:
    status: OutOfSync
    revision: 4f2c9e1a7b3d5f6e8a9b0c1d2e3f4a5b6c7d8e9f
`

func TestGoldenDetailYAMLScrolled(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.b.yaml["payments"] = paymentsYAML
		h.press(":")
		h.typeText("apps")
		h.press("enter", "/")
		h.typeText("payments")
		h.press("enter", "enter", "G")
	})
}

func TestGoldenDemoWithNote(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		f := testFleet()
		f.Generation, f.Demo = 101, true
		f.Note = "demo fleet: generated data, no cluster is contacted"
		h.send(fleetMsg{fleet: f})
	})
}

func TestGoldenClusterVolumes(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press("enter", "4")
	})
}

func TestGoldenFleetWideNodes(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("nodes")
		h.press("enter")
	})
}

// TestBadgesAtAnyWidth: the DEMO and read-only badges stay on the header line however narrow
// the terminal; the rest of the line is cut instead.
func TestBadgesAtAnyWidth(t *testing.T) {
	for _, w := range []int{200, 80, 60, 40, 24} {
		h := newHarnessWith(t, w, 24, Options{HubContext: "hub-admin-with-a-long-context-name", Demo: true, ReadOnly: true})
		h.send(fleetMsg{fleet: testFleet()})
		header := strings.Split(h.screen(), "\n")[0]
		if !strings.Contains(header, "DEMO") || !strings.Contains(header, "read-only") || ansi.StringWidth(header) > w {
			t.Errorf("width %d: header %q", w, header)
		}
	}
}

// TestSortCyclesVisibleColumnsOnly: at 80 columns the apps list hides some columns; > visits
// only the ones on screen, so the order is always by something the user can see.
func TestSortCyclesVisibleColumnsOnly(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	h.press(":")
	h.typeText("apps")
	h.press("enter")
	seen := map[string]bool{}
	for range 12 {
		h.press(">")
		lines := strings.Split(h.screen(), "\n")
		title := lines[1]
		i := strings.Index(title, "sort ")
		if i < 0 {
			t.Fatalf("no sort in the title %q", title)
		}
		col := strings.TrimRight(strings.Fields(title[i+len("sort "):])[0], "↑↓")
		header := ""
		for _, l := range lines[2:] {
			if strings.Contains(l, "NAME") {
				header = l
				break
			}
		}
		if !strings.Contains(header, col) {
			t.Fatalf("sorted by %s, which is not on screen:\n%s", col, h.screen())
		}
		seen[col] = true
	}
	if len(seen) < 3 {
		t.Errorf("> visited only %v", seen)
	}
}

func TestGoldenClaimDetailPortworx(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("volumes")
		h.press("enter", "/")
		h.typeText("postgres")
		h.press("enter", "enter")
	})
}
