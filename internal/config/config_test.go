package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadMissingFileIsEmpty(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "absent.yaml"))
	if err != nil || len(c.Clusters) != 0 {
		t.Fatalf("got %+v, %v", c, err)
	}
}

func TestLoadAndMapping(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	data := "readOnly: true\nclusters:\n  east: {context: ctx-east}\n  west: {context: ctx-west}\n"
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if !c.ReadOnly {
		t.Error("readOnly not read")
	}
	m, err := c.ContextMapping([]string{"west=override", "north=ctx-north"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"east": "ctx-east", "west": "override", "north": "ctx-north"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("mapping[%s] = %q, want %q", k, m[k], v)
		}
	}
	if _, err := c.ContextMapping([]string{"novalue"}); err == nil {
		t.Error("malformed --cluster-context accepted")
	}
}

func TestLoadRejectsUnknownFields(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte("clustres: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("typo not reported with the file name: %v", err)
	}
}

func TestLoadArgoCDServers(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	data := `argocd:
  server: openshift-gitops-server-openshift-gitops.apps.hub.example.com
  namespace: openshift-gitops
clusters:
  east:
    context: east-admin
    argocd:
      server: https://argocd.east.example.com
      insecure: true
      tokenEnv: EAST_ARGOCD_TOKEN
  lab:
    argocd: {server: "localhost:8080", plainText: true}
`
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.ArgoCD == nil || c.ArgoCD.Namespace != "openshift-gitops" {
		t.Errorf("hub argocd: %+v", c.ArgoCD)
	}
	east := c.Clusters["east"].ArgoCD
	if east == nil || !east.Insecure || east.TokenEnv != "EAST_ARGOCD_TOKEN" || east.Server != "https://argocd.east.example.com" {
		t.Errorf("east argocd: %+v", east)
	}
	if lab := c.Clusters["lab"]; lab.ArgoCD == nil || !lab.ArgoCD.PlainText || lab.Context != "" {
		t.Errorf("lab: %+v", lab)
	}
	m, err := c.ContextMapping(nil)
	if err != nil || len(m) != 1 || m["east"] != "east-admin" {
		t.Errorf("a cluster with only argocd settings got a context mapping: %v %v", m, err)
	}
}

func TestLoadRejectsTokenInFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte("argocd: {server: x, token: abc}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "token") {
		t.Fatalf("a token field was accepted: %v", err)
	}
}

