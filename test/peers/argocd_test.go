package peers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/yaml"
)

var (
	appsGVR     = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "applications"}
	projectsGVR = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "appprojects"}
)

// resyncSeconds is Argo CD's reconciliation period (timeout.reconciliation, --app-resync).
// Long on purpose: a new commit shows up sooner only because of a refresh, which is what the
// refresh test proves. Changes to live objects are watched and need no resync.
const resyncSeconds = 180

// ArgoCD is a running Argo CD: redis, repo-server, application-controller and API server, all
// on 127.0.0.1, watching the plane's argocd namespace with the admin's credentials.
type ArgoCD struct {
	Dir      string
	URL      string // the API server, plain HTTP (--insecure)
	Addr     string // host:port of URL
	Password string // admin's, from argocd-initial-admin-secret
	plane    *controlplane.Plane
	procs    []*proc

	mu    sync.Mutex
	token string
}

// startArgoCD writes Argo CD's settings into the plane and starts its components.
func startArgoCD(dir string, plane *controlplane.Plane) (a *ArgoCD, err error) {
	a = &ArgoCD{Dir: dir, plane: plane}
	defer func() {
		if err != nil {
			a.stop()
		}
	}()
	home := filepath.Join(dir, "home")
	for _, d := range []string{home, filepath.Join(dir, "tmp"), filepath.Join(dir, "tls"), filepath.Join(dir, "ssh"), filepath.Join(dir, "gpg")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return a, err
		}
	}
	if err := a.configure(); err != nil {
		return a, err
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := controlplane.WriteKubeconfig(kubeconfig, "argocd", argoNS, plane.Admin); err != nil {
		return a, err
	}
	bin, _ := controlplane.Folder(controlplane.ArgoCDFolder)
	argocd := filepath.Join(bin, "argocd")
	ports := map[string]int{}
	for _, name := range []string{"redis", "repo", "repo-metrics", "controller-metrics", "server", "server-metrics"} {
		if ports[name], err = freePort(); err != nil {
			return a, err
		}
	}
	local := func(name string) string { return "127.0.0.1:" + strconv.Itoa(ports[name]) }
	// Every component: the test API server as the in-cluster one, a private HOME and temp
	// folder, no GPG; git-verify-wrapper.sh on the PATH.
	envFor := func(component string) []string {
		return []string{
			"ARGOCD_BINARY_NAME=" + component,
			"ARGOCD_FAKE_IN_CLUSTER=true",
			"KUBECONFIG=" + kubeconfig,
			"HOME=" + home,
			"TMPDIR=" + filepath.Join(dir, "tmp"),
			"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
			"ARGOCD_GPG_ENABLED=false",
			"ARGOCD_TLS_DATA_PATH=" + filepath.Join(dir, "tls"),
			"ARGOCD_SSH_DATA_PATH=" + filepath.Join(dir, "ssh"),
			"ARGOCD_GNUPGHOME=" + filepath.Join(dir, "gpg"),
			"GIT_CONFIG_NOSYSTEM=1",
		}
	}

	redis, err := a.start(dir, "redis", "redis-server", nil,
		"--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--port", strconv.Itoa(ports["redis"]))
	if err != nil {
		return a, err
	}
	if err := waitListening(redis, local("redis"), 20*time.Second); err != nil {
		return a, err
	}
	repo, err := a.start(dir, "argocd-repo-server", argocd, envFor("argocd-repo-server"),
		"--address", "127.0.0.1", "--port", strconv.Itoa(ports["repo"]),
		"--metrics-address", "127.0.0.1", "--metrics-port", strconv.Itoa(ports["repo-metrics"]),
		"--redis", local("redis"), "--disable-tls", "--client-ca-path=", // no mTLS (its default path conflicts)
		"--loglevel", "debug")
	if err != nil {
		return a, err
	}
	// The controller's metrics listener binds every interface (not configurable): fine in the
	// test's loopback-only network namespace.
	controller, err := a.start(dir, "argocd-application-controller", argocd, envFor("argocd-application-controller"),
		"--redis", local("redis"), "--repo-server", local("repo"), "--repo-server-plaintext",
		"--metrics-port", strconv.Itoa(ports["controller-metrics"]),
		"--app-resync", strconv.Itoa(resyncSeconds), "--app-resync-jitter", "0",
		"--status-processors", "4", "--operation-processors", "4", "--loglevel", "debug")
	if err != nil {
		return a, err
	}
	server, err := a.start(dir, "argocd-server", argocd, envFor("argocd-server"),
		"--insecure", "--address", "127.0.0.1", "--port", strconv.Itoa(ports["server"]),
		"--metrics-address", "127.0.0.1", "--metrics-port", strconv.Itoa(ports["server-metrics"]),
		"--redis", local("redis"), "--repo-server", local("repo"), "--repo-server-plaintext",
		"--dex-server", "http://127.0.0.1:1", "--staticassets", filepath.Join(dir, "static"),
		"--loglevel", "debug")
	if err != nil {
		return a, err
	}
	if err := waitListening(repo, local("repo"), 60*time.Second); err != nil {
		return a, err
	}
	if err := waitListening(controller, local("controller-metrics"), 60*time.Second); err != nil {
		return a, err
	}
	if err := waitListening(server, local("server"), 60*time.Second); err != nil {
		return a, err
	}
	a.Addr, a.URL = local("server"), "http://"+local("server")
	// The API server writes the admin's initial password on start; then log in once.
	deadline := time.Now().Add(60 * time.Second)
	for {
		s, err := plane.Kube.CoreV1().Secrets(argoNS).Get(context.Background(), "argocd-initial-admin-secret", metav1.GetOptions{})
		if err == nil && len(s.Data["password"]) > 0 {
			a.Password = string(s.Data["password"])
			break
		}
		if time.Now().After(deadline) {
			return a, fmt.Errorf("argocd-server wrote no argocd-initial-admin-secret: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := a.Token(); err != nil {
		return a, err
	}
	return a, nil
}

func (a *ArgoCD) start(dir, name, bin string, env []string, args ...string) (*proc, error) {
	p, err := startProc(dir, name, bin, env, args...)
	if err == nil {
		a.procs = append(a.procs, p)
	}
	return p, err
}

// stop stops the components, the API server and controller first, redis last.
func (a *ArgoCD) stop() {
	for i := len(a.procs) - 1; i >= 0; i-- {
		a.procs[i].stop(10 * time.Second)
	}
}

// configure creates the argocd namespace and the least settings Argo CD runs with (the
// upstream manifests' ConfigMaps and Secret, labelled part-of=argocd so that Argo CD's
// informers see them) and the default project.
func (a *ArgoCD) configure() error {
	ctx := context.Background()
	core := a.plane.Kube.CoreV1()
	if _, err := core.Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: argoNS}}, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return err
	}
	meta := func(name string) metav1.ObjectMeta {
		return metav1.ObjectMeta{Name: name, Namespace: argoNS, Labels: map[string]string{
			"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "argocd",
		}}
	}
	cms := map[string]map[string]string{
		"argocd-cm":            {"timeout.reconciliation": strconv.Itoa(resyncSeconds) + "s"},
		"argocd-rbac-cm":       nil,
		"argocd-cmd-params-cm": nil,
	}
	for name, data := range cms {
		if _, err := core.ConfigMaps(argoNS).Create(ctx, &corev1.ConfigMap{ObjectMeta: meta(name), Data: data}, metav1.CreateOptions{}); err != nil {
			return err
		}
	}
	// Empty: argocd-server generates the admin password (into argocd-initial-admin-secret) and
	// the token signing key.
	if _, err := core.Secrets(argoNS).Create(ctx, &corev1.Secret{ObjectMeta: meta("argocd-secret"), Type: corev1.SecretTypeOpaque}, metav1.CreateOptions{}); err != nil {
		return err
	}
	project := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject",
		"metadata": map[string]any{"name": "default", "namespace": argoNS},
		"spec": map[string]any{
			"sourceRepos":              []any{"*"},
			"destinations":             []any{map[string]any{"server": "*", "namespace": "*"}},
			"clusterResourceWhitelist": []any{map[string]any{"group": "*", "kind": "*"}},
		},
	}}
	_, err := a.plane.Dyn.Resource(projectsGVR).Namespace(argoNS).Create(ctx, project, metav1.CreateOptions{})
	return err
}

