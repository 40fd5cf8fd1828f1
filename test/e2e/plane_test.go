package e2e

import (
	"context"
	"path/filepath"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/client-go/rest"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"
)

// Plane is one real control plane (kube-apiserver + etcd) on 127.0.0.1, from the shared
// harness, with the e2e suite's helpers.
type Plane struct {
	*controlplane.Plane
}

const mcgtuiUser = "mcgtui"

// startPlane starts a control plane with its CRDs, the read-only ClusterRole mcgtui needs and
// mcgtui's own user bound to it.
func startPlane(s *Suite, name string, crdDirs []string) (*Plane, error) {
	cp, err := controlplane.Start(filepath.Join(s.Dir, name), name, s.Assets, crdDirs)
	if err != nil {
		return nil, err
	}
	p := &Plane{cp}
	ctx := context.Background()
	if err := p.Grant(ctx, readerRole, mcgtuiReaderRules()); err != nil {
		return p, err
	}
	if _, err := p.Plane.User(ctx, mcgtuiUser, readerRole); err != nil {
		return p, err
	}
	return p, nil
}

// User returns a client config for a user bound to a ClusterRole (see grant).
func (p *Plane) User(name, clusterRole string) (*rest.Config, error) {
	return p.Plane.User(context.Background(), name, clusterRole)
}

// grant creates a ClusterRole.
func (p *Plane) grant(name string, rules []rbacv1.PolicyRule) error {
	return p.Grant(context.Background(), name, rules)
}

func (p *Plane) stop() { p.Stop() }

// auditEvents reads the plane's audit log.
func (p *Plane) auditEvents(t *testing.T) []controlplane.AuditEvent {
	t.Helper()
	events, err := p.AuditEvents()
	if err != nil {
		t.Fatal(err)
	}
	return events
}
