package portworx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/testutil/tmux"
)

// TestVolumesPageShowsReplication runs the real dashboard in tmux against the real API server
// and SDK: `:volumes` shows each claim's replication from the SDK, polled through the service
// proxy, including the degraded and the resyncing one, and where each is attached.
func TestVolumesPageShowsReplication(t *testing.T) {
	e := requireEnv(t)
	tmux.Require(t)
	if err := e.Open.load(fixture(t)); err != nil {
		t.Fatal(err)
	}
	if err := e.claims(ctxT(t), "px-open", map[string]string{
		"db": "1034536891216728311", "cache": "774629385713957123", "ledger": "881234567890123456", "gone": "404404",
	}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := strings.Join([]string{"env", "XDG_STATE_HOME=" + filepath.Join(dir, "state"), e.Bin, "--kubeconfig", e.ReaderKubeconfig,
		"--context", "px", "--config", os.DevNull}, " ") + "; echo exited $?; sleep 600"
	s := tmux.Start(t, 160, 48, cmd)
	s.WaitFor(60*time.Second, "Fleet (")
	s.Keys(":")
	s.Type("volumes")
	s.Keys("Enter")
	screen := s.WaitUntil(60*time.Second, "replication of the four claims", func(screen string) bool {
		return strings.Contains(screen, "2/3 degraded") && strings.Contains(screen, "2/2 resync") &&
			strings.Contains(screen, "3/3") && strings.Contains(screen, "no volume")
	})
	for _, want := range []string{"REPLICAS", "ATTACHED", "worker-a", "worker-b"} {
		if !strings.Contains(screen, want) {
			t.Errorf("no %q on the screen:\n%s", want, screen)
		}
	}
	t.Logf("screen:\n%s", screen)
}
