// Package pxsdk reads Portworx volumes, nodes and the cluster from the OpenStorage SDK's REST
// gateway (the portworx-api Service), which Portworx serves next to its Kubernetes objects. It
// polls, since the SDK has no watch: see Poller. The gateway's JSON is protobuf JSON with the
// proto field names (snake_case, and a few upper-case ones such as a pool's "TotalSize"), enum
// values by name and 64-bit integers as strings; it is decoded into small structs of our own
// (docs/adr/0011-portworx-sdk-client.md says why not the upstream types).
package pxsdk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// int64s is a protobuf JSON 64-bit integer: a string ("1073741824"), or a number from
// encoders that do not quote them. Anything else is an error naming the value.
type int64s int64

func (n *int64s) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		return nil
	}
	s = strings.Trim(s, `"`)
	if s == "" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		u, uerr := strconv.ParseUint(s, 10, 64)
		if uerr != nil {
			return fmt.Errorf("want an integer, got %.40s", string(b))
		}
		v = int64(min(u, 1<<63-1)) // uint64 sizes beyond int64 do not occur; clamp rather than wrap
	}
	*n = int64s(v)
	return nil
}

// enum is a protobuf JSON enum: its name, or its number (protojson accepts both); numbers are
// turned into names by the table the field names.
type enum struct {
	name string
	num  int64
	set  bool
}

func (e *enum) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		return json.Unmarshal(b, &e.name)
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return fmt.Errorf("want an enum name or number, got %.40s", s)
	}
	e.num, e.set = v, true
	return nil
}

// named returns the enum's name, using names for a number; an unknown number reads as its
// decimal value so that the verdicts can say Unknown with what was seen. An absent field is the
// enum's zero value, names[0]: protobuf JSON leaves default values out (a pool's Medium
// STORAGE_MEDIUM_MAGNETIC, a node's status STATUS_NONE).
func (e enum) named(names []string) string {
	if e.name != "" {
		return e.name
	}
	if !e.set {
		return names[0]
	}
	if e.num >= 0 && int(e.num) < len(names) {
		return names[e.num]
	}
	return strconv.FormatInt(e.num, 10)
}

// Enum names by number, from openstorage's api.proto.
var (
	nodeStatusNames = []string{"STATUS_NONE", "STATUS_INIT", "STATUS_OK", "STATUS_OFFLINE", "STATUS_ERROR",
		"STATUS_NOT_IN_QUORUM", "STATUS_DECOMMISSION", "STATUS_MAINTENANCE", "STATUS_STORAGE_DOWN",
		"STATUS_STORAGE_DEGRADED", "STATUS_NEEDS_REBOOT", "STATUS_STORAGE_REBALANCE",
		"STATUS_STORAGE_DRIVE_REPLACE", "STATUS_NOT_IN_QUORUM_NO_STORAGE", "STATUS_POOLMAINTENANCE"}
	volumeStatusNames = []string{"VOLUME_STATUS_NONE", "VOLUME_STATUS_NOT_PRESENT", "VOLUME_STATUS_UP",
		"VOLUME_STATUS_DOWN", "VOLUME_STATUS_DEGRADED"}
	volumeStateNames = []string{"VOLUME_STATE_NONE", "VOLUME_STATE_PENDING", "VOLUME_STATE_AVAILABLE",
		"VOLUME_STATE_ATTACHED", "VOLUME_STATE_DETACHED", "VOLUME_STATE_DETATCHING", "VOLUME_STATE_ERROR",
		"VOLUME_STATE_DELETED", "VOLUME_STATE_TRY_DETACHING", "VOLUME_STATE_RESTORE"}
	cosNames    = []string{"NONE", "LOW", "MEDIUM", "HIGH"}
	mediumNames = []string{"STORAGE_MEDIUM_MAGNETIC", "STORAGE_MEDIUM_SSD", "STORAGE_MEDIUM_NVME"}
)

// wireVolume is api.Volume, the fields mcgtui shows.
type wireVolume struct {
	ID      string `json:"id"`
	Locator struct {
		Name string `json:"name"`
	} `json:"locator"`
	Spec struct {
		Size     int64s `json:"size"`
		HALevel  int64s `json:"ha_level"`
		Cos      enum   `json:"cos"`
		Shared   bool   `json:"shared"`
		Sharedv4 bool   `json:"sharedv4"`
	} `json:"spec"`
	Usage       int64s `json:"usage"`
	Status      enum   `json:"status"`
	State       enum   `json:"state"`
	AttachedOn  string `json:"attached_on"`
	Error       string `json:"error"`
	ReplicaSets []struct {
		Nodes     []string `json:"nodes"`
		PoolUUIDs []string `json:"pool_uuids"`
	} `json:"replica_sets"`
	RuntimeState []struct {
		RuntimeState map[string]string `json:"runtime_state"`
	} `json:"runtime_state"`
}

