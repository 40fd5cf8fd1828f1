package peers

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/argocd"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// diffProvider is the diff view's provider as mcgtui builds it for --argocd-server HOST
// --argocd-plaintext with $ARGOCD_AUTH_TOKEN, and no argocd CLI login file.
func diffProvider(t *testing.T, addr, token string) *argocd.Provider {
	return argocd.NewDiffProvider(argocd.Settings{
		HubCluster:    clusterName,
		Flag:          config.ArgoCDServer{Server: addr, PlainText: true},
		CLIConfigPath: filepath.Join(t.TempDir(), "no-argocd-login"),
		Getenv: func(k string) string {
			if k == "ARGOCD_AUTH_TOKEN" {
				return token
			}
			return ""
		},
	})
}

// The diff view's data comes from the real Argo CD API server (managed-resources, with a
// session token from POST /api/v1/session): after a hand edit of a managed ConfigMap, that
// ConfigMap is the one modified resource and its unified diff turns the hand-made value back
// into git's; the untouched Service is listed unmodified. A bad token gets Argo CD's 401,
// explained.
func TestDiffShowsHandMadeDrift(t *testing.T) {
	e := requireEnv(t)
	app := e.Argo.NewApp(t, "diff-drift", map[string]string{
		"settings.yaml": configMapYAML("settings", map[string]string{"color": "blue", "size": "small"}),
		"web.yaml":      serviceYAML("web"),
	})
	app.WaitState(t, opWait, "OutOfSync before any sync", func(s appState) bool { return s.Sync == "OutOfSync" })
	app.SyncDirectly(t)

	// The hand-made drift: someone edits the live ConfigMap.
	if _, err := e.Plane.Kube.CoreV1().ConfigMaps(app.Namespace).Patch(context.Background(), "settings",
		types.MergePatchType, []byte(`{"data":{"color":"red"}}`), metav1.PatchOptions{}); err != nil {
		t.Fatal(err)
	}
	m := startMcgtui(t, e.OperatorKubeconfig, auditPath(t))
	a := m.app(t, app.Name, "OutOfSync after the hand edit", func(a model.App) bool { return a.SyncStatus == "OutOfSync" })

	token, err := e.Argo.Token()
	if err != nil {
		t.Fatal(err)
	}
	res, err := diffProvider(t, e.Argo.Addr, token).Diff(context.Background(), a)
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	if res.App != a.Ref || !strings.Contains(res.Source, e.Argo.URL) {
		t.Errorf("diff result for %v from %q, want %v from %s", res.App, res.Source, a.Ref, e.Argo.URL)
	}
	mod := res.Modified()
	if len(mod) != 1 || mod[0].Kind != "ConfigMap" || mod[0].Name != "settings" || mod[0].Namespace != app.Namespace || !mod[0].Modified {
		t.Fatalf("modified resources = %+v, want only ConfigMap %s/settings", mod, app.Namespace)
	}
	unified := mod[0].Unified()
	for _, want := range []string{"-  color: red", "+  color: blue"} {
		if !strings.Contains(unified, want) {
			t.Errorf("the diff lacks %q:\n%s", want, unified)
		}
	}
	if strings.Contains(unified, "size") && (strings.Contains(unified, "-  size") || strings.Contains(unified, "+  size")) {
		t.Errorf("the diff changes the untouched key size:\n%s", unified)
	}
	var web bool
	for _, r := range res.Resources {
		if r.Kind == "Service" && r.Name == "web" {
			web = true
			if r.Modified || r.Unified() != "" {
				t.Errorf("the untouched Service is shown modified:\n%s", r.Unified())
			}
		}
	}
	if !web {
		t.Errorf("Service web missing from the managed resources: %+v", res.Resources)
	}

	_, err = diffProvider(t, e.Argo.Addr, "not-a-token").Diff(context.Background(), a)
	if err == nil || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), "not-a-token") {
		t.Errorf("diff with a bad token: %v; want Argo CD's 401, without the token", err)
	}
}
