package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/testutil/tmux"
)

// screenWait is how long a change made through the API may take to reach the screen: the
// watch event, the source's coalescing (250 ms), the fleet's (50 ms) and a redraw take well
// under a second; the rest is headroom for a machine shared with other tests.
const screenWait = 15 * time.Second

// termWait is how long the dashboard may take to show something: the first lists of three
// API servers, or a watch event through the source's and the fleet's coalescing, plus headroom
// for a machine shared with other tests. Every wait polls the screen; none sleeps.
const termWait = 30 * time.Second

// dash is the real mcgtui binary running its dashboard in a real terminal (tmux, 200×50).
type dash struct {
	*tmux.Session
	t        *testing.T
	exitFile string
	logFile  string
}

// dashboard starts `mcgtui --kubeconfig K --config X --log-file L` in tmux. The shell writes
// the exit status to a file when it ends and keeps the pane open, so that the restored screen
// can be read; a failing test prints the end of client-go's log.
func (s *Suite) dashboard(t *testing.T, kubeconfig string) *dash {
	t.Helper()
	tmux.Require(t)
	dir := t.TempDir()
	d := &dash{t: t, exitFile: filepath.Join(dir, "exit"), logFile: filepath.Join(dir, "client-go.log")}
	cmd := fmt.Sprintf("%s --kubeconfig %s --config %s --log-file %s; echo $? > %s; sleep 60",
		shq(s.Bin), shq(kubeconfig), shq(os.DevNull), shq(d.logFile), shq(d.exitFile))
	d.Session = tmux.Start(t, 200, 50, cmd)
	t.Cleanup(func() {
		if t.Failed() {
			if data, err := os.ReadFile(d.logFile); err == nil {
				if len(data) > 4000 {
					data = data[len(data)-4000:]
				}
				t.Logf("end of mcgtui's client-go log:\n%s", data)
			}
		}
	})
	return d
}

// shq quotes a string for sh.
func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// fleetReady waits for the fleet page with every cluster of the suite listed and synced.
func (d *dash) fleetReady() string {
	d.t.Helper()
	return d.WaitUntil(termWait, "the fleet of hub, cluster-east and cluster-west, synced", func(scr string) bool {
		return strings.Contains(scr, "3 clusters") && strings.Contains(scr, "Fleet (3") &&
			strings.Contains(scr, eastName) && strings.Contains(scr, westName) && !strings.Contains(scr, "syncing")
	})
}

// filter types /TEXT and Enter, and waits until the list says it is filtered.
func (d *dash) filter(text string) string {
	d.t.Helper()
	d.Keys("/")
	d.Type(text)
	d.Keys("Enter")
	return d.WaitFor(termWait, fmt.Sprintf("filter %q", text))
}

// clearFilter clears the current list's filter (/ then Escape) and waits until it is gone.
func (d *dash) clearFilter() {
	d.t.Helper()
	d.Keys("/", "Escape")
	d.WaitUntil(termWait, "no filter", func(scr string) bool { return !strings.Contains(scr, `filter "`) })
}

// openCluster goes from the fleet page to one cluster's page (its Apps tab) by filtering the
// fleet to that cluster; the fleet page keeps the filter (see backToFleet).
func (d *dash) openCluster(name string) string {
	d.t.Helper()
	d.filter(name)
	d.WaitFor(termWait, "Fleet (1 of 3)")
	d.Keys("Enter")
	return d.WaitFor(termWait, name+" › Apps", "1 Apps", "6 Policies", "7 Conditions")
}

// backToFleet goes back from an unfiltered cluster tab (esc on a filtered list clears the
// filter instead) and clears the filter openCluster left on the fleet page.
func (d *dash) backToFleet() {
	d.t.Helper()
	d.Keys("Escape")
	d.WaitFor(termWait, "Fleet (1 of 3)")
	d.clearFilter()
	d.WaitFor(termWait, "Fleet (3)")
}

// command types :NAME and Enter.
func (d *dash) command(name string) {
	d.t.Helper()
	d.Keys(":")
	d.Type(name)
	d.Keys("Enter")
}

// quit presses q, requires exit status 0 and the terminal restored: the shell's own screen is
// back, without the dashboard.
func (d *dash) quit() {
	d.t.Helper()
	d.Keys("q")
	if code := tmux.WaitExit(d.t, d.exitFile, 20*time.Second); code != "0" {
		d.t.Fatalf("mcgtui exited %s\n%s", code, d.Screen())
	}
	d.WaitUntil(termWait, "the terminal restored (no dashboard left on screen)", func(scr string) bool {
		return !strings.Contains(scr, "Fleet (") && !strings.Contains(scr, "? help") && !strings.Contains(scr, "context hub")
	})
}

// waitRow waits until the table row whose first cell is name satisfies ok, and returns it.
func (d *dash) waitRow(timeout time.Duration, name, what string, ok func(row string) bool) string {
	d.t.Helper()
	scr := d.WaitUntil(timeout, fmt.Sprintf("the row of %s %s", name, what), func(scr string) bool {
		r, found := tableRow(scr, name)
		return found && ok(r)
	})
	r, _ := tableRow(scr, name)
	return r
}

// tableRow returns the screen line whose first cell is name (after the cursor mark "›"). A
// fleet row's first cell is the cluster's name ("hub (hub)" for the hub).
func tableRow(screen, name string) (string, bool) {
	for _, line := range strings.Split(screen, "\n") {
		cell := strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(line, " "), "›"), " ")
		if strings.HasPrefix(cell, name+"  ") || cell == name {
			return line, true
		}
	}
	return "", false
}

// rowOf returns the screen line that holds every word (as substrings), or "".
func rowOf(screen string, words ...string) string {
	for _, line := range strings.Split(screen, "\n") {
		if hasAll(line, words...) {
			return line
		}
	}
	return ""
}

// hasAll reports whether s contains every word as a substring.
func hasAll(s string, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// hasWords reports whether a table row holds every word as a whole word (a cell "OutOfSync"
// does not count as "Synced").
func hasWords(row string, words ...string) bool {
	fields := strings.Fields(row)
	for _, w := range words {
		found := false
		for _, f := range fields {
			if f == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