// wireNode is api.StorageNode.
type wireNode struct {
	ID                string `json:"id"`
	Hostname          string `json:"hostname"`
	SchedulerNodeName string `json:"scheduler_node_name"`
	MgmtIP            string `json:"mgmt_ip"`
	DataIP            string `json:"data_ip"`
	Status            enum   `json:"status"`
	NonQuorumMember   bool   `json:"non_quorum_member"`
	Pools             []struct {
		ID        int64s `json:"ID"`
		UUID      string `json:"uuid"`
		Cos       enum   `json:"Cos"`
		Medium    enum   `json:"Medium"`
		TotalSize int64s `json:"TotalSize"`
		Used      int64s `json:"Used"`
	} `json:"pools"`
}

// DecodeVolumeInspect decodes a /v1/volumes/inspect/{id} response ({"volume": {...}, "name":
// …}). A volume that cannot be decoded comes back with its id and the problem in DecodeIssues
// (its verdict is then Unknown); it never panics.
func DecodeVolumeInspect(body []byte, id string) model.PXVolume {
	var resp struct {
		Volume json.RawMessage `json:"volume"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return model.PXVolume{ID: id, DecodeIssues: []string{"sdk volume: " + shortErr(err)}}
	}
	if len(resp.Volume) == 0 || string(resp.Volume) == "null" {
		return model.PXVolume{ID: id, DecodeIssues: []string{"sdk volume: response has no volume"}}
	}
	return DecodeVolume(resp.Volume, id)
}

// DecodeVolume decodes one api.Volume object.
func DecodeVolume(raw []byte, id string) model.PXVolume {
	var w wireVolume
	if err := json.Unmarshal(raw, &w); err != nil {
		return model.PXVolume{ID: id, DecodeIssues: []string{"sdk volume: " + shortErr(err)}}
	}
	v := model.PXVolume{
		ID: w.ID, Name: w.Locator.Name, HALevel: int64(w.Spec.HALevel), Size: int64(w.Spec.Size),
		Usage: int64(w.Usage), Status: w.Status.named(volumeStatusNames), State: w.State.named(volumeStateNames),
		AttachedOn: w.AttachedOn, Cos: w.Spec.Cos.named(cosNames), Shared: w.Spec.Shared || w.Spec.Sharedv4,
		Error: w.Error,
	}
	if v.ID == "" {
		v.ID = id
	}
	for i, rs := range w.ReplicaSets {
		set := model.PXReplicaSet{Nodes: rs.Nodes, Pools: rs.PoolUUIDs}
		if i < len(w.RuntimeState) {
			applyRuntimeState(&set, w.RuntimeState[i].RuntimeState)
		}
		v.ReplicaSets = append(v.ReplicaSets, set)
	}
	v.Replication = Replication(&v)
	return v
}

// Runtime state keys, as Portworx writes them (and pxc reads them).
const (
	keyCurrSetMid   = "ReplicaSetCurrMid"
	keyCreateMid    = "ReplicaSetCreateMid"
	keyReAddNodeMid = "PXReplReAddNodeMid"
	keyNodePools    = "ReplNodePools"
	keyRuntimeState = "RuntimeState"
)

// applyRuntimeState reads one replica set's runtime_state map. Like pxc, the nodes of the set
// are ReplicaSetCreateMid when present, and the pools ReplNodePools when the replica set did
// not list pool UUIDs.
func applyRuntimeState(set *model.PXReplicaSet, rs map[string]string) {
	if rs == nil {
		return
	}
	if create := splitList(rs[keyCreateMid]); len(create) > 0 && len(set.Nodes) == 0 {
		set.Nodes = create
	}
	if curr, ok := rs[keyCurrSetMid]; ok {
		set.Current = splitList(curr)
		if set.Current == nil {
			set.Current = []string{}
		}
	}
	set.ReAdding = splitList(rs[keyReAddNodeMid])
	if len(set.Pools) == 0 {
		set.Pools = splitList(rs[keyNodePools])
	}
	set.RuntimeState = rs[keyRuntimeState]
}

// splitList splits a comma-separated runtime_state value; "" is no element.
func splitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Replication derives a volume's replication state as `kubectl pxc` does (pxVolumeOps.
// GetReplicationInfo), in its order: restore, detached, resync_failed, degraded (a current set
// shorter than its replica set and no resync, or a node being re-added: pxc's Degraded; mcgtui
// names the second re-adding), resync, up. Resync states count only while the volume is
// attached, as in pxc: a detached volume's replicas report no runtime state.
func Replication(v *model.PXVolume) model.PXReplication {
	var r model.PXReplication
	var resync, resyncFailed, reAdd int
	nodesDown := false
	for _, set := range v.ReplicaSets {
		r.Total += len(set.Nodes)
		if set.Current == nil {
			r.Current += len(set.Nodes)
		} else {
			r.Current += min(len(set.Current), len(set.Nodes))
			if len(set.Current) != len(set.Nodes) {
				nodesDown = true
			}
			for _, n := range set.Nodes {
				if !contains(set.Current, n) {
					r.Down = append(r.Down, n)
				}
			}
		}
		if v.AttachedOn != "" {
			switch set.RuntimeState {
			case "resync":
				resync++
			case "resync_failed":
				resyncFailed++
			}
		}
		reAdd += len(set.ReAdding)
	}
	switch {
	case v.State == "VOLUME_STATE_RESTORE":
		r.State = model.ReplRestore
	case v.AttachedOn == "":
		r.State = model.ReplDetached
	case resyncFailed > 0:
		r.State = model.ReplResyncFailed
	case nodesDown && resync == 0:
		r.State = model.ReplDegraded
	case reAdd > 0:
		r.State = model.ReplReAdding
	case resync > 0:
		r.State = model.ReplResync
	default:
		r.State = model.ReplUp
	}
	return r
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// DecodeNodeInspect decodes a /v1/nodes/inspect/{id} response ({"node": {...}}).
func DecodeNodeInspect(body []byte, id string) model.PXNode {
	var resp struct {
		Node json.RawMessage `json:"node"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return model.PXNode{ID: id, DecodeIssues: []string{"sdk node: " + shortErr(err)}}
	}
	if len(resp.Node) == 0 || string(resp.Node) == "null" {
		return model.PXNode{ID: id, DecodeIssues: []string{"sdk node: response has no node"}}
	}
	var w wireNode
	if err := json.Unmarshal(resp.Node, &w); err != nil {
		return model.PXNode{ID: id, DecodeIssues: []string{"sdk node: " + shortErr(err)}}
	}
	n := model.PXNode{
		ID: w.ID, Hostname: w.Hostname, SchedulerNodeName: w.SchedulerNodeName, MgmtIP: w.MgmtIP,
		DataIP: w.DataIP, Status: w.Status.named(nodeStatusNames), NonQuorumMember: w.NonQuorumMember,
	}
	if n.ID == "" {
		n.ID = id
	}
	for _, p := range w.Pools {
		n.Pools = append(n.Pools, model.PXPool{ID: int64(p.ID), UUID: p.UUID, Cos: p.Cos.named(cosNames),
			Medium: p.Medium.named(mediumNames), Total: int64(p.TotalSize), Used: int64(p.Used)})
	}
	return n
}