// Token logs in as admin (POST /api/v1/session) once and returns the session token.
func (a *ArgoCD) Token() (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token != "" {
		return a.token, nil
	}
	body, _ := json.Marshal(map[string]string{"username": "admin", "password": a.Password})
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Post(a.URL+"/api/v1/session", "application/json", bytes.NewReader(body))
		if err == nil {
			data, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			var out struct {
				Token string `json:"token"`
			}
			if resp.StatusCode == http.StatusOK && json.Unmarshal(data, &out) == nil && out.Token != "" {
				a.token = out.Token
				return a.token, nil
			}
			err = fmt.Errorf("%s: %s", resp.Status, data)
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("logging in to argocd-server as admin: %w", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// App is one test's Argo CD Application, its git repository and its destination namespace.
type App struct {
	Name      string
	Namespace string // destination
	Repo      *GitRepo
	a         *ArgoCD
}

// NewApp creates a git repository with files, a fresh destination namespace, and an
// Application (manual sync, with syncOptions in spec.syncPolicy) in the argocd namespace that
// deploys the repository's root folder there.
func (a *ArgoCD) NewApp(t *testing.T, name string, files map[string]string, syncOptions ...string) *App {
	t.Helper()
	return a.NewAppFrom(t, name, NewGitRepo(t, files), syncOptions...)
}

// NewAppFrom is NewApp for a repository the test has prepared.
func (a *ArgoCD) NewAppFrom(t *testing.T, name string, repo *GitRepo, syncOptions ...string) *App {
	t.Helper()
	app := &App{Name: name, Namespace: name, Repo: repo, a: a}
	ctx := context.Background()
	if _, err := a.plane.Kube.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: app.Namespace}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("namespace %s: %v", app.Namespace, err)
	}
	obj := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
		"metadata": map[string]any{"name": name, "namespace": argoNS},
		"spec": map[string]any{
			"project":     "default",
			"source":      map[string]any{"repoURL": app.Repo.URL, "path": ".", "targetRevision": "HEAD"},
			"destination": map[string]any{"server": "https://kubernetes.default.svc", "namespace": app.Namespace},
		},
	}}
	if len(syncOptions) > 0 {
		opts := make([]any, len(syncOptions))
		for i, o := range syncOptions {
			opts[i] = o
		}
		_ = unstructured.SetNestedSlice(obj.Object, opts, "spec", "syncPolicy", "syncOptions")
	}
	if _, err := a.plane.Dyn.Resource(appsGVR).Namespace(argoNS).Create(ctx, obj, metav1.CreateOptions{}); err != nil {
		t.Fatalf("creating Application %s: %v", name, err)
	}
	// Gone before its repository is (cleanups run last-in first-out), so that Argo CD does not
	// keep failing to read it; the deployed objects stay, in their own namespace.
	t.Cleanup(func() {
		_ = a.plane.Dyn.Resource(appsGVR).Namespace(argoNS).Delete(context.Background(), name, metav1.DeleteOptions{})
	})
	return app
}

