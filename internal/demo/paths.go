package demo

import (
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// proxied are the demo's managed clusters shown as reached through the hub's cluster-proxy
// (the demo's kubeconfig "has no context" for them), so that the demo shows every path the
// product has: contexts, cluster-proxy, and hub facts only (cluster-edge-9).
var proxied = map[string]bool{"cluster-gcp-asia": true, "cluster-openstack-1": true}

// Path labels a demo connection with the path a real hub would take to that cluster. The
// demo's clients are fakes either way; the label is what the user sees.
func Path(c kube.Conn, hub bool) kube.Conn {
	if !hub && proxied[c.Cluster] {
		c.Access, c.Context = model.AccessProxy, ""
		c.Server = "https://cluster-proxy-user.apps.hub.demo.example/" + c.Cluster
		return c
	}
	c.Access = model.AccessContext
	return c
}

// NoPathReason is why the demo has no path to a cluster without access: what a real hub
// without a context or cluster-proxy addon for it would say.
func NoPathReason(cluster string) string {
	return "no kubeconfig context for " + cluster + "; cluster-proxy addon not installed for " + cluster
}
