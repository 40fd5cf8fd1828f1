package pxsdk

import (
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Quorum derives the cluster's quorum from its nodes' statuses: "lost" unless more than half of
// the quorum members (nodes without non_quorum_member) are in quorum, "ok" otherwise, "" without
// quorum members. A node is out of quorum when its status is STATUS_NOT_IN_QUORUM,
// STATUS_NOT_IN_QUORUM_NO_STORAGE, STATUS_OFFLINE, STATUS_ERROR or STATUS_DECOMMISSION; a node
// whose storage is down still votes (STATUS_STORAGE_DOWN is a node in quorum with no storage).
func Quorum(nodes []model.PXNode) string {
	members, in := 0, 0
	for i := range nodes {
		n := &nodes[i]
		if n.NonQuorumMember {
			continue
		}
		members++
		switch n.Status {
		case "STATUS_NOT_IN_QUORUM", "STATUS_NOT_IN_QUORUM_NO_STORAGE", "STATUS_OFFLINE", "STATUS_ERROR", "STATUS_DECOMMISSION":
		default:
			in++
		}
	}
	switch {
	case members == 0:
		return ""
	case in*2 > members:
		return "ok"
	}
	return "lost"
}

// Join sets snap.Portworx, links every StorageNode to its SDK node (by node UID, else by name:
// the operator names StorageNodes after their Kubernetes nodes), and every Portworx claim of
// snap to its SDK volume: by the PV's
// volume handle (the CSI volumeHandle or the in-tree volumeID, both the SDK volume id), else by
// volume name (Portworx names CSI volumes after their PV). A claim whose PV names a volume the
// SDK does not list gets SDKMissing, but only when the SDK's list is complete (its last poll
// succeeded). sdk may be nil. The snapshot must still be under construction.
func Join(snap *model.ClusterSnapshot, sdk *model.PortworxSDK) {
	snap.Portworx = sdk
	if sdk == nil || sdk.Polled.IsZero() {
		return
	}
	byID := make(map[string]*model.PXVolume, len(sdk.Volumes))
	byName := make(map[string]*model.PXVolume, len(sdk.Volumes))
	for i := range sdk.Volumes {
		v := &sdk.Volumes[i]
		byID[v.ID] = v
		if v.Name != "" {
			byName[v.Name] = v
		}
	}
	nodes := make(map[string]*model.PXNode, 3*len(sdk.Nodes))
	for i := range sdk.Nodes {
		n := &sdk.Nodes[i]
		for _, key := range []string{n.SchedulerNodeName, n.Hostname, n.ID} {
			if key != "" {
				nodes[key] = n
			}
		}
	}
	for i := range snap.StorageNodes {
		sn := &snap.StorageNodes[i]
		if n := nodes[sn.NodeUID]; n != nil && sn.NodeUID != "" {
			sn.SDK = n
		} else {
			sn.SDK = nodes[sn.Name]
		}
	}
	complete := sdk.Source.State == model.StateReady
	for i := range snap.Volumes {
		c := &snap.Volumes[i]
		if c.VolumeHandle == "" {
			continue
		}
		v := byID[c.VolumeHandle]
		if v == nil {
			v = byName[c.VolumeHandle]
		}
		if v == nil && c.VolumeName != "" {
			v = byName[c.VolumeName]
		}
		c.SDK = v
		c.SDKMissing = v == nil && complete
	}
}

// hostnames maps node ids to hostnames.
func hostnames(nodes []model.PXNode) map[string]string {
	m := make(map[string]string, len(nodes))
	for _, n := range nodes {
		if n.Hostname != "" {
			m[n.ID] = n.Hostname
		}
	}
	return m
}

// fillHosts sets AttachedHost from the node list; attached_on may be a node id or an IP.
func fillHosts(vols []model.PXVolume, nodes []model.PXNode) {
	hosts := hostnames(nodes)
	for i := range vols {
		v := &vols[i]
		for j := range v.ReplicaSets {
			set := &v.ReplicaSets[j]
			if len(set.Nodes) == 0 || len(hosts) == 0 {
				continue
			}
			set.Hosts = make([]string, len(set.Nodes))
			for k, id := range set.Nodes {
				set.Hosts[k] = hosts[id]
			}
		}
		if v.AttachedOn == "" {
			continue
		}
		if h, ok := hosts[v.AttachedOn]; ok {
			v.AttachedHost = h
			continue
		}
		for _, n := range nodes {
			if n.MgmtIP == v.AttachedOn || n.DataIP == v.AttachedOn {
				v.AttachedHost = strings.TrimSpace(n.Hostname)
				break
			}
		}
	}
}