// Get reads the Application as the admin.
func (app *App) Get(t *testing.T) *unstructured.Unstructured {
	t.Helper()
	u, err := app.a.plane.Dyn.Resource(appsGVR).Namespace(argoNS).Get(context.Background(), app.Name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("get Application %s: %v", app.Name, err)
	}
	return u
}

// appState is what the tests wait for: sync status, revision, operation phase.
type appState struct {
	Sync, Revision, Health, OpPhase string
	Pending                         bool // .operation set, not yet picked up
	Refreshing                      bool // the refresh annotation is still there
}

func (s appState) String() string {
	return fmt.Sprintf("sync=%s revision=%.12s health=%s operation=%s pending=%v refreshing=%v",
		s.Sync, s.Revision, s.Health, s.OpPhase, s.Pending, s.Refreshing)
}

func stateOf(u *unstructured.Unstructured) appState {
	var s appState
	s.Sync, _, _ = unstructured.NestedString(u.Object, "status", "sync", "status")
	s.Revision, _, _ = unstructured.NestedString(u.Object, "status", "sync", "revision")
	s.Health, _, _ = unstructured.NestedString(u.Object, "status", "health", "status")
	s.OpPhase, _, _ = unstructured.NestedString(u.Object, "status", "operationState", "phase")
	_, s.Pending = u.Object["operation"]
	_, s.Refreshing = u.GetAnnotations()["argocd.argoproj.io/refresh"]
	return s
}

// WaitState polls the Application until ok accepts its state, and returns the object.
func (app *App) WaitState(t *testing.T, timeout time.Duration, what string, ok func(appState) bool) *unstructured.Unstructured {
	t.Helper()
	var last *unstructured.Unstructured
	defer func() {
		if t.Failed() && last != nil {
			out, _ := yaml.Marshal(map[string]any{"operation": last.Object["operation"], "status": last.Object["status"]})
			t.Logf("Application %s as last seen:\n%s", app.Name, out)
		}
	}()
	eventually(t, timeout, "Application "+app.Name+": "+what, func() (bool, string) {
		last = app.Get(t)
		s := stateOf(last)
		return ok(s), s.String()
	})
	return last
}

// SyncDirectly starts a sync by setting .operation as the admin, the way Argo CD's own API
// server does (a test's starting point, not mcgtui's action), and waits for it to succeed.
func (app *App) SyncDirectly(t *testing.T) *unstructured.Unstructured {
	t.Helper()
	patch := `{"operation":{"initiatedBy":{"username":"test-setup"},"sync":{"prune":true}}}`
	if _, err := app.a.plane.Dyn.Resource(appsGVR).Namespace(argoNS).Patch(context.Background(), app.Name,
		types.MergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
		t.Fatalf("sync %s: %v", app.Name, err)
	}
	return app.WaitState(t, 60*time.Second, "synced by the test setup", func(s appState) bool {
		return !s.Pending && s.OpPhase == "Succeeded" && s.Sync == "Synced"
	})
}

// ConfigMap returns a live ConfigMap of the app's namespace, or nil when it does not exist.
func (app *App) ConfigMap(t *testing.T, name string) *corev1.ConfigMap {
	t.Helper()
	cm, err := app.a.plane.Kube.CoreV1().ConfigMaps(app.Namespace).Get(context.Background(), name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		t.Fatalf("get ConfigMap %s/%s: %v", app.Namespace, name, err)
	}
	return cm
}

// configMapYAML is a manifest of a ConfigMap with data.
func configMapYAML(name string, data map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n", name)
	for _, k := range sortedKeys(data) {
		fmt.Fprintf(&b, "  %s: %q\n", k, data[k])
	}
	return b.String()
}

// serviceYAML is a manifest of a ClusterIP Service without selector (no endpoints needed).
func serviceYAML(name string) string {
	return fmt.Sprintf("apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\nspec:\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n", name)
}
