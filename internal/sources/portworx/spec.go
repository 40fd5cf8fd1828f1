package portworx

import (
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// storageClass is the projection of a StorageClass: its provisioner, and whether its claims wait
// for their first consumer.
type storageClass struct {
	name, provisioner    string
	waitForFirstConsumer bool
}

// Spec is what the plumbing watches for Portworx. A cluster without the StorageCluster CRD is
// NotInstalled and its claims are not watched at all; where Portworx runs, every claim is
// watched and those whose StorageClass Portworx provisions become Volumes.
func Spec() kube.ProductSpec {
	return kube.ProductSpec{
		Product: model.ProductPortworx,
		Kinds: []kube.KindSpec{
			{Group: Group, Versions: []string{"v1"}, Resource: "storageclusters", Required: true,
				Decode: func(u *unstructured.Unstructured, c string) any { sc := DecodeStorageCluster(u, c); return &sc }},
			{Group: Group, Versions: []string{"v1"}, Resource: "storagenodes",
				Decode: func(u *unstructured.Unstructured, c string) any { n := DecodeStorageNode(u, c); return &n }},
			{Group: "storage.k8s.io", Versions: []string{"v1"}, Resource: "storageclasses", ClusterScoped: true,
				Decode: func(u *unstructured.Unstructured, _ string) any {
					return storageClass{name: decode.Intern(u.GetName()), provisioner: StorageClassProvisioner(u),
						waitForFirstConsumer: StorageClassWaitsForFirstConsumer(u)}
				}},
			{Versions: []string{"v1"}, Resource: "persistentvolumeclaims",
				Decode: func(u *unstructured.Unstructured, c string) any { return DecodePVC(u, c) }},
			{Versions: []string{"v1"}, Resource: "persistentvolumes", ClusterScoped: true,
				Decode: func(u *unstructured.Unstructured, c string) any { pv := DecodePV(u, c); return &pv }},
		},
		Build: build,
	}
}

func build(snap *model.ClusterSnapshot, items [][]*kube.Projected) {
	snap.StorageClusters = kube.Collect[model.StorageCluster](items[0])
	snap.StorageNodes = kube.Collect[model.StorageNode](items[1])
	provisioner := make(map[string]string, len(items[2]))
	waits := make(map[string]bool)
	for _, it := range items[2] {
		if sc, ok := it.Value.(storageClass); ok {
			provisioner[sc.name] = sc.provisioner
			if sc.waitForFirstConsumer {
				waits[sc.name] = true
			}
		}
	}
	pvs := make(map[string]*model.PersistentVolume, len(items[4]))
	for _, it := range items[4] {
		if pv, ok := it.Value.(*model.PersistentVolume); ok {
			pvs[pv.Name] = pv // read only: JoinVolume copies from it
		}
	}
	for _, it := range items[3] {
		v, ok := it.Value.(model.Volume)
		if !ok || !IsPortworxProvisioner(provisioner[v.StorageClass]) {
			continue
		}
		if snap.Volumes == nil {
			snap.Volumes = make([]model.Volume, 0, len(items[3]))
		}
		v.WaitForFirstConsumer = waits[v.StorageClass]
		snap.Volumes = append(snap.Volumes, JoinVolume(v, pvs[v.VolumeName], provisioner[v.StorageClass]))
	}
}
