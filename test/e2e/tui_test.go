package e2e

import (
	"strings"
	"testing"
)

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
