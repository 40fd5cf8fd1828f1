package fleet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

const kubeconfigYAML = `apiVersion: v1
kind: Config
clusters:
- {name: hub, cluster: {server: "https://api.hub.example:6443"}}
- {name: east, cluster: {server: "https://api.east.example:6443"}}
- {name: west, cluster: {server: "https://api.west.example:6443"}}
users:
- {name: u, user: {token: t}}
contexts:
- {name: hub, context: {cluster: hub, user: u}}
- {name: east, context: {cluster: east, user: u}}
- {name: admin@west, context: {cluster: west, user: u}}
- {name: custom, context: {cluster: east, user: u}}
current-context: hub
`

func TestKubeconfigConnectorResolutionOrder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(p, []byte(kubeconfigYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	kc, err := kube.LoadKubeconfig(p)
	if err != nil {
		t.Fatal(err)
	}
	connect := KubeconfigConnector(kc, map[string]string{"mapped": "custom", "typo": "nope"}, "hub")
	mc := func(name string, urls ...string) *model.ManagedCluster {
		return &model.ManagedCluster{Meta: model.Meta{Ref: model.Ref{Name: name}}, ClientURLs: urls}
	}
	cases := []struct {
		mc      *model.ManagedCluster
		context string // "" means no access
		why     string
	}{
		{mc("mapped"), "custom", ""},
		{mc("east"), "east", ""},
		{mc("west", "https://api.west.example:6443/"), "admin@west", ""},
		{mc("hub"), "", "no kubeconfig context"}, // the hub's own context never serves a spoke
		{mc("typo"), "", `mapped context "nope" not found`},
		{mc("nowhere", "https://api.nowhere.example:6443"), "", "no kubeconfig context for nowhere"},
	}
	for _, c := range cases {
		conn, ok, why := connect(c.mc)
		if c.context == "" {
			if ok || !strings.Contains(why, c.why) {
				t.Errorf("%s: ok=%v why=%q, want no access with %q", c.mc.Name, ok, why, c.why)
			}
			continue
		}
		if !ok || conn.Context != c.context || conn.Cluster != c.mc.Name || conn.Dynamic == nil {
			t.Errorf("%s: got context %q ok=%v (%s), want %q", c.mc.Name, conn.Context, ok, why, c.context)
		}
	}
}
