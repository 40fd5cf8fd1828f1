// Package scale measures mcgtui end to end against a real kube-apiserver (the control plane of
// test/internal/controlplane, with an audit log) holding a reference fleet of
// docs/performance.md: how long `mcgtui status -o json` takes to load it next to the LIST
// floor (`kubectl get … -A -o json` of the same objects, and a plain client-go LIST), what
// mcgtui asks of the API server while the fleet is idle, and what it keeps in memory.
//
// It is slow and loads the machine, so it runs only with MCGTUI_SCALE_E2E=1 (and the
// binaries of hack/testbin/build.sh k8s); MCGTUI_SCALE_CLUSTERS sets the size (default 100,
// the S fleet). It reports figures and asserts only correctness (no re-list after sync),
// never speed:
//
//	export KUBEBUILDER_ASSETS=$(hack/testbin/build.sh k8s)
//	MCGTUI_SCALE_E2E=1 go test ./test/scale -run TestScale -v -timeout 2h
package scale

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"
)

// Users of the control plane, so that the audit log tells their requests apart.
const (
	userMcgtui  = "mcgtui"
	userKubectl = "kubectl"
	userFloor   = "floor"
	readerRole  = "scale-reader"
	hubContext  = "hub"
)

// env is one run: the control plane, the binary and a kubeconfig per user.
type env struct {
	dir        string
	plane      *controlplane.Plane
	bin        string            // mcgtui, built for this run
	kubeconfig map[string]string // by user
}

// clusters is the size of the fleet to load: MCGTUI_SCALE_CLUSTERS, default 100 (S).
func clusters() int {
	if n, err := strconv.Atoi(os.Getenv("MCGTUI_SCALE_CLUSTERS")); err == nil && n > 0 {
		return n
	}
	return 100
}

// start skips unless MCGTUI_SCALE_E2E is set, then starts a control plane with the CRDs of
// every product, builds mcgtui and writes a kubeconfig per user.
func start(t *testing.T) *env {
	t.Helper()
	if os.Getenv("MCGTUI_SCALE_E2E") == "" {
		t.Skip("scale measurement: set MCGTUI_SCALE_E2E=1 (see docs/performance.md)")
	}
	return startPlane(t)
}

// startPlane is start without the gate: the control plane, mcgtui built, a kubeconfig per
// user.
func startPlane(t *testing.T) *env {
	t.Helper()
	assets, why := controlplane.FindAssets()
	if why != "" {
		t.Fatalf("control-plane binaries missing (%s): export KUBEBUILDER_ASSETS=$(hack/testbin/build.sh k8s)", why)
	}
	e := &env{dir: t.TempDir(), kubeconfig: map[string]string{}}
	crds := filepath.Join("..", "e2e", "testdata", "crds")
	var err error
	e.plane, err = controlplane.Start(filepath.Join(e.dir, "plane"), hubContext, assets, []string{
		filepath.Join(crds, "ocm"), filepath.Join(crds, "argocd"),
		filepath.Join(crds, "external-secrets"), filepath.Join(crds, "portworx"),
	})
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(e.dir, "plane", "kube-apiserver.log"))
		if len(log) > 4000 {
			log = log[len(log)-4000:]
		}
		t.Fatalf("%v\nkube-apiserver.log ends:\n%s", err, log)
	}
	t.Cleanup(e.plane.Stop)
	ctx := context.Background()
	if err := e.plane.Grant(ctx, readerRole, []rbacv1.PolicyRule{{
		APIGroups: []string{"*"}, Resources: []string{"*"}, Verbs: []string{"get", "list", "watch"},
	}}); err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{userMcgtui, userKubectl, userFloor} {
		rc, err := e.plane.User(ctx, user, readerRole)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(e.dir, user+".kubeconfig")
		if err := controlplane.WriteKubeconfig(path, hubContext, "", rc); err != nil {
			t.Fatal(err)
		}
		e.kubeconfig[user] = path
	}
	e.bin = filepath.Join(e.dir, "mcgtui")
	if out, err := exec.Command("go", "build", "-o", e.bin, "../../cmd/mcgtui").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("machine: %d CPUs (GOMAXPROCS %d), %s", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	return e
}

// TestScale loads the fleet, then measures in order: the full load against the LIST floor,
// the idle period, and the memory held per object.
func TestScale(t *testing.T) {
	e := start(t)
	loaded := loadFleet(t, e, clusters())
	t.Run("LoadVersusListFloor", func(t *testing.T) { measureLoad(t, e, loaded) })
	t.Run("Idle", func(t *testing.T) { measureIdle(t, e, loaded) })
	t.Run("Memory", func(t *testing.T) { measureMemory(t, e, loaded) })
}
