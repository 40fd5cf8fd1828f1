package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/testutil/tmux"
)

// termWait is how long the dashboard may take to show something: the first lists of three
// API servers, or a watch event through the source's and the fleet's coalescing, plus headroom
// for a machine shared with other tests. Every wait polls the screen; none sleeps.
const termWait = 30 * time.Second

// term is the real mcgtui binary running its dashboard in a real terminal (tmux, 160×48).
type term struct {
	*tmux.Session
	t        *testing.T
	exitFile string
}

// dashboard starts `mcgtui --kubeconfig K --config X` in tmux; the shell writes the exit status
// to a file when it ends and keeps the pane open, so that the restored screen can be read.
func (s *Suite) dashboard(t *testing.T, kubeconfig string) *term {
	t.Helper()
	tmux.Require(t)
	dir := t.TempDir()
	d := &term{t: t, exitFile: filepath.Join(dir, "exit")}
	cmd := fmt.Sprintf("%s --kubeconfig %s --config %s; echo $? > %s; sleep 60",
		shq(s.Bin), shq(kubeconfig), shq(filepath.Join(dir, "none.yaml")), shq(d.exitFile))
	d.Session = tmux.Start(t, 160, 48, cmd)
	return d
}

// shq quotes a string for sh.
func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// fleetReady waits for the fleet page with every cluster of the suite listed and synced.
func (d *term) fleetReady() string {
	d.t.Helper()
	return d.WaitUntil(termWait, "the fleet of hub, cluster-east and cluster-west, synced", func(scr string) bool {
		return strings.Contains(scr, "3 clusters") && strings.Contains(scr, "Fleet (3") &&
			strings.Contains(scr, eastName) && strings.Contains(scr, westName) && !strings.Contains(scr, "syncing")
	})
}

// filter types /TEXT and Enter, and waits until the list says it is filtered.
func (d *term) filter(text string) string {
	d.t.Helper()
	d.Keys("/")
	d.Type(text)
	d.Keys("Enter")
	return d.WaitFor(termWait, fmt.Sprintf("filter %q", text))
}

// clearFilter clears the current list's filter (/ then Escape) and waits until it is gone.
func (d *term) clearFilter() {
	d.t.Helper()
	d.Keys("/", "Escape")
	d.WaitUntil(termWait, "no filter", func(scr string) bool { return !strings.Contains(scr, `filter "`) })
}

// openCluster goes from the fleet page to one cluster's page (its Apps tab) by filtering the
// fleet to that cluster; the fleet page keeps the filter (see backToFleet).
func (d *term) openCluster(name string) string {
	d.t.Helper()
	d.filter(name)
	d.WaitFor(termWait, "Fleet (1 of 3)")
	d.Keys("Enter")
	return d.WaitFor(termWait, name+" › Apps", "1 Apps", "6 Conditions")
}

// backToFleet goes back from an unfiltered cluster tab (esc on a filtered list clears the
// filter instead) and clears the filter openCluster left on the fleet page.
func (d *term) backToFleet() {
	d.t.Helper()
	d.Keys("Escape")
	d.WaitFor(termWait, "Fleet (1 of 3)")
	d.clearFilter()
	d.WaitFor(termWait, "Fleet (3)")
}

// command types :NAME and Enter.
func (d *term) command(name string) {
	d.t.Helper()
	d.Keys(":")
	d.Type(name)
	d.Keys("Enter")
}

// quit presses q, requires exit status 0 and the terminal restored: the shell's own screen is
// back, without the dashboard.
func (d *term) quit() {
	d.t.Helper()
	d.Keys("q")
	if code := tmux.WaitExit(d.t, d.exitFile, 20*time.Second); code != "0" {
		d.t.Fatalf("mcgtui exited %s\n%s", code, d.Screen())
	}
	d.WaitUntil(termWait, "the terminal restored (no dashboard left on screen)", func(scr string) bool {
		return !strings.Contains(scr, "Fleet (") && !strings.Contains(scr, "? help") && !strings.Contains(scr, "context hub")
	})
}

// rowOf returns the screen line that holds every word, or "".
func rowOf(screen string, words ...string) string {
	for _, line := range strings.Split(screen, "\n") {
		if hasAll(line, words...) {
			return line
		}
	}
	return ""
}

func hasAll(s string, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// The real binary in a real terminal against real API servers: the fleet of three control
// planes appears, cluster-east opens with the upstream example Applications, an Application's
// detail shows the YAML fetched from its API server, `/` filters, `!` keeps only problems,
// `:apps` lists Applications fleet-wide, and `q` exits 0 and restores the terminal.
func TestDashboardInARealTerminal(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	d := s.dashboard(t, s.kubeconfigFor(t, nil))

	fleet := d.fleetReady()
	if row := rowOf(fleet, westName); !strings.Contains(row, "Critical") {
		t.Errorf("cluster-west holds a failing ExternalSecret; its fleet row says otherwise:\n%s", fleet)
	}

	// Fleet → cluster-east → the failing Application's detail, with its YAML from the server.
	d.openCluster(eastName)
	d.filter("guestbook")
	scr := d.WaitFor(termWait, "guestbook-cluster2", "OutOfSync", "Degraded")
	if strings.Contains(scr, "velero-test") {
		t.Fatalf("the filter did not hide velero-test:\n%s", scr)
	}
	d.Keys("Enter")
	d.WaitFor(termWait, "Application argocd/guestbook-cluster2", "YAML", "apiVersion: argoproj.io/v1alpha1",
		"kind: Application", "name: guestbook-cluster2", "resourceVersion:", "uid:")
	d.Keys("Escape")
	d.WaitFor(termWait, eastName+" › Apps", `filter "guestbook"`)
	d.clearFilter()
	d.WaitFor(termWait, "velero-test", "guestbook-cluster2")

	// ! keeps Warning and Critical rows only: the Synced/Healthy app goes, the failing one stays.
	d.Keys("!")
	scr = d.WaitFor(termWait, "problems only", "guestbook-cluster2")
	if strings.Contains(scr, "velero-test") {
		t.Fatalf("problems only still lists the healthy velero-test:\n%s", scr)
	}
	d.Keys("!")
	d.WaitUntil(termWait, "problems only switched off", func(scr string) bool {
		return !strings.Contains(scr, "problems only") && strings.Contains(scr, "velero-test")
	})

	// Back to the fleet, then every Application of the fleet with its cluster.
	d.backToFleet()
	d.command("apps")
	scr = d.WaitFor(termWait, "Apps · all clusters", "CLUSTER", "velero-test", "guestbook-cluster2")
	if row := rowOf(scr, "guestbook-cluster2"); !strings.Contains(row, eastName) {
		t.Errorf(":apps row of guestbook-cluster2 does not name its cluster:\n%s", scr)
	}
	d.filter("velero")
	scr = d.WaitFor(termWait, "velero-test")
	if strings.Contains(scr, "guestbook-cluster2") {
		t.Fatalf("the filter on :apps did not hide guestbook-cluster2:\n%s", scr)
	}
	d.quit()
}
