// Package controlplane runs a real kube-apiserver and etcd (built from the Go module proxy by
// hack/testbin/build.sh) for the end-to-end suites, with controller-runtime's envtest: an
// audit log of every request, users with their own client certificates, kubeconfig files.
// It is a library for tests (no testing.T), shared by test/peers; test/e2e keeps its own copy
// of the same harness for now.
package controlplane

import (
	"bufio"
	"context"
	"encoding/json"
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
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// Versions of the binaries hack/testbin/build.sh builds, and so the names of their folders.
const (
	K8sFolder    = "k8s-v1.37.1-etcd-v3.7.0"
	ArgoCDFolder = "argocd-v3.5.7"
	ESOFolder    = "eso-v0.20.4"
)

// TestbinRoot is where hack/testbin/build.sh puts its folders: $MCGTUI_TESTBIN_ROOT, else
// $XDG_CACHE_HOME/mcgtui/testbin (~/.cache/mcgtui/testbin).
func TestbinRoot() (string, error) {
	if root := os.Getenv("MCGTUI_TESTBIN_ROOT"); root != "" {
		return root, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no user cache dir: %w", err)
	}
	return filepath.Join(base, "mcgtui", "testbin"), nil
}

// Folder is one of the build script's folders under TestbinRoot.
func Folder(name string) (string, error) {
	root, err := TestbinRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, name), nil
}

// FindAssets locates kube-apiserver and etcd: $KUBEBUILDER_ASSETS, else the folder
// hack/testbin/build.sh fills. why says what is missing.
func FindAssets() (dir, why string) {
	dir = os.Getenv("KUBEBUILDER_ASSETS")
	if dir == "" {
		var err error
		if dir, err = Folder(K8sFolder); err != nil {
			return "", err.Error()
		}
	}
	for _, bin := range []string{"kube-apiserver", "etcd"} {
		if _, err := os.Stat(filepath.Join(dir, bin)); err != nil {
			return "", fmt.Sprintf("no %s in %s", bin, dir)
		}
	}
	return dir, ""
}

// Plane is one real control plane (kube-apiserver + etcd) on 127.0.0.1.
type Plane struct {
	Name     string
	Dir      string       // its folder: certificates, etcd data, audit log, logs
	Admin    *rest.Config // system:masters
	Dyn      dynamic.Interface
	Kube     kubernetes.Interface
	AuditLog string

	mu    sync.Mutex
	env   *envtest.Environment
	up    bool // the API server is running
	users map[string]*rest.Config
	logs  []*os.File
}

