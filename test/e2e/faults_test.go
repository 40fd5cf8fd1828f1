package e2e

import (
	"strings"
	"testing"
	"time"
)

// recoverWait is how long a stopped API server that is back may take to show as recovered:
// client-go's reflectors back off up to 30 s between attempts, and mcgtui's discovery retries
// (hub, spokes) too.
const recoverWait = 75 * time.Second

// stopAPIServer stops a plane's API server and makes sure it is started again when the test
// ends, whatever happens (the planes are shared by every test of the run).
func stopAPIServer(t *testing.T, p *Plane) {
	t.Helper()
	t.Cleanup(func() {
		if err := p.StartAPIServer(); err != nil {
			t.Errorf("restarting %s's API server: %v", p.Name, err)
		}
	})
	if err := p.StopAPIServer(); err != nil {
		t.Fatalf("stopping %s's API server: %v", p.Name, err)
	}
}

func startAPIServer(t *testing.T, p *Plane) {
	t.Helper()
	if err := p.StartAPIServer(); err != nil {
		t.Fatalf("starting %s's API server: %v", p.Name, err)
	}
}

// A spoke whose API server goes away mid-session shows as unreachable on its own row, while
// the other spoke keeps updating (an Application changed on cluster-west reaches the screen);
// when the API server is back (same port, same certificates) the spoke recovers by itself,
// without restarting mcgtui, and its data updates again.
func TestSpokeAPIServerDownAndBack(t *testing.T) {
	s := requireSuite(t)
	ns := uniqueName(t, "e2e")
	const westApp, eastApp = "fault-probe-west", "fault-probe-east"
	s.West.Create(t, probeApp(t, ns, westApp))
	s.East.Create(t, probeApp(t, ns, eastApp))

	u := s.dashboard(t, s.kubeconfigFor(t, nil))
	u.WaitFor(60*time.Second, "Fleet (3)")
	u.waitRow(60*time.Second, eastName, "listed without a source problem", func(r string) bool {
		return !strings.Contains(r, "unreachable") && !strings.Contains(r, "syncing")
	})

	stopAPIServer(t, s.East)
	row := u.waitRow(60*time.Second, eastName, "unreachable", func(r string) bool {
		return strings.Contains(r, "Critical: argocd unreachable") && strings.Contains(r, "connection refused")
	})
	t.Logf("cluster-east down: %s", strings.TrimSpace(row))
	u.WaitFor(screenWait, "argocd 2/3 ready")
	if r, _ := tableRow(u.Screen(), westName); strings.Contains(r, "unreachable") {
		t.Errorf("cluster-west took cluster-east's state: %s", r)
	}

	// cluster-west keeps updating while cluster-east is down.
	u.command("apps")
	u.WaitFor(screenWait, "Apps · all clusters")
	u.filter("fault-probe")
	u.WaitFor(screenWait, `filter "fault-probe"`, eastApp, westApp)
	s.West.Patch(t, "argoproj.io/v1alpha1", "Application", ns, westApp,
		`{"status":{"sync":{"status":"OutOfSync"},"health":{"status":"Degraded","message":"west probe degraded"}}}`, false)
	u.waitRow(screenWait, westName, "OutOfSync and Degraded", func(r string) bool {
		return hasWords(r, westApp, "OutOfSync", "Degraded")
	})

	// cluster-east comes back on its own: no unreachable state left, and its watches deliver again.
	startAPIServer(t, s.East)
	start := time.Now()
	s.East.Patch(t, "argoproj.io/v1alpha1", "Application", ns, eastApp,
		`{"status":{"sync":{"status":"OutOfSync"},"health":{"status":"Missing","message":"east probe missing"}}}`, false)
	u.waitRow(recoverWait, eastName, "updated after the restart", func(r string) bool {
		return hasWords(r, eastApp, "OutOfSync", "Missing")
	})
	u.Keys("Escape") // clears the filter
	u.WaitUntil(screenWait, "no filter", func(scr string) bool { return !strings.Contains(scr, `filter "`) })
	u.Keys("Escape")
	u.WaitFor(screenWait, "Fleet (3)")
	row = u.waitRow(recoverWait, eastName, "without a source problem", func(r string) bool {
		return !strings.Contains(r, "unreachable") && !strings.Contains(r, "stale")
	})
	u.WaitFor(recoverWait, "argocd 3/3 ready · eso 3/3 · px 2/2")
	t.Logf("cluster-east recovered %s after its API server was back: %s", time.Since(start).Round(time.Second), strings.TrimSpace(row))
	u.quit()
}

// A hub that is down when mcgtui starts: `mcgtui status` exits 2 and says on stderr that it
// cannot read the fleet from the hub context and why; the dashboard started meanwhile shows the
// hub unreachable and keeps retrying, and once the hub's API server is back the fleet (the hub
// and both spokes, from its ManagedClusters) appears without restarting mcgtui.
func TestHubDownAtStart(t *testing.T) {
	s := requireSuite(t)
	kc := s.kubeconfigFor(t, nil)
	stopAPIServer(t, s.Hub)

	start := time.Now()
	r := s.mcgtui(t, kc, "status", "--timeout", "30s")
	t.Logf("status with the hub down took %s: exit %d, stderr %q", time.Since(start).Round(time.Millisecond), r.code, r.stderr)
	if r.code != 2 {
		t.Errorf("status with the hub down: exit %d, want 2\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, `cannot read the fleet from hub context "hub": Unreachable`) || !strings.Contains(r.stderr, "connection refused") {
		t.Errorf("status with the hub down: stderr %q does not say that the hub is unreachable and why", r.stderr)
	}

	u := s.dashboard(t, kc)
	row := u.waitRow(60*time.Second, "hub (hub)", "unreachable", func(r string) bool {
		return strings.Contains(r, "Critical: acm unreachable") && strings.Contains(r, "connection refused")
	})
	u.WaitFor(screenWait, "Fleet (1)", "acm unreachable")
	t.Logf("hub down: %s", strings.TrimSpace(row))

	startAPIServer(t, s.Hub)
	start = time.Now()
	u.WaitFor(recoverWait, "Fleet (3)", "3 clusters", "acm ready")
	for _, spoke := range []string{eastName, westName} {
		u.waitRow(recoverWait, spoke, "listed and reachable", func(r string) bool {
			return hasWords(r, "True") && !strings.Contains(r, "unreachable") && !strings.Contains(r, "syncing")
		})
	}
	row = u.waitRow(recoverWait, "hub (hub)", "reachable", func(r string) bool {
		return !strings.Contains(r, "unreachable") && !strings.Contains(r, "syncing")
	})
	t.Logf("the fleet appeared %s after the hub was back; hub: %s", time.Since(start).Round(time.Second), strings.TrimSpace(row))
	u.quit()
}
