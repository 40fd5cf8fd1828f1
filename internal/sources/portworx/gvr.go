// Package portworx reads Portworx StorageClusters and StorageNodes (core.libopenstorage.org) and
// the PersistentVolumeClaims and PersistentVolumes that Portworx provisions.
package portworx

import "k8s.io/apimachinery/pkg/runtime/schema"

// Group is the Portworx operator's API group.
const Group = "core.libopenstorage.org"

var (
	StorageClustersGVR = schema.GroupVersionResource{Group: Group, Version: "v1", Resource: "storageclusters"}
	StorageNodesGVR    = schema.GroupVersionResource{Group: Group, Version: "v1", Resource: "storagenodes"}
	PVCsGVR            = schema.GroupVersionResource{Version: "v1", Resource: "persistentvolumeclaims"}
	PVsGVR             = schema.GroupVersionResource{Version: "v1", Resource: "persistentvolumes"}
	StorageClassesGVR  = schema.GroupVersionResource{Group: "storage.k8s.io", Version: "v1", Resource: "storageclasses"}
)

// Provisioners are the StorageClass provisioners whose claims are Portworx volumes: the CSI
// driver and the in-tree plugin.
var Provisioners = []string{"pxd.portworx.com", "kubernetes.io/portworx-volume"}

// IsPortworxProvisioner reports whether a StorageClass provisioner is Portworx.
func IsPortworxProvisioner(p string) bool {
	for _, q := range Provisioners {
		if p == q {
			return true
		}
	}
	return false
}
