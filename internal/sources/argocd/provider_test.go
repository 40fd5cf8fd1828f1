package argocd

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/config"
)

const cfgPath = "~/.config/mcgtui/config.yaml" // only ever printed

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// settings is a hub "hub-ctx" with spokes east (config with tokenEnv), south (config, token
// from the argocd login file) and west (nothing).
func settings(t *testing.T, cli string, vars map[string]string) Settings {
	t.Helper()
	cliPath := filepath.Join(t.TempDir(), "absent")
	if cli != "" {
		cliPath = writeCLI(t, cli)
	}
	return Settings{
		HubCluster: "hub-ctx",
		ConfigPath: cfgPath,
		Config: config.Config{Clusters: map[string]config.Cluster{
			"east":  {Context: "east-admin", ArgoCD: &config.ArgoCDServer{Server: "argocd.east.example.com:8443/argocd", TokenEnv: "EAST_TOKEN", Namespace: "openshift-gitops"}},
			"south": {ArgoCD: &config.ArgoCDServer{Server: "argocd.east.example.com:8443/argocd", Insecure: true}},
			"west":  {Context: "west-admin"},
		}},
		CLIConfigPath: cliPath,
		Getenv:        env(vars),
	}
}

func TestResolveSpokes(t *testing.T) {
	p := NewDiffProvider(settings(t, cliFile, map[string]string{"EAST_TOKEN": "from-env", "ARGOCD_AUTH_TOKEN": "hub-only"}))
	srv, err := p.Resolve("east")
	want := Server{URL: "https://argocd.east.example.com:8443/argocd", Token: "from-env", TokenSource: "$EAST_TOKEN", Namespace: "openshift-gitops"}
	if err != nil || srv != want {
		t.Errorf("east = %+v, %v\nwant %+v", srv, err, want)
	}
	srv, err = p.Resolve("south")
	if err != nil || srv.Token != "east-token" || !srv.Insecure || !strings.HasPrefix(srv.TokenSource, "argocd login file ") {
		t.Errorf("south = %+v, %v", srv, err)
	}
	_, err = p.Resolve("west")
	if want := "no Argo CD server configured for cluster west (set clusters.west.argocd.server in " + cfgPath + ")"; err == nil || err.Error() != want {
		t.Errorf("west: %v\nwant %s", err, want)
	}
	_, err = p.Resolve("north")
	if err == nil || !strings.HasPrefix(err.Error(), "no Argo CD server configured for cluster north ") {
		t.Errorf("north: %v", err)
	}
}

func TestResolveSpokeNeverTakesTheHubToken(t *testing.T) {
	s := settings(t, "", map[string]string{"ARGOCD_AUTH_TOKEN": "hub-only", "ARGOCD_SERVER": "argocd.hub.example.com"})
	s.Flag = config.ArgoCDServer{Server: "argocd.hub.example.com"}
	srv, err := NewDiffProvider(s).Resolve("south")
	if err != nil || srv.Token != "" || srv.URL != "https://argocd.east.example.com:8443/argocd" {
		t.Errorf("south = %+v, %v", srv, err)
	}
	_, err = NewDiffProvider(s).Resolve("west")
	if err == nil {
		t.Error("west took the hub's --argocd-server")
	}
}

func TestResolveTokenEnvUnset(t *testing.T) {
	_, err := NewDiffProvider(settings(t, "", nil)).Resolve("east")
	if want := "clusters.east.argocd.tokenEnv in " + cfgPath + " names $EAST_TOKEN, which is not set"; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestResolveHubOrder(t *testing.T) {
	hubCfg := &config.ArgoCDServer{Server: "https://openshift-gitops-server-openshift-gitops.apps.hub.example.com", Namespace: "openshift-gitops"}
	for _, tc := range []struct {
		name      string
		flag      string
		perCl     bool // clusters.hub-ctx.argocd
		top       bool // argocd
		vars      map[string]string
		cli       string
		wantURL   string
		wantToken string
		wantErr   string
	}{
		{name: "flag wins", flag: "argocd.flag.example.com", perCl: true, top: true, cli: cliFile,
			vars:    map[string]string{"ARGOCD_AUTH_TOKEN": "env-token", "ARGOCD_SERVER": "argocd.env.example.com"},
			wantURL: "http://argocd.flag.example.com", wantToken: "env-token"},
		{name: "cluster entry", perCl: true, top: true, vars: map[string]string{"ARGOCD_SERVER": "argocd.env.example.com"},
			wantURL: "https://argocd.cluster.example.com"},
		{name: "top-level", top: true, vars: map[string]string{"ARGOCD_SERVER": "argocd.env.example.com", "ARGOCD_AUTH_TOKEN": "env-token"},
			wantURL: hubCfg.Server, wantToken: "env-token"},
		{name: "env", cli: cliFile, vars: map[string]string{"ARGOCD_SERVER": "localhost:8080"},
			wantURL: "http://localhost:8080", wantToken: "local-token"},
		{name: "argocd login", cli: cliFile,
			wantURL: "https://argocd-server-openshift-gitops.apps.hub.example.com", wantToken: "hub-token"},
		{name: "argocd login, broken", cli: "current-context: gone\n",
			wantErr: `current context "gone" is not defined`},
		{name: "nothing",
			wantErr: "no Argo CD server configured for cluster hub-ctx (set clusters.hub-ctx.argocd.server in " + cfgPath + " or --argocd-server)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := settings(t, tc.cli, tc.vars)
			s.Flag = config.ArgoCDServer{Server: tc.flag, PlainText: true}
			if tc.perCl {
				s.Config.Clusters["hub-ctx"] = config.Cluster{ArgoCD: &config.ArgoCDServer{Server: "argocd.cluster.example.com"}}
			}
			if tc.top {
				s.Config.ArgoCD = hubCfg
			}
			srv, err := NewDiffProvider(s).Resolve("hub-ctx")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %+v, %v; want error %s", srv, err, tc.wantErr)
				}
				return
			}
			if err != nil || srv.URL != tc.wantURL || srv.Token != tc.wantToken {
				t.Errorf("got %+v, %v; want %s with token %q", srv, err, tc.wantURL, tc.wantToken)
			}
		})
	}
}

func TestProviderDiffEndToEnd(t *testing.T) {
	var last *http.Request
	ts := httptest.NewTLSServer(recorded(t, "guestbook.json", http.StatusOK, &last))
	defer ts.Close()
	s := settings(t, "", map[string]string{"EAST_TOKEN": testToken})
	s.Config.Clusters["east"] = config.Cluster{ArgoCD: &config.ArgoCDServer{
		Server: ts.URL, Insecure: true, TokenEnv: "EAST_TOKEN", Namespace: "openshift-gitops",
	}}
	p := NewDiffProvider(s)
	app := guestbook("openshift-gitops")
	app.Cluster = "east"
	res, err := p.Diff(context.Background(), app)
	if err != nil {
		t.Fatal(err)
	}
	if last.URL.RawQuery != "" || last.Header.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("query %q auth %q", last.URL.RawQuery, last.Header.Get("Authorization"))
	}
	checkGuestbook(t, res.Resources)
	if _, err := p.Diff(context.Background(), app); err != nil || len(p.clients) != 1 {
		t.Errorf("second call: %v, %d clients", err, len(p.clients))
	}
	app.Cluster = "west"
	if _, err := p.Diff(context.Background(), app); err == nil || !strings.Contains(err.Error(), "cluster west") {
		t.Errorf("west: %v", err)
	}
}
