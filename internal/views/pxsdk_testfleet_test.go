package views

import (
	"fmt"

	"github.com/mcgtui/mcgtui/internal/model"
)

// withPortworxSDK gives a test cluster what a poll of its Portworx SDK would: its claims'
// volumes (the first healthy 3/3, the second resyncing 2/2), and pools on its nodes, the last
// one 85 % full (under the 90 % Warning). Verdicts stay as the cluster has them.
func withPortworxSDK(c *model.ClusterSnapshot) {
	sdk := &model.PortworxSDK{Source: model.SourceStatus{State: model.StateReady}, Path: "service-proxy",
		Namespace: "portworx", ClusterName: "px-" + c.Name, ClusterStatus: "STATUS_OK", Quorum: "ok"}
	for i := range c.StorageNodes {
		n := &c.StorageNodes[i]
		used := int64(120 << 30)
		if i == len(c.StorageNodes)-1 {
			used = 436 << 30
		}
		sdk.Nodes = append(sdk.Nodes, model.PXNode{ID: n.Name + "-id", Hostname: n.Name, Status: "STATUS_OK",
			Pools: []model.PXPool{{ID: 0, Cos: "HIGH", Total: 512 << 30, Used: used}}})
	}
	for i := range sdk.Nodes {
		c.StorageNodes[i].SDK = &sdk.Nodes[i]
	}
	states := []model.PXReplication{{State: model.ReplUp, Current: 3, Total: 3}, {State: model.ReplResync, Current: 2, Total: 2}}
	for i := range c.Volumes {
		if i >= len(states) || len(sdk.Nodes) == 0 || c.Volumes[i].Phase != "Bound" {
			continue
		}
		set := model.PXReplicaSet{RuntimeState: "clean"}
		for k := 0; k < states[i].Total && k < len(sdk.Nodes); k++ {
			n := sdk.Nodes[k]
			set.Nodes, set.Hosts = append(set.Nodes, n.ID), append(set.Hosts, n.Hostname)
			set.Pools = append(set.Pools, fmt.Sprintf("%s-pool-0", n.Hostname[len(n.Hostname)-8:]))
		}
		set.Current = set.Nodes
		sdk.Volumes = append(sdk.Volumes, model.PXVolume{ID: fmt.Sprintf("103453689121672831%d", i), Name: c.Volumes[i].VolumeName,
			HALevel: int64(states[i].Total), Size: c.Volumes[i].Capacity, Usage: c.Volumes[i].Capacity / 4,
			Status: "VOLUME_STATUS_UP", State: "VOLUME_STATE_ATTACHED", AttachedOn: sdk.Nodes[0].ID,
			AttachedHost: sdk.Nodes[0].Hostname, Cos: "HIGH", ReplicaSets: []model.PXReplicaSet{set}, Replication: states[i]})
	}
	for i := range sdk.Volumes {
		c.Volumes[i].SDK = &sdk.Volumes[i]
	}
	c.Portworx = sdk
}