// auditPolicy records every request at Metadata level: who did what to which resource.
const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
`

// Start starts a control plane in dir (created) with the CRDs of crdDirs installed and
// established. The API server's and etcd's output go to files in dir.
func Start(dir, name, assets string, crdDirs []string) (p *Plane, err error) {
	certDir := filepath.Join(dir, "certs")
	if err := os.MkdirAll(certDir, 0o700); err != nil {
		return nil, err
	}
	policy := filepath.Join(dir, "audit-policy.yaml")
	if err := os.WriteFile(policy, []byte(auditPolicy), 0o600); err != nil {
		return nil, err
	}
	p = &Plane{Name: name, Dir: dir, AuditLog: filepath.Join(dir, "audit.log"), users: map[string]*rest.Config{}}
	defer func() {
		if err != nil {
			p.Stop()
		}
	}()
	apiLog, err := p.logFile("kube-apiserver.log")
	if err != nil {
		return p, err
	}
	etcdLog, err := p.logFile("etcd.log")
	if err != nil {
		return p, err
	}
	// Generous start timeouts: on a loaded 2-core machine kube-apiserver can take over a minute.
	api := &envtest.APIServer{CertDir: certDir, Out: apiLog, Err: apiLog, StartTimeout: 3 * time.Minute}
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
		BinaryAssetsDirectory: assets,
		CRDDirectoryPaths:     crdDirs,
		ErrorIfCRDPathMissing: true,
		// On a loaded 2-core machine etcd and the API server's start-up hooks take longer than
		// envtest's 20 s default.
		ControlPlaneStartTimeout: 3 * time.Minute,
		CRDInstallOptions:        envtest.CRDInstallOptions{MaxTime: 3 * time.Minute},
		ControlPlane: envtest.ControlPlane{
			APIServer: api,
			Etcd:      &envtest.Etcd{DataDir: filepath.Join(dir, "etcd"), Out: etcdLog, Err: etcdLog, StartTimeout: time.Minute},
		},
	}
	cfg, err := p.env.Start()
	if err != nil {
		return p, fmt.Errorf("%s: %w (logs in %s)", name, err, dir)
	}
	p.Admin, p.up = cfg, true
	if p.Dyn, err = dynamic.NewForConfig(cfg); err != nil {
		return p, err
	}
	if p.Kube, err = kubernetes.NewForConfig(cfg); err != nil {
		return p, err
	}
	return p, nil
}

func (p *Plane) logFile(name string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(p.Dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err == nil {
		p.logs = append(p.logs, f)
	}
	return f, err
}

// Stop stops the API server and etcd.
func (p *Plane) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.env != nil {
		_ = p.env.Stop()
		p.env = nil
	}
	for _, f := range p.logs {
		_ = f.Close()
	}
	p.logs = nil
}

// StopAPIServer stops the API server (etcd keeps its data): the cluster becomes unreachable.
func (p *Plane) StopAPIServer() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.up || p.env == nil {
		return nil
	}
	p.up = false
	return p.env.ControlPlane.APIServer.Stop()
}

// StartAPIServer starts the stopped API server again and waits until it serves. A fixed
// CertDir keeps the serving certificate and the same APIServer object keeps its client CA, so
// it comes back on the same port with the same credentials: kubeconfigs written before stay
// valid, and clients must recover by themselves.
func (p *Plane) StartAPIServer() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.up || p.env == nil {
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

// Grant creates a ClusterRole.
func (p *Plane) Grant(ctx context.Context, name string, rules []rbacv1.PolicyRule) error {
	_, err := p.Kube.RbacV1().ClusterRoles().Create(ctx, &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: name}, Rules: rules,
	}, metav1.CreateOptions{})
	return err
}

// User returns a client config for a user with its own client certificate, bound to a
// ClusterRole (created beforehand with Grant). A second call for the same name returns the
// first config.
func (p *Plane) User(ctx context.Context, name, clusterRole string) (*rest.Config, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if cfg, ok := p.users[name]; ok {
		return cfg, nil
	}
	u, err := p.env.AddUser(envtest.User{Name: name}, nil)
	if err != nil {
		return nil, err
	}
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

// UserConfig returns the config of a user made with User before.
func (p *Plane) UserConfig(name string) (*rest.Config, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cfg, ok := p.users[name]
	return cfg, ok
}

// WriteKubeconfig writes a kubeconfig with one context, named context, for rc (a user's or
// the admin's config), with namespace as its default namespace ("" for none).
func WriteKubeconfig(path, context, namespace string, rc *rest.Config) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[context] = &clientcmdapi.Cluster{Server: rc.Host, CertificateAuthorityData: rc.CAData}
	cfg.AuthInfos[context] = &clientcmdapi.AuthInfo{ClientCertificateData: rc.CertData, ClientKeyData: rc.KeyData, Token: rc.BearerToken}
	cfg.Contexts[context] = &clientcmdapi.Context{Cluster: context, AuthInfo: context, Namespace: namespace}
	cfg.CurrentContext = context
	return clientcmd.WriteToFile(*cfg, path)
}

// AuditEvent is the part of an audit.k8s.io/v1 Event the tests read.
type AuditEvent struct {
	// AuditID is the request's: its stages (RequestReceived, ResponseStarted for a watch,
	// ResponseComplete) share it.
	AuditID string `json:"auditID"`
	Verb    string `json:"verb"`
	Stage   string `json:"stage"`
	User    struct {
		Username string `json:"username"`
	} `json:"user"`
	// ImpersonatedUser is set when the request impersonated someone (cluster-proxy does).
	ImpersonatedUser *struct {
		Username string `json:"username"`
	} `json:"impersonatedUser"`
	ObjectRef *struct {
		Resource    string `json:"resource"`
		Subresource string `json:"subresource"`
		Namespace   string `json:"namespace"`
		Name        string `json:"name"`
		APIGroup    string `json:"apiGroup"`
	} `json:"objectRef"`
	RequestURI     string    `json:"requestURI"`
	StageTimestamp time.Time `json:"stageTimestamp"`
	ResponseStatus *struct {
		Code int `json:"code"`
	} `json:"responseStatus"`
}

// AuditEvents reads the plane's audit log (the API server writes it in blocking mode: a
// request's events are in the file before its response is sent).
func (p *Plane) AuditEvents() ([]AuditEvent, error) {
	f, err := os.Open(p.AuditLog)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []AuditEvent
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e AuditEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err == nil {
			out = append(out, e)
		}
	}
	return out, sc.Err()
}
