// Package kube is the per-cluster plumbing shared by every product source: connections,
// discovery, dynamic informers, error classification, event coalescing and snapshot publishing.
package kube

import (
	clusterclient "open-cluster-management.io/api/client/cluster/clientset/versioned"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
)

// Conn is how mcgtui reaches one cluster. Real connections come from a kubeconfig context; the
// demo builds them from client-go's fake clients, so both run the same source code.
type Conn struct {
	Cluster   string // fleet name
	Context   string // kubeconfig context ("demo/NAME" in the demo)
	Server    string // API server URL, for display and for matching ManagedCluster client URLs
	Dynamic   dynamic.Interface
	Discovery discovery.DiscoveryInterface
	// OCM is the typed Open Cluster Management client; set on the hub only.
	OCM clusterclient.Interface
}