// DecodeIDs decodes an enumerate response: {"volume_ids": [...]} or {"node_ids": [...]}.
func DecodeIDs(body []byte, field string) ([]string, error) {
	var resp map[string]json.RawMessage
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("sdk enumerate: %s", shortErr(err))
	}
	raw, ok := resp[field]
	if !ok {
		return nil, nil // protobuf JSON omits empty lists
	}
	var ids []string
	if err := json.Unmarshal(raw, &ids); err != nil {
		return nil, fmt.Errorf("sdk enumerate %s: %s", field, shortErr(err))
	}
	return ids, nil
}

// ClusterInfo is /v1/clusters/inspectcurrent: {"cluster": {"status", "id", "name"}}.
type ClusterInfo struct{ ID, Name, Status string }

// DecodeCluster decodes /v1/clusters/inspectcurrent.
func DecodeCluster(body []byte) (ClusterInfo, error) {
	var resp struct {
		Cluster struct {
			ID     string `json:"id"`
			Name   string `json:"name"`
			Status enum   `json:"status"`
		} `json:"cluster"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return ClusterInfo{}, fmt.Errorf("sdk cluster: %s", shortErr(err))
	}
	c := resp.Cluster
	return ClusterInfo{ID: c.ID, Name: c.Name, Status: c.Status.named(nodeStatusNames)}, nil
}

// shortErr keeps a JSON error to one line.
func shortErr(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
