package scale

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	mscale "github.com/mcgtui/mcgtui/internal/scale"
	"github.com/mcgtui/mcgtui/internal/testutil/tmux"
	"github.com/mcgtui/mcgtui/test/internal/controlplane"
)

// TestPeers is make bench-peers (hack/bench-peers.sh): one real API server holding
// MCGTUI_PEERS_APPS Applications (default 20,000) and half as many ExternalSecrets; mcgtui and
// k9s ($MCGTUI_K9S, when built) open its Applications in tmux at 200×60, interleaved,
// MCGTUI_PEERS_RUNS times (default 3), next to the JSON LIST floor. It prints the table of
// docs/performance.md and, with MCGTUI_PEERS_REPORT, writes it to that file. It asserts
// nothing about speed. MCGTUI_PEERS_HOLD=10m keeps the loaded server up that long and prints
// its kubeconfigs, for profiling by hand (MCGTUI_CPUPROFILE).
func TestPeers(t *testing.T) {
	if os.Getenv("MCGTUI_BENCH_PEERS") == "" {
		t.Skip("peers benchmark: run make bench-peers (see docs/performance.md)")
	}
	tmux.Require(t)
	if dir := os.Getenv("MCGTUI_PEERS_ATTACH"); dir != "" {
		attachPeers(t, dir)
		return
	}
	e := startPlane(t)
	admin := filepath.Join(e.dir, "admin.kubeconfig")
	if err := controlplane.WriteKubeconfig(admin, hubContext, "", e.plane.Admin); err != nil {
		t.Fatal(err)
	}
	n := peerApps()
	apps, secrets, matching := loadPeerHub(t, e, n)
	if hold, err := time.ParseDuration(os.Getenv("MCGTUI_PEERS_HOLD")); err == nil {
		t.Logf("holding for %s: MCGTUI_PEERS_ATTACH=%s measures against this server; mcgtui --kubeconfig %s --context %s",
			hold, e.dir, e.kubeconfig[userMcgtui], hubContext)
		time.Sleep(hold)
	}
	measurePeers(t, e, admin, apps, secrets, matching)
}

// attachPeers measures against the server another TestPeers holds (MCGTUI_PEERS_HOLD), whose
// folder dir holds the kubeconfigs; MCGTUI_PEERS_APPS must say what it loaded.
func attachPeers(t *testing.T, dir string) {
	e := &env{dir: t.TempDir(), kubeconfig: map[string]string{
		userMcgtui: filepath.Join(dir, userMcgtui+".kubeconfig"),
		userFloor:  filepath.Join(dir, userFloor+".kubeconfig"),
	}}
	e.bin = filepath.Join(e.dir, "mcgtui")
	if out, err := exec.Command("go", "build", "-o", e.bin, "../../cmd/mcgtui").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	n := peerApps()
	apps, _, ok := mscale.PeerObjects(n) // what the holding TestPeers loaded
	if !ok {
		t.Fatalf("the reference fleet has fewer than %d Applications", n)
	}
	measurePeers(t, e, filepath.Join(dir, "admin.kubeconfig"), n, n/2, matchingApps(apps))
}
