package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/testutil/tmux"
)

func TestDemoInARealTerminal(t *testing.T) {
	tmux.Require(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "mcgtui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	exitFile := filepath.Join(dir, "exit")
	s := tmux.Start(t, 160, 48, bin+" demo --config "+os.DevNull+"; echo $? > "+exitFile+"; sleep 60")
	const wait = 20 * time.Second

	s.WaitFor(wait, "DEMO", "10 clusters", "cluster-west-2", "ManagedClusterLeaseUpdateStopped", "cluster-edge-9", "no access")
	s.Keys("g", "Enter")
	s.WaitFor(wait, "1 Apps", "6 Policies", "7 Conditions", "payments-api")
	s.Keys("Down", "Enter")
	s.WaitFor(wait, "YAML", "apiVersion: argoproj.io/v1alpha1")
	s.Keys("Escape")
	s.WaitFor(wait, "1 Apps")
	s.Keys("7")
	s.WaitFor(wait, "ManagedClusterConditionAvailable")
	s.Keys("Escape")
	s.WaitFor(wait, "Fleet (10)")
	s.Keys(":")
	s.Type("apps")
	s.Keys("Enter")
	s.WaitFor(wait, "Apps · all clusters")
	s.Keys("/")
	s.Type("paym")
	s.Keys("Enter")
	s.WaitFor(wait, `filter "paym"`, "payments-api")
	s.Keys("!")
	s.WaitFor(wait, "problems only")
	s.Keys("Escape", ":")
	s.Type("policies")
	s.Keys("Enter")
	s.WaitFor(wait, "Policies · all clusters", "openshift-gitops-policy", "8/9", "audit-log-forwarding-policy", "disabled")
	s.Keys(":")
	s.Type("ctx")
	s.Keys("Enter") // the demo has no kubeconfig: one line says so, the page stays
	s.WaitFor(wait, "no kubeconfig: the demo's fleet is built in", "Policies · all clusters")
	s.Keys("q")

	if code := tmux.WaitExit(t, exitFile, 10*time.Second); code != "0" {
		t.Fatalf("mcgtui exited %s", code)
	}
	// The alternate screen is gone: the shell's own screen is back, without the dashboard.
	if scr := s.Screen(); strings.Contains(scr, "Fleet (10)") {
		t.Fatalf("terminal not restored after exit:\n%s", scr)
	}
}
