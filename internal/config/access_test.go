package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClusterProxyAndAccessFromTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	data := `clusterProxy:
  url: https://cluster-proxy-user.apps.hub.example.com
  certificateAuthority: /etc/ingress-ca.pem
clusters:
  edge:
    access: proxy
    proxy:
      tokenEnv: EDGE_TOKEN
  lab:
    access: hub
  east:
    context: east-admin
    access: auto
  plugin:
    proxy:
      exec: {command: get-token, args: [--cluster, plugin], env: [{name: A, value: b}]}
`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.ClusterProxy.URL != "https://cluster-proxy-user.apps.hub.example.com" || c.Clusters["edge"].Proxy.TokenEnv != "EDGE_TOKEN" ||
		c.Clusters["plugin"].Proxy.Exec.Command != "get-token" || c.Clusters["plugin"].Proxy.Exec.Env[0].Value != "b" {
		t.Fatalf("decoded %+v", c)
	}
	force, err := c.AccessOverrides()
	if err != nil {
		t.Fatal(err)
	}
	if len(force) != 2 || force["edge"] != "proxy" || force["lab"] != "hub" {
		t.Errorf("overrides %v", force)
	}
	c.Clusters["bad"] = Cluster{Access: "search"}
	if _, err := c.AccessOverrides(); err == nil || !strings.Contains(err.Error(), `clusters.bad.access "search"`) {
		t.Errorf("an access that is not a path: %v", err)
	}
}
