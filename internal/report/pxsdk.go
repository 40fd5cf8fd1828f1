package report

import (
	"cmp"
	"fmt"

	"github.com/mcgtui/mcgtui/internal/model"
)

// PortworxFields are the Row fields from the Portworx OpenStorage SDK (docs/status.md), on
// PersistentVolumeClaim, StorageNode and cluster rows once the SDK has been polled.
type PortworxFields struct {
	// Replicas is a claim's volume's current replicas of its replica sets' nodes: "3/3",
	// "2/3".
	Replicas string `json:"replicas,omitempty"`
	// Replication is the replication state derived as kubectl pxc does: up, resync,
	// resync_failed, degraded, re-adding, detached, restore.
	Replication string `json:"replication,omitempty"`
	// HALevel is the volume's ha_level.
	HALevel int64 `json:"haLevel,omitempty"`
	// AttachedOn is the node a volume is attached on (hostname when the SDK lists the node).
	AttachedOn string `json:"attachedOn,omitempty"`
	// IOPriority is the volume's cos: LOW, MEDIUM, HIGH.
	IOPriority string `json:"ioPriority,omitempty"`
	// SDKStatus is the SDK's status of a volume (VOLUME_STATUS_UP …) or node (STATUS_OK,
	// STATUS_STORAGE_DOWN …).
	SDKStatus string `json:"sdkStatus,omitempty"`
	// VolumeID is the SDK volume id a claim's PersistentVolume names.
	VolumeID string `json:"volumeID,omitempty"`
	// VolumeUsedBytes and VolumeSizeBytes are the volume's usage and size.
	VolumeUsedBytes int64 `json:"volumeUsedBytes,omitempty"`
	VolumeSizeBytes int64 `json:"volumeSizeBytes,omitempty"`
	// Pools are a StorageNode's storage pools.
	Pools []Pool `json:"pools,omitempty"`
	// PortworxSDK is, on a cluster's row, the SDK source's state and how it was reached:
	// "Ready via service-proxy", "AuthRequired", "Stale via port-forward".
	PortworxSDK string `json:"portworxSDK,omitempty"`
	// Quorum is, on a cluster's row, the Portworx quorum derived from the SDK's nodes: ok, lost.
	Quorum string `json:"quorum,omitempty"`
}

// Pool is one storage pool of a node.
type Pool struct {
	ID         int64  `json:"id"`
	UsedBytes  int64  `json:"usedBytes"`
	TotalBytes int64  `json:"totalBytes"`
	IOPriority string `json:"ioPriority,omitempty"`
}

// portworxVolume fills a claim row's SDK fields.
func portworxVolume(r *Row, v *model.Volume) {
	if v.SDK == nil {
		if v.SDKMissing {
			r.VolumeID = v.VolumeHandle
		}
		return
	}
	x := v.SDK
	r.VolumeID, r.HALevel, r.IOPriority, r.SDKStatus = x.ID, x.HALevel, x.Cos, x.Status
	r.Replicas = fmt.Sprintf("%d/%d", x.Replication.Current, x.Replication.Total)
	r.Replication = x.Replication.State
	r.AttachedOn = cmp.Or(x.AttachedHost, x.AttachedOn)
	r.VolumeUsedBytes, r.VolumeSizeBytes = x.Usage, x.Size
}

// portworxNode fills a StorageNode row's SDK fields.
func portworxNode(r *Row, n *model.StorageNode) {
	if n.SDK == nil {
		return
	}
	r.SDKStatus = n.SDK.Status
	for _, p := range n.SDK.Pools {
		r.Pools = append(r.Pools, Pool{ID: p.ID, UsedBytes: p.Used, TotalBytes: p.Total, IOPriority: p.Cos})
	}
}

// portworxCluster fills a cluster row's SDK fields.
func portworxCluster(r *Row, c *model.ClusterSnapshot) {
	px := c.Portworx
	if px == nil {
		return
	}
	r.PortworxSDK = px.Source.State.String()
	if px.Path != "" && px.Source.State != model.StateNotInstalled {
		r.PortworxSDK += " via " + px.Path
	}
	r.Quorum = px.Quorum
}

// sdkSourceRow is a Source row named "portworx-sdk" when the SDK's last poll failed (or the
// first never finished); a missing
// portworx-api Service (NotInstalled) gets none.
func sdkSourceRow(c *model.ClusterSnapshot) []Row {
	px := c.Portworx
	if px == nil {
		return nil
	}
	st := px.Source
	switch st.State {
	case model.StateForbidden, model.StateUnreachable, model.StateStale, model.StateAuthRequired:
	case model.StateSyncing:
		// The status command waited for its timeout and the first poll had not finished.
		st.Reason = cmp.Or(st.Reason, "first poll not finished before the timeout")
	default:
		return nil
	}
	return []Row{{Cluster: c.Name, Kind: "Source", Name: "portworx-sdk", Verdict: Verdict(model.VerdictWarning),
		Reason: st.Reason, SourceState: st.State.String(), Since: st.Since}}
}
