package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxSession runs a command in a detached tmux session on a private server, so that the
// test sees exactly what a person at a 160×48 terminal would.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func requireTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("MCGTUI_REQUIRE_TMUX") != "" {
			t.Fatal("tmux is required (MCGTUI_REQUIRE_TMUX is set) but not installed")
		}
		t.Skip("tmux not installed; the test command (hack/test.sh) requires it")
	}
}

func startTmux(t *testing.T, command string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: "mcgtui-test-" + strconv.Itoa(os.Getpid())}
	s.tmux("new-session", "-d", "-x", "160", "-y", "48", "-s", "smoke", command)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "smoke") }

// keys types keys one at a time, with a pause so that a lone ESC is not read as Alt+key.
func (s *tmuxSession) keys(keys ...string) {
	for _, k := range keys {
		s.tmux("send-keys", "-t", "smoke", k)
		time.Sleep(150 * time.Millisecond)
	}
}

// waitFor polls the screen until every text is on it; it never sleeps a fixed time.
func (s *tmuxSession) waitFor(texts ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr := s.screen()
		missing := ""
		for _, txt := range texts {
			if !strings.Contains(scr, txt) {
				missing = txt
				break
			}
		}
		if missing == "" {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", missing, scr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestDemoInARealTerminal(t *testing.T) {
	requireTmux(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "mcgtui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	exitFile := filepath.Join(dir, "exit")
	s := startTmux(t, bin+" demo --config "+filepath.Join(dir, "none.yaml")+"; echo $? > "+exitFile+"; sleep 60")

	s.waitFor("DEMO", "10 clusters", "cluster-west-2", "ManagedClusterLeaseUpdateStopped", "cluster-edge-9", "no access")
	s.keys("g", "Enter")
	s.waitFor("1 Apps", "6 Conditions", "payments-api")
	s.keys("Down", "Enter")
	s.waitFor("YAML", "apiVersion: argoproj.io/v1alpha1")
	s.keys("Escape")
	s.waitFor("1 Apps")
	s.keys("6")
	s.waitFor("ManagedClusterConditionAvailable")
	s.keys("Escape")
	s.waitFor("Fleet (10)")
	s.keys(":", "a", "p", "p", "s", "Enter")
	s.waitFor("Apps · all clusters")
	s.keys("/", "p", "a", "y", "m", "Enter")
	s.waitFor(`filter "paym"`, "payments-api")
	s.keys("!")
	s.waitFor("problems only")
	s.keys("q")

	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(exitFile)
		if err == nil && strings.TrimSpace(string(data)) != "" {
			if code := strings.TrimSpace(string(data)); code != "0" {
				t.Fatalf("mcgtui exited %s", code)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("mcgtui did not exit after q:\n%s", s.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The alternate screen is gone: the shell's own screen is back, without the dashboard.
	if scr := s.screen(); strings.Contains(scr, "Fleet (10)") {
		t.Fatalf("terminal not restored after exit:\n%s", scr)
	}
}
