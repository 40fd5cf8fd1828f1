package demo

// Sizes of the reference fleets of the scale targets (docs/performance.md): S is a large
// customer, L the most managed clusters one ACM hub supports.
const (
	ReferenceSmall = 100
	ReferenceLarge = 3500
)

// ReferenceOptions returns the options of the scale reference fleet with the given number of
// managed clusters. Each reachable cluster has 20 Applications with up to 10 status.resources
// each, 20 ExternalSecrets, 2 secret stores, 10 Portworx PVCs with their PVs (plus one PVC
// outside Portworx), 1 StorageCluster and 3 StorageNodes; the hub also has one Application per
// managed cluster. At ReferenceLarge that is about 70,000 Applications, 70,000
// ExternalSecrets and 35,000 PVCs: some 255,000 objects that mcgtui watches.
//
// Timestamps are anchored at the current time, as Build does by default: the fleet is as
// fresh as a live one. (Anchored at a fixed date, every ExternalSecret would be stale by now,
// and an idle fleet would keep republishing the ages in their reasons.) Everything else is
// the same on every run.
func ReferenceOptions(clusters int) Options {
	return Options{
		Clusters:          clusters,
		Seed:              1,
		AppsPerCluster:    20,
		SecretsPerCluster: 20,
		VolumesPerCluster: 10,
		ResourcesPerApp:   10,
	}
}