// TestBadConfig: every field with a bad value, and the file's other mistakes, give one line
// naming the file, line, column and the field's path.
func TestBadConfig(t *testing.T) {
	tests := []struct{ data, want string }{
		{"clusters:\n  east:\n    contxt: ctx-east\n", `:3:5: clusters.east.contxt: unknown field "contxt"; did you mean "context"?`},
		{"clustres: {}\n", `:1:1: clustres: unknown field "clustres"; did you mean "clusters"?`},
		{"bogus: 1\n", `:1:1: bogus: unknown field "bogus"; known fields: argocd, argocdNamespace, clusterProxy, clusters, keymap, readOnly, theme`},
		{"readOnly: yes please\n", `:1:11: readOnly: want true or false, got "yes please"`},
		{"readOnly: 1\n", `readOnly: want true or false, got the number 1`},
		{"argocdNamespace: [a]\n", `:1:18: argocdNamespace: want a string, got a list`},
		{"clusters: [east]\n", `clusters: want a mapping, got a list`},
		{"clusters:\n  east: ctx-east\n", `:2:9: clusters.east: want a mapping of fields, got "ctx-east"`},
		{"clusters:\n  east:\n    context: {a: b}\n", `clusters.east.context: want a string, got a mapping`},
		{"clusters:\n  east:\n    argocd:\n      server: x\n      insecure: maybe\n", `:5:17: clusters.east.argocd.insecure: want true or false`},
		{"clusters:\n  east:\n    argocd: {sever: x}\n", `clusters.east.argocd.sever: unknown field "sever"; did you mean "server"?`},
		{"argocd: {server: x, plainText: 2}\n", `argocd.plainText: want true or false, got the number 2`},
		{"argocd: {server: x, tokenEnv: [A]}\n", `argocd.tokenEnv: want a string`},
		{"argocd: {server: x, namespace: {}}\n", `argocd.namespace: want a string`},
		{"argocd: {server: x, insecure: true, extra: 1}\n", `argocd.extra: unknown field`},
		{"theme:\n  ok: green\n", `:2:7: theme.ok: colour "green": want #rrggbb, #rgb or an ANSI colour number 0-255`},
		{"theme: {unknown: '#12345'}\n", `theme.unknown: colour "#12345"`},
		{"theme: {warning: '256'}\n", `theme.warning: colour "256"`},
		{"theme: {critical: ''}\n", ``}, // empty keeps the default: no error
		{"theme: {header: [1]}\n", `theme.header: want a string, got a list`},
		{"theme: {selection: '#zzzzzz'}\n", `theme.selection: colour "#zzzzzz"`},
		{"theme: {selectionText: '-1'}\n", `theme.selectionText: colour "-1"`},
		{"theme: {background: '#000000'}\n", `theme.background: unknown field "background"`},
		{"keymap:\n  snyc: x\n", `:2:9: keymap.snyc: unknown action "snyc"; did you mean "sync"?`},
		{"keymap:\n  sync: []\n", `keymap.sync: no keys`},
		{"keymap:\n  sync: ctrl+\n", `keymap.sync: key "ctrl+"`},
		{"keymap:\n  sync: [hyper+s]\n", `keymap.sync: key "hyper+s"`},
		{"keymap:\n  sync: {a: b}\n", `keymap.sync: want a list, got a mapping`},
		{"keymap:\n  sync: q\n", `keymap.sync: key "q" is bound to both quit and sync`},
		{"keymap: [sync]\n", `keymap: want a mapping, got a list`},
		{"clusters:\n  east: {context: a\n", `config `}, // YAML syntax error: still one line with the file
		{"- just\n- a list\n", `:1:1: want a mapping of fields, got a list`},
		{"argocd: {insecure: true}\n", `:1:9: argocd.server: required`},
		{"argocd: {server: 'ftp://x'}\n", `argocd.server: server "ftp://x"`},
		{"argocd: {server: x, insecure: true, plainText: true}\n", `argocd.insecure: insecure and plainText`},
		{"clusters:\n  east:\n    argocd: {server: 'https://u:p@x'}\n", `:3:22: clusters.east.argocd.server: server`},
		{"clusters:\n  east:\n    access: search\n", `:3:13: clusters.east.access: "search": want auto, context, proxy or hub`},
		{"clusters:\n  east:\n    access: [proxy]\n", `clusters.east.access: want a string, got a list`},
		{"clusters:\n  east:\n    acess: proxy\n", `clusters.east.acess: unknown field "acess"; did you mean "access"?`},
		{"clusterProxy: {url: 'cluster-proxy.example.com'}\n", `clusterProxy.url: "cluster-proxy.example.com": want the endpoint's URL`},
		{"clusterProxy: {url: 'https://u:secret@proxy.example.com'}\n", `clusterProxy.url: "https://u:xxxxx@proxy.example.com": want a URL without credentials`},
		{"clusterProxy: {url: 'https://proxy.example.com/?x=1'}\n", `clusterProxy.url: "https://proxy.example.com/?x=1": want a URL without credentials, query`},
		{"clusterProxy: {url: 'https://proxy.example.com/prefix'}\n", ``},
		{"clusterProxy: {maxWatched: -1}\n", `:1:28: clusterProxy.maxWatched: -1: want a number of clusters`},
		{"clusterProxy: {maxWatched: many}\n", `clusterProxy.maxWatched: want a whole number`},
		{"clusterProxy: {lingerSeconds: -5}\n", `clusterProxy.lingerSeconds: -5: want seconds`},
		{"clusterProxy: {lingerSeconds: 2m}\n", `clusterProxy.lingerSeconds: want a whole number`},
		{"clusterProxy: {insecureSkipTLSVerify: sure}\n", `clusterProxy.insecureSkipTLSVerify: want true or false`},
		{"clusterProxy: {namespace: [a]}\n", `clusterProxy.namespace: want a string, got a list`},
		{"clusterProxy: {certificateAuthority: {}}\n", `clusterProxy.certificateAuthority: want a string`},
		{"clusterProxy: {uri: x}\n", `clusterProxy.uri: unknown field "uri"; did you mean "url"?`},
		{"clusters:\n  east:\n    proxy: {tokenEnv: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'}\n", `clusters.east.proxy.tokenEnv: want the name of an environment variable`},
		{"clusters:\n  east:\n    proxy: {token: abc}\n", `clusters.east.proxy.token: unknown field "token"`},
		{"clusters:\n  east:\n    proxy: {tokenEnv: A, exec: {command: x}}\n", `clusters.east.proxy.exec: tokenEnv and exec: choose one`},
		{"clusters:\n  east:\n    proxy: {exec: {args: [a]}}\n", `clusters.east.proxy.exec.command: required`},
		{"clusters:\n  east:\n    proxy: {exec: {command: x, apiVersion: v2}}\n", `clusters.east.proxy.exec.apiVersion: "v2": want client.authentication.k8s.io/v1`},
		{"clusters:\n  east:\n    proxy: {exec: {command: x, env: [{name: 'A B', value: c}]}}\n", `clusters.east.proxy.exec.env: env[0].name "A B"`},
		{"clusters:\n  east:\n    proxy: {exec: {command: x, args: a}}\n", `clusters.east.proxy.exec.args: want a list`},
		{"clusters:\n  east:\n    portworx: {tokenEnv: 'my token'}\n", `clusters.east.portworx.tokenEnv: want the name of an environment variable`},
		{"clusters:\n  east:\n    argocd: {server: x, tokenEnv: 'a-b'}\n", `clusters.east.argocd.tokenEnv: want the name of an environment variable`},
		{"argocd: {server: x, tokenEnv: '1ABC'}\n", `argocd.tokenEnv: want the name of an environment variable`},
	}
	for _, tt := range tests {
		t.Run(tt.data, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "config.yaml")
			if err := os.WriteFile(p, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "config "+p+":") || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q\nwant one line starting with the file, containing %q", msg, tt.want)
			}
		})
	}
}

