// Package peers proves mcgtui's actions against the real peers they talk to: a real
// kube-apiserver and etcd (envtest), the real Argo CD v3.5.7 (redis, repo-server,
// application-controller, API server) syncing from a real git repository, and the real
// External Secrets Operator v0.20.4 controller with its built-in fake provider. The binaries
// are built from the Go module proxy by hack/testbin/build.sh.
//
// Argo CD's application-controller binds its metrics listener to every interface, so the
// peers run only inside a loopback-only network namespace, which also keeps the suite
// hermetic: hack/test-peers.sh builds this package's test binary (and mcgtui) outside, then
// runs it under `unshare --net`. Anywhere else — without the binaries, without root, outside
// such a namespace — every test skips with a message naming that script; MCGTUI_REQUIRE_PEERS=1
// (set by hack/test.sh) turns the skip into a failure. See docs/testing.md.
package peers

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"

	rbacv1 "k8s.io/api/rbac/v1"
)

const (
	// operatorUser is the kube identity mcgtui acts as: it reads what mcgtui reads and may
	// patch Applications and ExternalSecrets. Not "mcgtui", which is also the executor's
	// fallback name when the API server does not say who the user is.
	operatorUser = "peers-operator"
	// viewerUser reads the same but may patch nothing.
	viewerUser   = "peers-viewer"
	operatorRole = "mcgtui-operator"
	viewerRole   = "mcgtui-viewer"
	// clusterName is the kubeconfig context and so the fleet name of the one cluster (no ACM:
	// mcgtui shows it as a one-cluster fleet).
	clusterName = "peers"
	argoNS      = "argocd"
)

// Env is the shared set of real peers, started once by the first test that needs it and
// stopped after the last (TestMain); each test uses its own namespaces and names.
type Env struct {
	Dir   string
	Plane *controlplane.Plane
	Argo  *ArgoCD
	ESO   *ESO
	Bin   string // the mcgtui binary under test
	// Kubeconfigs of mcgtui's users: one context, clusterName.
	OperatorKubeconfig, ViewerKubeconfig string
}

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

const runHint = "run hack/test-peers.sh (as root: it builds the test binary, then runs it in a loopback-only network namespace)"

// requireEnv returns the running peers, starting them on first use, or skips (fails under
// MCGTUI_REQUIRE_PEERS) when they cannot run here.
func requireEnv(t *testing.T) *Env {
	t.Helper()
	if why := missing(); why != "" {
		msg := "real peers unavailable: " + why + "; " + runHint
		if os.Getenv("MCGTUI_REQUIRE_PEERS") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	envOnce.Do(func() {
		start := time.Now()
		env, envErr = startEnv()
		t.Logf("real peers started in %s", time.Since(start).Round(100*time.Millisecond))
	})
	if envErr != nil {
		t.Fatalf("starting the real peers: %v", envErr)
	}
	env.showLogsOnFailure(t)
	return env
}

// missing says why the peers cannot run here, or "".
func missing() string {
	if _, why := controlplane.FindAssets(); why != "" {
		return why + " (build with hack/testbin/build.sh)"
	}
	for folder, files := range map[string][]string{
		controlplane.ArgoCDFolder: {"argocd", "git-verify-wrapper.sh"},
		controlplane.ESOFolder:    {"external-secrets", "crds"},
	} {
		dir, err := controlplane.Folder(folder)
		if err != nil {
			return err.Error()
		}
		for _, f := range files {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				return fmt.Sprintf("no %s in %s (build with hack/testbin/build.sh)", f, dir)
			}
		}
	}
	for _, tool := range []string{"redis-server", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			return tool + " not installed"
		}
	}
	if why := notIsolated(); why != "" {
		return why
	}
	return ""
}

// notIsolated says why this process is not in a loopback-only network namespace, or "": the
// only interface must be lo, and up.
func notIsolated() string {
	ifs, err := net.Interfaces()
	if err != nil {
		return "listing network interfaces: " + err.Error()
	}
	var names []string
	loUp := false
	for _, i := range ifs {
		names = append(names, i.Name)
		if i.Flags&net.FlagLoopback != 0 && i.Flags&net.FlagUp != 0 {
			loUp = true
		}
	}
	if len(ifs) != 1 || !loUp {
		return fmt.Sprintf("not inside a loopback-only network namespace (interfaces: %s)", strings.Join(names, ", "))
	}
	return ""
}

