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
