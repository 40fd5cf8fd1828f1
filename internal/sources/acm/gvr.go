// Package acm watches the hub's ManagedClusters with the typed Open Cluster Management client
// and turns them into model.ManagedCluster: the list of clusters that makes up the fleet.
package acm

import "k8s.io/apimachinery/pkg/runtime/schema"

// ManagedClustersGVR is the ManagedCluster resource; discovery of it tells whether a context is
// an ACM / OCM hub.
var ManagedClustersGVR = schema.GroupVersionResource{Group: "cluster.open-cluster-management.io", Version: "v1", Resource: "managedclusters"}
