// Package e2e proves mcgtui against real kube-apiservers and etcd (built from the Go module
// proxy by hack/testbin/build.sh) with the real upstream CRDs: one hub and two spokes, each its
// own control plane on 127.0.0.1, driven through the real mcgtui binary.
//
// Without the binaries every test skips with a message naming the build command, so plain
// `go test ./...` works anywhere; MCGTUI_REQUIRE_E2E=1 (set by hack/test.sh) turns the skip
// into a failure. See docs/testing.md.
package e2e

import (
	"os"
	"sync"
	"testing"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"
)

const (
	hubName  = "hub"
	eastName = "cluster-east" // every CRD set; ESO v0.16.2 (serves v1 and v1beta1)
	westName = "cluster-west" // ESO v2.9.0 (serves v1 only); no Portworx: NotInstalled
)

// Suite is the shared fleet of control planes, started once by the first test that needs it.
type Suite struct {
	Dir        string // scratch folder of this run
	Assets     string
	Hub        *Plane
	East, West *Plane
	Bin        string // the mcgtui binary under test
}

var (
	suiteOnce sync.Once
	seedOnce  sync.Once
	suite     *Suite
	suiteErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if suite != nil {
		suite.stop()
	}
	os.Exit(code)
}

// requireSuite returns the running suite, starting it on first use, or skips (fails under
// MCGTUI_REQUIRE_E2E) when the control-plane binaries have not been built.
func requireSuite(t testing.TB) *Suite {
	t.Helper()
	assets, why := controlplane.FindAssets()
	if why != "" {
		msg := "end-to-end binaries missing (" + why + "): build them with hack/testbin/build.sh, or set KUBEBUILDER_ASSETS"
		if os.Getenv("MCGTUI_REQUIRE_E2E") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	suiteOnce.Do(func() { suite, suiteErr = startSuite(assets) })
	if suiteErr != nil {
		t.Fatalf("starting the e2e control planes: %v", suiteErr)
	}
	return suite
}

func startSuite(assets string) (s *Suite, err error) {
	dir, err := os.MkdirTemp("", "mcgtui-e2e-")
	if err != nil {
		return nil, err
	}
	s = &Suite{Dir: dir, Assets: assets}
	defer func() {
		if err != nil {
			s.stop()
		}
	}()
	if s.Bin, err = buildMcgtui(dir); err != nil {
		return s, err
	}
	if s.Hub, err = startPlane(s, hubName, hubCRDs()); err != nil {
		return s, err
	}
	if s.East, err = startPlane(s, eastName, spokeCRDs(esoDefault, true)); err != nil {
		return s, err
	}
	if s.West, err = startPlane(s, westName, spokeCRDs(esoV29, false)); err != nil {
		return s, err
	}
	if err = s.registerSpokes(); err != nil {
		return s, err
	}
	return s, nil
}

func (s *Suite) stop() {
	for _, p := range []*Plane{s.West, s.East, s.Hub} {
		if p != nil {
			p.stop()
		}
	}
	_ = os.RemoveAll(s.Dir)
}

// Planes returns the hub and the spokes.
func (s *Suite) Planes() []*Plane { return []*Plane{s.Hub, s.East, s.West} }
