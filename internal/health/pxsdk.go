package health

import (
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// The rows of docs/health.md's SDK volume table, in its order.
const (
	pxVolDown = iota
	pxVolResyncFailed
	pxVolReplicaDown
	pxVolDetachedDown
	pxVolReAdding
	pxVolResync
	pxVolDegradedStatus
	pxVolError
	pxVolNoStatus
)

// The rows of docs/health.md's SDK node table, in its order.
const (
	pxNodeDown = iota
	pxNodeOther
	pxNodePoolFull
	pxNodeNoStatus
)

// The findings of the SDK cluster roll-up, in the order docs/health.md lists them.
const (
	pxQuorumLost = iota
	pxClusterDown
	pxClusterOther
	pxWorstNode
)

// poolFullPercent is the pool use at which a Portworx node gets a Warning: a pool near full
// stops taking new replicas and, when full, its volumes' writes fail.
const poolFullPercent = 90

// PortworxSDK judges what one poll of the OpenStorage SDK returned, in place: every node, every
// volume (its replication, with the nodes that are down named as the cause), and sdk.Health,
// the cluster's roll-up of quorum, cluster status and nodes. Volumes roll up through their
// claims instead (Apply), so that a volume is counted once. The poller calls it once per
// poll, before the result is shared; it must not be called on a published value.
func PortworxSDK(sdk *model.PortworxSDK) {
	if sdk == nil {
		return
	}
	nodes := make(map[string]*model.PXNode, len(sdk.Nodes))
	for i := range sdk.Nodes {
		n := &sdk.Nodes[i]
		n.Health = PXNode(n)
		nodes[n.ID] = n
	}
	for i := range sdk.Volumes {
		sdk.Volumes[i].Health = PXVolume(&sdk.Volumes[i], nodes)
	}
	var j judgement
	if sdk.Quorum == "lost" {
		j.add(pxQuorumLost, model.VerdictCritical, "portworx quorum lost: "+outOfQuorum(sdk.Nodes))
	}
	switch sdk.ClusterStatus {
	case "STATUS_OK", "":
	case "STATUS_NOT_IN_QUORUM", "STATUS_NOT_IN_QUORUM_NO_STORAGE", "STATUS_OFFLINE", "STATUS_ERROR":
		j.add(pxClusterDown, model.VerdictCritical, "portworx cluster "+sdk.ClusterStatus)
	default:
		j.add(pxClusterOther, model.VerdictWarning, "portworx cluster "+sdk.ClusterStatus)
	}
	for i := range sdk.Nodes {
		n := &sdk.Nodes[i]
		if n.Health.Verdict != model.VerdictOK {
			j.add(pxWorstNode, n.Health.Verdict, "px node "+nodeName(n)+": "+n.Health.Reason)
		}
	}
	sdk.Health = j.result()
}

// PXNode judges a node from its SDK status and its pools. Out of quorum, offline, in error or
// with its storage down is Critical; degraded storage, maintenance, decommissioning, a rebalance
// or drive replacement, initialising or needing a reboot is a Warning; a pool at or above
// poolFullPercent is a Warning.
func PXNode(n *model.PXNode) model.Health {
	var j judgement
	switch n.Status {
	case "STATUS_OK":
	case "", "STATUS_NONE":
		j.add(pxNodeNoStatus, model.VerdictUnknown, "no status")
	case "STATUS_OFFLINE", "STATUS_ERROR", "STATUS_NOT_IN_QUORUM", "STATUS_NOT_IN_QUORUM_NO_STORAGE", "STATUS_STORAGE_DOWN":
		j.add(pxNodeDown, model.VerdictCritical, statusWord(n.Status))
	case "STATUS_INIT", "STATUS_DECOMMISSION", "STATUS_MAINTENANCE", "STATUS_STORAGE_DEGRADED", "STATUS_NEEDS_REBOOT",
		"STATUS_STORAGE_REBALANCE", "STATUS_STORAGE_DRIVE_REPLACE", "STATUS_POOLMAINTENANCE":
		j.add(pxNodeOther, model.VerdictWarning, statusWord(n.Status))
	default:
		j.add(pxNodeNoStatus, model.VerdictUnknown, "unknown status "+n.Status)
	}
	for _, p := range n.Pools {
		if p.Total > 0 && p.Used*100/p.Total >= poolFullPercent {
			j.add(pxNodePoolFull, model.VerdictWarning, fmt.Sprintf("pool %d %d%% full (%s of %s)", p.ID, p.Used*100/p.Total,
				humanize.Bytes(p.Used), humanize.Bytes(p.Total)))
		}
	}
	if len(n.DecodeIssues) > 0 {
		j.add(rankDecodeIssues, model.VerdictUnknown, "cannot read: "+strings.Join(n.DecodeIssues, ", "))
	}
	return j.result()
}

// PXVolume judges a volume from its status and its replication. VOLUME_STATUS_DOWN, a replica
// down (a node of a replica set missing from the current set) and a failed resync are Critical;
// a resync or a node being re-added, VOLUME_STATUS_DEGRADED and VOLUME_STATUS_NOT_PRESENT are
// Warnings; an error the SDK reports is a Warning. The nodes that are down are named with
// their status when nodes lists them: that is the usual cause.
func PXVolume(v *model.PXVolume, nodes map[string]*model.PXNode) model.Health {
	var j judgement
	switch v.Status {
	case "VOLUME_STATUS_UP":
	case "VOLUME_STATUS_DOWN":
		j.add(pxVolDown, model.VerdictCritical, withMessage("volume DOWN", v.Error))
	case "VOLUME_STATUS_DEGRADED":
		j.add(pxVolDegradedStatus, model.VerdictWarning, "volume DEGRADED")
	case "VOLUME_STATUS_NOT_PRESENT":
		j.add(pxVolDegradedStatus, model.VerdictWarning, "volume NOT_PRESENT")
	case "", "VOLUME_STATUS_NONE":
		j.add(pxVolNoStatus, model.VerdictUnknown, "no status")
	default:
		j.add(pxVolNoStatus, model.VerdictUnknown, "unknown status "+v.Status)
	}
	r := v.Replication
	counts := fmt.Sprintf("%d/%d current", r.Current, r.Total)
	switch r.State {
	case model.ReplResyncFailed:
		j.add(pxVolResyncFailed, model.VerdictCritical, "resync failed ("+counts+")"+downText(r.Down, nodes))
	case model.ReplDegraded:
		j.add(pxVolReplicaDown, model.VerdictCritical, "replica down ("+counts+")"+downText(r.Down, nodes))
	case model.ReplReAdding:
		j.add(pxVolReAdding, model.VerdictWarning, "re-adding "+listSome(reAdding(v, nodes), 2)+" ("+counts+")")
	case model.ReplResync:
		j.add(pxVolResync, model.VerdictWarning, "resync in progress ("+counts+")")
	case model.ReplDetached:
		if len(r.Down) > 0 {
			j.add(pxVolDetachedDown, model.VerdictCritical, "replica down ("+counts+", detached)"+downText(r.Down, nodes))
		}
	}
	if v.Error != "" && v.Status != "VOLUME_STATUS_DOWN" {
		j.add(pxVolError, model.VerdictWarning, "error: "+humanize.OneLine(v.Error))
	}
	if len(v.DecodeIssues) > 0 {
		j.add(rankDecodeIssues, model.VerdictUnknown, "cannot read: "+strings.Join(v.DecodeIssues, ", "))
	}
	return j.result()
}

// claimSDK adds a claim's SDK volume verdict (or its absence) to the claim's own, once Apply
// has judged the claim.
func claimSDK(v *model.Volume) {
	switch {
	case v.SDK != nil && v.SDK.Health.Verdict > v.Health.Verdict:
		v.Health = model.Health{Verdict: v.SDK.Health.Verdict, Reason: "portworx: " + v.SDK.Health.Reason}
	case v.SDKMissing && v.Health.Verdict < model.VerdictWarning:
		v.Health = model.Health{Verdict: model.VerdictWarning,
			Reason: "portworx has no volume " + v.VolumeHandle + " (the SDK does not list it)"}
	}
}

// nodeSDK adds a StorageNode's SDK node verdict (its SDK status, a full pool) to the
// StorageNode's own.
func nodeSDK(n *model.StorageNode) {
	if n.SDK != nil && n.SDK.Health.Verdict > n.Health.Verdict {
		n.Health = model.Health{Verdict: n.SDK.Health.Verdict, Reason: "portworx: " + n.SDK.Health.Reason}
	}
}

// downText names the replica nodes that are down, with their hostnames and statuses.
func downText(down []string, nodes map[string]*model.PXNode) string {
	if len(down) == 0 {
		return ""
	}
	names := make([]string, 0, len(down))
	for _, id := range down {
		names = append(names, describeNode(id, nodes))
	}
	return ": not current on " + listSome(names, 2)
}

// reAdding lists the nodes being re-added, described.
func reAdding(v *model.PXVolume, nodes map[string]*model.PXNode) []string {
	var out []string
	for _, set := range v.ReplicaSets {
		for _, id := range set.ReAdding {
			out = append(out, describeNode(id, nodes))
		}
	}
	return out
}

// describeNode is "worker-2 (STORAGE_DOWN)", "worker-2", or the id when the node is unknown.
func describeNode(id string, nodes map[string]*model.PXNode) string {
	n := nodes[id]
	if n == nil {
		return id
	}
	if n.Status != "STATUS_OK" && n.Status != "" {
		return nodeName(n) + " (" + statusWord(n.Status) + ")"
	}
	return nodeName(n)
}

func nodeName(n *model.PXNode) string {
	if n.Hostname != "" {
		return n.Hostname
	}
	return n.ID
}

// statusWord is a node status without its STATUS_ prefix.
func statusWord(s string) string { return strings.TrimPrefix(s, "STATUS_") }

// outOfQuorum names the quorum members that are out of quorum.
func outOfQuorum(nodes []model.PXNode) string {
	var out []string
	for i := range nodes {
		n := &nodes[i]
		switch n.Status {
		case "STATUS_NOT_IN_QUORUM", "STATUS_NOT_IN_QUORUM_NO_STORAGE", "STATUS_OFFLINE", "STATUS_ERROR", "STATUS_DECOMMISSION":
			if !n.NonQuorumMember {
				out = append(out, nodeName(n)+" "+statusWord(n.Status))
			}
		}
	}
	return listSome(out, 3)
}
