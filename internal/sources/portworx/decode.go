package portworx

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode"
)

// apiVersion is what Portworx objects built without apiVersion (tests, the demo) are assumed to be.
var apiVersion = StorageClustersGVR.GroupVersion().String()

// DecodeStorageCluster projects a Portworx StorageCluster into a model.StorageCluster. Phase is
// kept as written: "Running" on current operators (with a Portworx/RuntimeState condition
// saying Online), "Online" on operators ≤ 1.10. It never panics: fields with unexpected types
// read as empty and are listed in DecodeIssues. Health is left empty.
func DecodeStorageCluster(u *unstructured.Unstructured, cluster string) model.StorageCluster {
	r := decode.Of(u)
	sc := model.StorageCluster{Meta: r.Meta(cluster, StorageClustersGVR.Resource)}
	sc.APIVersion = decode.Or(sc.APIVersion, apiVersion)
	sc.Kind = decode.Or(sc.Kind, "StorageCluster")
	status := r.Map("status")
	sc.Phase = status.Str("phase")
	sc.Version = status.Str("version")
	sc.ClusterName = status.Str("clusterName")
	sc.ClusterUID = status.Str("clusterUid")
	sc.Conditions = portworxConditions(status)
	sc.DecodeIssues = r.Issues()
	return sc
}

// portworxConditions reads status.conditions. Portworx conditions name their component in
// "source" and put a state rather than True/False in "status" ({Portworx, RuntimeState,
// Online}); they become Type "Portworx/RuntimeState" with Status "Online" so that two
// components' conditions of the same type stay apart.
func portworxConditions(status *decode.Reader) []model.Condition {
	n := status.Len("conditions")
	if n == 0 {
		return nil
	}
	out := make([]model.Condition, 0, n)
	status.Each([]string{"conditions"}, func(e *decode.Reader) {
		c := e.Condition()
		if source := e.Str("source"); source != "" {
			c.Type = source + "/" + c.Type
		}
		out = append(out, c)
	})
	return out
}

// DecodeStorageNode projects a Portworx StorageNode into a model.StorageNode: phase, node UID,
// Portworx version (spec.version, set by the operator from the node), data IP and storage sizes
// in bytes. It never panics; Health is left empty.
func DecodeStorageNode(u *unstructured.Unstructured, cluster string) model.StorageNode {
	r := decode.Of(u)
	sn := model.StorageNode{Meta: r.Meta(cluster, StorageNodesGVR.Resource)}
	sn.APIVersion = decode.Or(sn.APIVersion, apiVersion)
	sn.Kind = decode.Or(sn.Kind, "StorageNode")
	sn.Version = r.Str("spec", "version")
	status := r.Map("status")
	sn.Phase = status.Str("phase")
	sn.NodeUID = status.Str("nodeUid")
	sn.IP = status.Str("network", "dataIP")
	sn.StorageTotal = status.Quantity("storage", "totalSize")
	sn.StorageUsed = status.Quantity("storage", "usedSize")
	sn.Conditions = portworxConditions(status)
	sn.DecodeIssues = r.Issues()
	return sn
}

// DecodePVC projects a PersistentVolumeClaim into a model.Volume. Provisioner, PVPhase and
// VolumeHandle come from the StorageClass and PersistentVolume: see JoinVolume. It never
// panics; Health is left empty.
func DecodePVC(u *unstructured.Unstructured, cluster string) model.Volume {
	r := decode.Of(u)
	v := model.Volume{Meta: r.Meta(cluster, PVCsGVR.Resource)}
	v.APIVersion = decode.Or(v.APIVersion, "v1")
	v.Kind = decode.Or(v.Kind, "PersistentVolumeClaim")
	spec := r.Map("spec")
	v.StorageClass = spec.Str("storageClassName")
	v.Requested = spec.Quantity("resources", "requests", "storage")
	v.VolumeName = spec.Str("volumeName")
	v.AccessModes = spec.StrSlice("accessModes")
	v.SelectedNode = r.Str("metadata", "annotations", SelectedNodeAnnotation)
	status := r.Map("status")
	v.Phase = status.Str("phase")
	v.Capacity = status.Quantity("capacity", "storage")
	v.DecodeIssues = r.Issues()
	return v
}

// DecodePV projects a PersistentVolume into a model.PersistentVolume: phase, the Portworx volume
// id (CSI volumeHandle, or the in-tree plugin's volumeID), storage class and the claim it is
// bound to. It never panics.
func DecodePV(u *unstructured.Unstructured, cluster string) model.PersistentVolume {
	r := decode.Of(u)
	pv := model.PersistentVolume{Meta: r.Meta(cluster, PVsGVR.Resource)}
	pv.APIVersion = decode.Or(pv.APIVersion, "v1")
	pv.Kind = decode.Or(pv.Kind, "PersistentVolume")
	spec := r.Map("spec")
	pv.VolumeHandle = spec.Str("csi", "volumeHandle")
	if pv.VolumeHandle == "" {
		pv.VolumeHandle = spec.Str("portworxVolume", "volumeID")
	}
	pv.StorageClass = spec.Str("storageClassName")
	pv.ClaimNS = spec.Str("claimRef", "namespace")
	pv.ClaimName = spec.Str("claimRef", "name")
	pv.Phase = r.Str("status", "phase")
	pv.DecodeIssues = r.Issues()
	return pv
}

// StorageClassProvisioner returns a StorageClass's provisioner ("pxd.portworx.com"), or "" when
// absent or not a string.
func StorageClassProvisioner(u *unstructured.Unstructured) string {
	return decode.Of(u).Str("provisioner")
}

// StorageClassWaitsForFirstConsumer reports whether a StorageClass's volumeBindingMode is
// WaitForFirstConsumer.
func StorageClassWaitsForFirstConsumer(u *unstructured.Unstructured) bool {
	return decode.Of(u).Str("volumeBindingMode") == "WaitForFirstConsumer"
}

// SelectedNodeAnnotation is set on a claim by the scheduler when it picks the node of the
// claim's first consumer; from then on the claim is expected to be provisioned.
const SelectedNodeAnnotation = "volume.kubernetes.io/selected-node"

// JoinVolume returns v with what its StorageClass and PersistentVolume add: the provisioner,
// the PV's phase and its volume handle. pv may be nil while the claim is Pending or the PV is
// not yet in the cache; the PV's decode issues carry over, prefixed, so a bad PV also makes the
// volume Unknown.
func JoinVolume(v model.Volume, pv *model.PersistentVolume, provisioner string) model.Volume {
	v.Provisioner = provisioner
	if pv == nil {
		return v
	}
	v.PVPhase = pv.Phase
	v.VolumeHandle = pv.VolumeHandle
	if len(pv.DecodeIssues) > 0 {
		issues := make([]string, 0, len(v.DecodeIssues)+len(pv.DecodeIssues))
		issues = append(issues, v.DecodeIssues...)
		for _, issue := range pv.DecodeIssues {
			issues = append(issues, "pv "+pv.Name+": "+issue)
		}
		v.DecodeIssues = issues
	}
	return v
}