func TestThemeAndKeymap(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	data := "theme:\n  ok: '#00ff00'\n  warning: '214'\nkeymap:\n  sync: [x, ctrl+s]\n  quit: Q\n"
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	th := c.Theme.WithDefaults()
	if th.OK != "#00ff00" || th.Warning != "214" || th.Unknown != DefaultTheme().Unknown {
		t.Errorf("theme %+v", th)
	}
	km := c.Keymap.WithDefaults()
	if strings.Join(km["sync"], ",") != "x,ctrl+s" || strings.Join(km["quit"], ",") != "Q" || strings.Join(km["refresh"], ",") != "r" {
		t.Errorf("keymap %v", km)
	}
}

// TestDefaultsAreSound: the default keymap binds no key twice, and the Unknown colour is
// readable (WCAG AA, 4.5:1) on both a black and a white terminal.
func TestDefaultsAreSound(t *testing.T) {
	if a, err := (Keymap{}).check(); err != nil {
		t.Fatalf("default keymap: %s: %v", a, err)
	}
	u := DefaultTheme().Unknown
	for _, bg := range []string{"#000000", "#ffffff"} {
		if r := ContrastRatio(u, bg); r < 4.5 {
			t.Errorf("Unknown %s on %s: contrast %.2f, want ≥ 4.5", u, bg, r)
		}
	}
	for _, f := range DefaultTheme().fields() {
		if err := checkColour(f.value); f.value != "" && err != nil {
			t.Errorf("default %s: %v", f.name, err)
		}
	}
}
