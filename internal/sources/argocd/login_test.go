package argocd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cliFile is a login file as argocd login writes it (v2.x/v3.x field names), with three
// servers: an OpenShift GitOps route, one behind a path prefix, a port-forward, and --core.
const cliFile = `contexts:
- name: argocd-server-openshift-gitops.apps.hub.example.com
  server: argocd-server-openshift-gitops.apps.hub.example.com
  user: argocd-server-openshift-gitops.apps.hub.example.com
- name: east
  server: argocd.east.example.com:8443
  user: east-admin
- name: port-forward
  server: localhost:8080
  user: localhost:8080
- name: core
  server: kubernetes
  user: kubernetes
current-context: argocd-server-openshift-gitops.apps.hub.example.com
prompts-enabled: false
servers:
- grpc-web-root-path: ""
  server: argocd-server-openshift-gitops.apps.hub.example.com
- grpc-web-root-path: /argocd
  insecure: true
  server: argocd.east.example.com:8443
- plain-text: true
  server: localhost:8080
- core: true
  server: kubernetes
users:
- auth-token: hub-token
  name: argocd-server-openshift-gitops.apps.hub.example.com
  refresh-token: hub-refresh
- auth-token: east-token
  name: east-admin
- auth-token: local-token
  name: localhost:8080
- name: kubernetes
`

// writeCLI writes content as $ARGOCD_CONFIG_DIR/config and returns its path.
func writeCLI(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("ARGOCD_CONFIG_DIR", dir)
	p := filepath.Join(dir, "config")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCLIConfigPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("ARGOCD_CONFIG_DIR", "")
	t.Setenv("XDG_CONFIG_HOME", "")
	if got, want := CLIConfigPath(), filepath.Join(home, ".config", "argocd", "config"); got != want {
		t.Errorf("default: %s, want %s", got, want)
	}
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	if got, want := CLIConfigPath(), filepath.Join(xdg, "argocd", "config"); got != want {
		t.Errorf("XDG: %s, want %s", got, want)
	}
	if err := os.Mkdir(filepath.Join(home, ".argocd"), 0o700); err != nil {
		t.Fatal(err)
	}
	if got, want := CLIConfigPath(), filepath.Join(home, ".argocd", "config"); got != want {
		t.Errorf("legacy: %s, want %s", got, want)
	}
	dir := t.TempDir()
	t.Setenv("ARGOCD_CONFIG_DIR", dir)
	if got, want := CLIConfigPath(), filepath.Join(dir, "config"); got != want {
		t.Errorf("ARGOCD_CONFIG_DIR: %s, want %s", got, want)
	}
}

func TestLoadCLIConfig(t *testing.T) {
	p := writeCLI(t, cliFile)
	c, err := LoadCLIConfig(CLIConfigPath())
	if err != nil || c == nil {
		t.Fatalf("%v %v", c, err)
	}
	srv, ok, err := c.Current()
	if err != nil || !ok {
		t.Fatalf("current: %v %v", ok, err)
	}
	want := Server{URL: "https://argocd-server-openshift-gitops.apps.hub.example.com", Token: "hub-token", TokenSource: "argocd login file " + p}
	if srv != want {
		t.Errorf("current = %+v\nwant %+v", srv, want)
	}
	for u, tok := range map[string]string{
		"https://argocd.east.example.com:8443/argocd":                 "east-token",
		"https://argocd.east.example.com:8443/argocd/":                "east-token",
		"http://localhost:8080":                                       "local-token",
		"https://argocd-server-openshift-gitops.apps.hub.example.com": "hub-token",
		"https://argocd.east.example.com:8443":                        "", // path prefix differs
		"https://argocd.west.example.com":                             "",
	} {
		if got := c.TokenFor(u); got != tok {
			t.Errorf("TokenFor(%s) = %q, want %q", u, got, tok)
		}
	}
}

func TestCLIConfigUnusableContexts(t *testing.T) {
	for _, tc := range []struct{ current, want string }{
		{"core", "uses --core mode, which has no API server; pass --argocd-server"},
		{"gone", `current context "gone" is not defined`},
	} {
		c, err := LoadCLIConfig(writeCLI(t, strings.Replace(cliFile,
			"current-context: argocd-server-openshift-gitops.apps.hub.example.com", "current-context: "+tc.current, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, err := c.Current(); !ok || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: ok %v err %v", tc.current, ok, err)
		}
	}
}

func TestLoadCLIConfigMissingAndMalformed(t *testing.T) {
	c, err := LoadCLIConfig(filepath.Join(t.TempDir(), "config"))
	if c != nil || err != nil {
		t.Errorf("missing file: %v %v", c, err)
	}
	if _, ok, err := c.Current(); ok || err != nil {
		t.Errorf("nil config has a current context: %v %v", ok, err)
	}
	p := writeCLI(t, "contexts: {not: a list}\n")
	if _, err := LoadCLIConfig(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("malformed file: %v", err)
	}
}

func TestNormalizeServer(t *testing.T) {
	for _, tc := range []struct {
		server    string
		plainText bool
		root      string
		want      string
	}{
		{"argocd.example.com", false, "", "https://argocd.example.com"},
		{"argocd.example.com:8443", false, "/argocd/", "https://argocd.example.com:8443/argocd"},
		{"localhost:8080", true, "", "http://localhost:8080"},
		{"https://argocd.example.com/", true, "", "https://argocd.example.com"},
		{"http://argocd.example.com/prefix", false, "", "http://argocd.example.com/prefix"},
		{" example.com/a/ ", false, "b", "https://example.com/a/b"},
	} {
		got, err := NormalizeServer(tc.server, tc.plainText, tc.root)
		if err != nil || got != tc.want {
			t.Errorf("%+v: %s %v", tc, got, err)
		}
	}
	for _, bad := range []string{"", "ftp://x", "https://", "https://x?y=1", "https://admin:secret@x"} {
		_, err := NormalizeServer(bad, false, "")
		if err == nil {
			t.Errorf("%q accepted", bad)
		} else if strings.Contains(err.Error(), "secret") {
			t.Errorf("credentials echoed: %v", err)
		}
	}
}