func startEnv() (e *Env, err error) {
	dir, err := os.MkdirTemp("", "mcgtui-peers-")
	if err != nil {
		return nil, err
	}
	e = &Env{Dir: dir}
	defer func() {
		if err != nil {
			err = fmt.Errorf("%w%s", err, e.logTails())
			e.stop()
		}
	}()
	if e.Bin, err = mcgtuiBinary(dir); err != nil {
		return e, err
	}
	assets, _ := controlplane.FindAssets()
	esoDir, _ := controlplane.Folder(controlplane.ESOFolder)
	crds := []string{filepath.Join("..", "e2e", "testdata", "crds", "argocd"), filepath.Join(esoDir, "crds")}
	if e.Plane, err = controlplane.Start(filepath.Join(dir, "plane"), clusterName, assets, crds); err != nil {
		return e, err
	}
	ctx := context.Background()
	if err = e.Plane.Grant(ctx, operatorRole, append(readerRules(), patchRules()...)); err != nil {
		return e, err
	}
	if err = e.Plane.Grant(ctx, viewerRole, readerRules()); err != nil {
		return e, err
	}
	for _, u := range []struct{ name, role, path string }{
		{operatorUser, operatorRole, "operator.kubeconfig"},
		{viewerUser, viewerRole, "viewer.kubeconfig"},
	} {
		rc, err := e.Plane.User(ctx, u.name, u.role)
		if err != nil {
			return e, err
		}
		if err := controlplane.WriteKubeconfig(filepath.Join(dir, u.path), clusterName, "", rc); err != nil {
			return e, err
		}
	}
	e.OperatorKubeconfig, e.ViewerKubeconfig = filepath.Join(dir, "operator.kubeconfig"), filepath.Join(dir, "viewer.kubeconfig")

	// Both peers start at once: each takes a few seconds, mostly waiting.
	var wg sync.WaitGroup
	var argoErr, esoErr error
	wg.Go(func() { e.Argo, argoErr = startArgoCD(filepath.Join(dir, "argocd"), e.Plane) })
	wg.Go(func() { e.ESO, esoErr = startESO(filepath.Join(dir, "eso"), e.Plane) })
	wg.Wait()
	if argoErr != nil {
		return e, fmt.Errorf("argo cd: %w", argoErr)
	}
	if esoErr != nil {
		return e, fmt.Errorf("eso: %w", esoErr)
	}
	return e, nil
}

func (e *Env) stop() {
	var wg sync.WaitGroup
	if e.Argo != nil {
		wg.Go(e.Argo.stop)
	}
	if e.ESO != nil {
		wg.Go(e.ESO.stop)
	}
	wg.Wait()
	if e.Plane != nil {
		e.Plane.Stop()
	}
	_ = os.RemoveAll(e.Dir)
}

// logFiles are the peers' logs.
func (e *Env) logFiles() []string {
	var out []string
	if e.Plane != nil {
		out = append(out, filepath.Join(e.Plane.Dir, "kube-apiserver.log"))
	}
	for _, p := range []*ArgoCD{e.Argo} {
		if p != nil {
			for _, pr := range p.procs {
				out = append(out, pr.log)
			}
		}
	}
	if e.ESO != nil && e.ESO.proc != nil {
		out = append(out, e.ESO.proc.log)
	}
	return out
}

// logTails is the end of every peer log, for a failure to start.
func (e *Env) logTails() string {
	var b strings.Builder
	for _, f := range e.logFiles() {
		fmt.Fprintf(&b, "\n--- %s (last lines)\n%s", filepath.Base(f), tail(f, 30))
	}
	return b.String()
}

// showLogsOnFailure prints what the peers logged during the test when it fails.
func (e *Env) showLogsOnFailure(t *testing.T) {
	var marks []logMark
	for _, f := range e.logFiles() {
		marks = append(marks, markLog(f))
	}
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		for _, m := range marks {
			if out := m.since(32 << 10); out != "" {
				t.Logf("--- %s during this test (at most its last 32 KiB):\n%s", filepath.Base(m.path), out)
			}
		}
	})
}

// readerRules is everything mcgtui reads (no Secrets), as in test/e2e.
func readerRules() []rbacv1.PolicyRule {
	read := []string{"get", "list", "watch"}
	return []rbacv1.PolicyRule{
		{APIGroups: []string{"argoproj.io"}, Resources: []string{"applications", "applicationsets"}, Verbs: read},
		{APIGroups: []string{"external-secrets.io"}, Resources: []string{"externalsecrets", "clusterexternalsecrets", "pushsecrets", "secretstores", "clustersecretstores"}, Verbs: read},
		{APIGroups: []string{""}, Resources: []string{"persistentvolumeclaims", "persistentvolumes"}, Verbs: read},
		{APIGroups: []string{"storage.k8s.io"}, Resources: []string{"storageclasses"}, Verbs: read},
	}
}

// patchRules are what mcgtui's actions need on top: patch Applications (sync, refresh) and
// ESO's objects (force-sync).
func patchRules() []rbacv1.PolicyRule {
	return []rbacv1.PolicyRule{
		{APIGroups: []string{"argoproj.io"}, Resources: []string{"applications"}, Verbs: []string{"patch"}},
		{APIGroups: []string{"external-secrets.io"}, Resources: []string{"externalsecrets", "clusterexternalsecrets", "pushsecrets"}, Verbs: []string{"patch"}},
	}
}

// mcgtuiBinary is $MCGTUI_BIN (hack/test-peers.sh builds it outside the namespace), else a
// fresh go build into dir.
func mcgtuiBinary(dir string) (string, error) {
	if bin := os.Getenv("MCGTUI_BIN"); bin != "" {
		return bin, nil
	}
	bin := filepath.Join(dir, "mcgtui")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/mcgtui/mcgtui/cmd/mcgtui").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// eventually polls cond every 100 ms until it holds or timeout passes; the returned string
// of the last call explains the failure.
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
