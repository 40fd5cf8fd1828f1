package model

import "time"

// PortworxSDK is what the OpenStorage SDK of one cluster's Portworx reported in its latest poll
// (the SDK has no watch: see internal/sources/pxsdk). It is nil on clusters without Portworx and
// before the first poll. Source carries the poll's state: Forbidden (no get services/proxy or
// pods/portforward), Unreachable, AuthRequired (Portworx security is on and no token is set),
// Stale (the last poll failed after an earlier one succeeded; the data below is that one's).
type PortworxSDK struct {
	Source SourceStatus `json:"source"`
	// Path is how the SDK's REST gateway was reached: "service-proxy"
	// (/api/v1/namespaces/NS/services/portworx-api:9021/proxy) or "port-forward" (to a
	// portworx-api pod, for clusters with security on).
	Path      string `json:"path,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	// Polled is when the data below was fetched.
	Polled        time.Time `json:"polled,omitempty"`
	ClusterName   string    `json:"clusterName,omitempty"`
	ClusterID     string    `json:"clusterID,omitempty"`
	ClusterStatus string    `json:"clusterStatus,omitempty"` // the SDK's Status name: STATUS_OK …
	// Quorum is derived from the node statuses: "ok" while a majority of the quorum members
	// (nodes with non_quorum_member false) are neither STATUS_NOT_IN_QUORUM* nor offline,
	// "lost" otherwise, "" without nodes.
	Quorum  string     `json:"quorum,omitempty"`
	Nodes   []PXNode   `json:"nodes,omitempty"`
	Volumes []PXVolume `json:"volumes,omitempty"`
	// Health is the cluster's roll-up: quorum, cluster status and the worst node. Volumes
	// count through their claims (Volume.Health).
	Health Health `json:"health"`
}

// PXNode is one node as the SDK reports it (api.StorageNode).
type PXNode struct {
	ID                string   `json:"id"`
	Hostname          string   `json:"hostname,omitempty"`
	SchedulerNodeName string   `json:"schedulerNodeName,omitempty"`
	MgmtIP            string   `json:"mgmtIP,omitempty"`
	DataIP            string   `json:"dataIP,omitempty"`
	Status            string   `json:"status,omitempty"` // STATUS_OK, STATUS_STORAGE_DOWN, STATUS_NOT_IN_QUORUM …
	NonQuorumMember   bool     `json:"nonQuorumMember,omitempty"`
	Pools             []PXPool `json:"pools,omitempty"`
	DecodeIssues      []string `json:"decodeIssues,omitempty"`
	Health            Health   `json:"health"`
}

// PXPool is one storage pool of a node.
type PXPool struct {
	ID     int64  `json:"id"`
	UUID   string `json:"uuid,omitempty"`
	Cos    string `json:"cos,omitempty"`    // LOW, MEDIUM, HIGH
	Medium string `json:"medium,omitempty"` // STORAGE_MEDIUM_SSD …
	Total  int64  `json:"totalBytes"`
	Used   int64  `json:"usedBytes"`
}

// PXVolume is one volume as the SDK reports it (api.Volume), with its replication state
// derived from runtime_state the way `kubectl pxc` derives it.
type PXVolume struct {
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"`
	HALevel    int64  `json:"haLevel,omitempty"`
	Size       int64  `json:"sizeBytes,omitempty"`
	Usage      int64  `json:"usageBytes,omitempty"`
	Status     string `json:"status,omitempty"` // VOLUME_STATUS_UP, _DOWN, _DEGRADED …
	State      string `json:"state,omitempty"`  // VOLUME_STATE_ATTACHED, _DETACHED …
	AttachedOn string `json:"attachedOn,omitempty"`
	// AttachedHost is the hostname of the node AttachedOn names, when the SDK listed it.
	AttachedHost string         `json:"attachedHost,omitempty"`
	Cos          string         `json:"cos,omitempty"` // IO priority: LOW, MEDIUM, HIGH
	Shared       bool           `json:"shared,omitempty"`
	Error        string         `json:"error,omitempty"`
	ReplicaSets  []PXReplicaSet `json:"replicaSets,omitempty"`
	Replication  PXReplication  `json:"replication"`
	DecodeIssues []string       `json:"decodeIssues,omitempty"`
	Health       Health         `json:"health"`
}

// PXReplicaSet is one replica set: its nodes and pools, and which of its nodes are in the
// current set (runtime_state ReplicaSetCurrMid).
type PXReplicaSet struct {
	Nodes []string `json:"nodes"`
	Pools []string `json:"pools,omitempty"`
	// Current lists the nodes of the current set; nil when runtime_state does not say.
	Current []string `json:"current,omitempty"`
	// ReAdding lists nodes being re-added (runtime_state PXReplReAddNodeMid).
	ReAdding []string `json:"reAdding,omitempty"`
	// RuntimeState is runtime_state RuntimeState: clean, resync, resync_failed …
	RuntimeState string `json:"runtimeState,omitempty"`
	// Hosts are the hostnames of Nodes, in order, where the SDK lists the node ("" where not).
	Hosts []string `json:"hosts,omitempty"`
}

// Replication states, as `kubectl pxc` names them (lower case here), derived in this order:
// restore (VOLUME_STATE_RESTORE), detached (not attached: the replicas' runtime state is not
// reported), resync_failed (pxc: "Not in quorum"), degraded (a replica set's current set is
// shorter than the set, with no resync in progress), re-adding (a node is being re-added;
// pxc counts this as degraded), resync, up.
const (
	ReplUp           = "up"
	ReplResync       = "resync"
	ReplResyncFailed = "resync_failed"
	ReplDegraded     = "degraded"
	ReplReAdding     = "re-adding"
	ReplDetached     = "detached"
	ReplRestore      = "restore"
)

// PXReplication is a volume's replication summary: State (one of the Repl* names), how many
// replicas are current out of how many the replica sets hold, and the replica nodes not in the
// current set.
type PXReplication struct {
	State   string   `json:"state,omitempty"`
	Current int      `json:"current"`
	Total   int      `json:"total"`
	Down    []string `json:"down,omitempty"`
}
