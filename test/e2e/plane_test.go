package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// Plane is one real control plane (kube-apiserver + etcd) on 127.0.0.1.
type Plane struct {
	Name     string
	Admin    *rest.Config // system:masters
	Dyn      dynamic.Interface
	Kube     kubernetes.Interface
	AuditLog string
	users    map[string]*rest.Config

	mu  sync.Mutex
	env *envtest.Environment
	up  bool
}

const mcgtuiUser = "mcgtui"

// auditPolicy records every request at Metadata level: who did what to which resource.
const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
`

func startPlane(s *Suite, name string, crdDirs []string) (*Plane, error) {
	root := filepath.Join(s.Dir, name)
	certDir := filepath.Join(root, "certs")
	if err := os.MkdirAll(certDir, 0o700); err != nil {
		return nil, err
	}
	policy := filepath.Join(root, "audit-policy.yaml")
	if err := os.WriteFile(policy, []byte(auditPolicy), 0o600); err != nil {
		return nil, err
	}
	p := &Plane{Name: name, AuditLog: filepath.Join(root, "audit.log"), users: map[string]*rest.Config{}}

	// A fixed CertDir keeps the serving certificate, and the same APIServer object keeps its
	// client CA, so that a stopped API server restarts on the same port with the same
	// credentials: mcgtui's kubeconfig stays valid and must recover by itself.
	api := &envtest.APIServer{CertDir: certDir}
	api.Configure().
		Set("advertise-address", "127.0.0.1").   // 1.37 refuses a loopback advertise address otherwise
		Set("endpoint-reconciler-type", "none"). // no default route in a loopback-only sandbox
		Set("audit-policy-file", policy).
		Set("audit-log-path", p.AuditLog).
		Set("audit-log-mode", "blocking").
		// Stop in ~2 s even with clients' watches open: otherwise the HTTP server waits for
		// them up to --request-timeout (60 s), past envtest's 20 s stop timeout.
		Set("shutdown-send-retry-after", "true")
	p.env = &envtest.Environment{
		BinaryAssetsDirectory: s.Assets,
		CRDDirectoryPaths:     crdDirs,
		ErrorIfCRDPathMissing: true,
		ControlPlane: envtest.ControlPlane{
			APIServer: api,
			Etcd:      &envtest.Etcd{DataDir: filepath.Join(root, "etcd")},
		},
	}
	cfg, err := p.env.Start()
	if err != nil {
		_ = p.env.Stop() // always stop, also when Start failed half-way
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p.up = true
	p.Admin = cfg
	if p.Dyn, err = dynamic.NewForConfig(cfg); err != nil {
		return p, err
	}
	if p.Kube, err = kubernetes.NewForConfig(cfg); err != nil {
		return p, err
	}
	if err := p.grant(readerRole, mcgtuiReaderRules()); err != nil {
		return p, err
	}
	if _, err := p.User(mcgtuiUser, readerRole); err != nil {
		return p, err
	}
	return p, nil
}

// User returns a client config for a user with its own client certificate, bound to a
// ClusterRole (created beforehand with grant).
func (p *Plane) User(name, clusterRole string) (*rest.Config, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if cfg, ok := p.users[name]; ok {
		return cfg, nil
	}
	u, err := p.env.AddUser(envtest.User{Name: name}, nil)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	_, err = p.Kube.RbacV1().ClusterRoleBindings().Create(ctx, &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: name + "-" + clusterRole},
		RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: clusterRole},
		Subjects:   []rbacv1.Subject{{Kind: "User", APIGroup: "rbac.authorization.k8s.io", Name: name}},
	}, metav1.CreateOptions{})
	if err != nil {
		return nil, err
	}
	p.users[name] = u.Config()
	return p.users[name], nil
}

// grant creates a ClusterRole.
func (p *Plane) grant(name string, rules []rbacv1.PolicyRule) error {
	_, err := p.Kube.RbacV1().ClusterRoles().Create(context.Background(), &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: name}, Rules: rules,
	}, metav1.CreateOptions{})
	return err
}

// StopAPIServer stops the API server (etcd keeps its data): the cluster becomes unreachable.
func (p *Plane) StopAPIServer() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.up {
		return nil
	}
	p.up = false
	return p.env.ControlPlane.APIServer.Stop()
}

// StartAPIServer starts the stopped API server again on the same port with the same
// certificates, and waits until it serves.
func (p *Plane) StartAPIServer() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.up {
		return nil
	}
	if err := p.env.ControlPlane.APIServer.Start(); err != nil {
		return err
	}
	p.up = true
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := p.Kube.Discovery().ServerVersion(); err == nil {
			return nil
		} else if time.Now().After(deadline) {
			return fmt.Errorf("%s did not come back: %w", p.Name, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *Plane) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.env != nil {
		_ = p.env.Stop()
	}
}
