package demo

import "time"

// Sizes of the reference fleets of the scale targets (docs/performance.md): S is a large
// customer, L the most managed clusters one ACM hub supports.
const (
	ReferenceSmall = 100
	ReferenceLarge = 3500
)

// referenceNow anchors the reference fleets' timestamps, so that every benchmark run generates
// byte-for-byte the same objects.
var referenceNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// ReferenceOptions returns the options of the scale reference fleet with the given number of
// managed clusters. Each reachable cluster has 20 Applications with up to 10 status.resources
// each, 20 ExternalSecrets, 2 secret stores, 10 Portworx PVCs with their PVs (plus one PVC
// outside Portworx), 1 StorageCluster and 3 StorageNodes; the hub also has one Application per
// managed cluster. At ReferenceLarge that is about 70,000 Applications, 70,000
// ExternalSecrets and 35,000 PVCs: some 240,000 objects that mcgtui watches.
func ReferenceOptions(clusters int) Options {
	return Options{
		Clusters:          clusters,
		Seed:              1,
		AppsPerCluster:    20,
		SecretsPerCluster: 20,
		VolumesPerCluster: 10,
		ResourcesPerApp:   10,
		Now:               referenceNow,
	}
}
