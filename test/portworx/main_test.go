// Package portworx proves mcgtui's Portworx SDK source against the real OpenStorage SDK server
// (hack/testbin/openstorage: the upstream gRPC server and REST gateway with the upstream fake
// volume driver) reached through a real kube-apiserver: its service proxy for clusters without
// security, and client-go's port-forward through the API server's pods/portforward for a
// cluster with security on. The API server refuses loopback endpoint addresses, so the SDK
// servers listen on a documentation address added to the loopback interface of a network
// namespace the test runner made (hack/test-portworx.sh); no kubelet runs, so the port-forward's last hop is the kubelet's own
// streaming library (k8s.io/cri-streaming) in this test, dialling the SDK (kubelet_test.go).
// Elsewhere every test skips naming that script; MCGTUI_REQUIRE_PORTWORX=1 (hack/test.sh)
// turns the skip into a failure. See docs/testing.md.
package portworx

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"
)

// addrEnv names the variable holding the test interface's address (hack/test-portworx.sh).
const addrEnv = "MCGTUI_PX_TEST_ADDR"

// openstorageFolder is hack/testbin/build.sh's folder of the SDK server.
const openstorageFolder = "openstorage-v1.0.1-0.20240416193513-1e07b4359307-main2"

const runHint = "run hack/test-portworx.sh (as root: it runs the tests in a network namespace with a test interface)"

var (
	envOnce sync.Once
	env     *Env
	envErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if env != nil {
		env.stop()
	}
	os.Exit(code)
}

// requireEnv returns the running peers, starting them on first use, or skips.
func requireEnv(t *testing.T) *Env {
	t.Helper()
	if why := missing(); why != "" {
		msg := "real OpenStorage SDK unavailable: " + why + "; " + runHint
		if os.Getenv("MCGTUI_REQUIRE_PORTWORX") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	envOnce.Do(func() {
		start := time.Now()
		env, envErr = startEnv()
		t.Logf("peers started in %s", time.Since(start).Round(100*time.Millisecond))
	})
	if envErr != nil {
		t.Fatalf("starting the peers: %v", envErr)
	}
	return env
}

// missing says why the tests cannot run here, or "".
func missing() string {
	if _, why := controlplane.FindAssets(); why != "" {
		return why + " (build with hack/testbin/build.sh portworx)"
	}
	dir, err := controlplane.Folder(openstorageFolder)
	if err != nil {
		return err.Error()
	}
	if _, err := os.Stat(filepath.Join(dir, "openstorage-sdk")); err != nil {
		return "no openstorage-sdk in " + dir + " (build with hack/testbin/build.sh portworx)"
	}
	addr := os.Getenv(addrEnv)
	if addr == "" {
		return addrEnv + " is not set"
	}
	ifs, err := net.Interfaces()
	if err != nil {
		return err.Error()
	}
	found := false
	var names []string
	for _, i := range ifs {
		names = append(names, i.Name)
		addrs, _ := i.Addrs()
		for _, a := range addrs {
			if strings.HasPrefix(a.String(), addr+"/") {
				found = true
			}
		}
	}
	if !found || len(ifs) != 1 {
		return fmt.Sprintf("not in the test's network namespace (want only lo, with %s; have %s)", addr, strings.Join(names, ", "))
	}
	return ""
}

// proc is one peer process, in its own process group, killed with the test binary.
type proc struct {
	name, log string
	cmd       *exec.Cmd
	done      chan struct{}
}

func startProc(dir, name, bin string, args ...string) (*proc, error) {
	logPath := filepath.Join(dir, name+".log")
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &proc{name: name, log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); _ = f.Close(); close(p.done) }()
	return p, nil
}

// stop kills the process group and waits.
func (p *proc) stop() {
	if p == nil {
		return
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	<-p.done
}

// waitListening polls until addr accepts connections or the process exits.
func waitListening(p *proc, addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			_ = c.Close()
			return nil
		}
		select {
		case <-p.done:
			b, _ := os.ReadFile(p.log)
			return fmt.Errorf("%s exited before listening on %s:\n%s", p.name, addr, b)
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not listening on %s after %s", p.name, addr, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// eventually polls cond until it holds or timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s; last seen: %s", what, timeout, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
