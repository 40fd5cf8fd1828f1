// Package kube is the per-cluster plumbing shared by every product source: connections,
// discovery, watches into projecting stores, error classification, event coalescing and
// snapshot publishing.
package kube

import (
	"github.com/mcgtui/mcgtui/internal/model"

	clusterclient "open-cluster-management.io/api/client/cluster/clientset/versioned"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
)

// Conn is how mcgtui reaches one cluster. Real connections come from a kubeconfig context; the
// demo builds them from client-go's fake clients, so both run the same source code.
type Conn struct {
	Cluster string // fleet name
	Context string // kubeconfig context ("demo/NAME" in the demo)
	Server  string // API server URL, for display and for matching ManagedCluster client URLs
	// Access is the path this connection takes (a context, or the hub's cluster-proxy); it
	// decides how failures are explained (what to grant, and where).
	Access model.Access
	// Note qualifies the path in one line (shown with it), e.g. why the proxy is tried although
	// the addon's status could not be read.
	Note    string
	Dynamic dynamic.Interface
	// Streams, when set, reads watches as raw JSON streams (wireWatch) on the same HTTP client
	// as Dynamic; nil for fake clients, whose watches go through Dynamic.
	Streams   rest.Interface
	Discovery discovery.DiscoveryInterface
	// OCM is the typed Open Cluster Management client; set on the hub only.
	OCM clusterclient.Interface
	// REST is the connection's client configuration, for clients built on demand (the
	// Portworx SDK's service proxy and port-forward); nil for fake clients.
	REST *rest.Config
	// closeAll closes every network connection the clients above opened; nil for fake clients.
	closeAll func()
}

// Close closes every network connection of the Conn's clients, in use or idle, so that none
// outlives the sources that used it: an idle HTTP/2 connection would otherwise stay open, with
// its reader goroutine, until the transport's idle timeout. Call it once nothing uses the Conn;
// a request made afterwards opens a new connection. It does nothing for fake clients.
func (c Conn) Close() {
	if c.closeAll != nil {
		c.closeAll()
	}
}
