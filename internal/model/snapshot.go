package model

import "time"

// SourceState is the state of one product's source on one cluster.
type SourceState uint8

const (
	// StateSyncing: watches are starting and the first full list has not arrived yet.
	StateSyncing SourceState = iota
	// StateReady: the caches are synced and events are flowing.
	StateReady
	// StateNotInstalled: discovery says the product's CRDs are not served on this cluster.
	StateNotInstalled
	// StateForbidden: the API server refused to list or watch (RBAC).
	StateForbidden
	// StateUnreachable: the API server could not be reached or timed out; retrying with backoff.
	StateUnreachable
	// StateStale: data was synced once, but the watch has been failing since; shown with its age.
	StateStale
	// StateNoAccess: no kubeconfig context reaches this cluster; only hub-side facts are known.
	StateNoAccess
	// StateAuthRequired: the peer (the Portworx SDK with security on) wants a token that the
	// user has not given.
	StateAuthRequired
)

var stateNames = [...]string{"Syncing", "Ready", "NotInstalled", "Forbidden", "Unreachable", "Stale", "NoAccess", "AuthRequired"}

// String returns the state's name as shown in the status bar and in JSON.
func (s SourceState) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "Unknown"
}

// MarshalText makes states appear by name in JSON.
func (s SourceState) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Settled reports whether the source has finished its first attempt, successfully or not.
func (s SourceState) Settled() bool { return s != StateSyncing }

// Failed reports whether the state means data is missing or old because of an error.
func (s SourceState) Failed() bool {
	return s == StateForbidden || s == StateUnreachable || s == StateStale || s == StateAuthRequired
}

// SourceStatus is a product source's state on one cluster.
type SourceStatus struct {
	State SourceState `json:"state"`
	// Reason explains a non-Ready state in one line ("forbidden: cannot list externalsecrets").
	Reason string `json:"reason,omitempty"`
	// Since is when the source entered State.
	Since time.Time `json:"since,omitempty"`
	// Updated is when the source last delivered data.
	Updated time.Time `json:"updated,omitempty"`
}

// ClusterSnapshot is everything mcgtui knows about one cluster at one moment. It is immutable
// once published: sources build a new one for every coalesced batch of changes.
type ClusterSnapshot struct {
	Name    string `json:"name"`              // fleet name: the ManagedCluster name, or the hub's name
	Context string `json:"context,omitempty"` // kubeconfig context used to reach it; "" when none
	Server  string `json:"server,omitempty"`
	Hub     bool   `json:"hub,omitempty"`
	// Access is the path the cluster's objects came through (ctx, proxy, search, hub).
	Access Access `json:"access,omitempty"`
	// AccessNote says, in one line, why this path and not a better one, or what it cannot
	// show ("no kubeconfig context; cluster-proxy addon not available: …").
	AccessNote string `json:"accessNote,omitempty"`
	// Generation increases with every snapshot of this cluster.
	Generation uint64    `json:"generation"`
	Updated    time.Time `json:"updated"`
	// Sources holds each product's state. ProductACM is meaningful for the hub only; on a spoke
	// it reports whether the hub-side ManagedCluster record is known.
	Sources [NumProducts]SourceStatus `json:"sources"`
	// Managed is the hub's ManagedCluster record for this cluster (nil for a hub that is not
	// itself managed, and in one-cluster mode).
	Managed *ManagedCluster `json:"managed,omitempty"`

	Apps            []App            `json:"apps,omitempty"`
	AppSets         []AppSet         `json:"appSets,omitempty"`
	Secrets         []ExternalSecret `json:"secrets,omitempty"`
	Stores          []SecretStore    `json:"stores,omitempty"`
	Volumes         []Volume         `json:"volumes,omitempty"`
	StorageClusters []StorageCluster `json:"storageClusters,omitempty"`
	StorageNodes    []StorageNode    `json:"storageNodes,omitempty"`
	// Portworx is the latest poll of the Portworx OpenStorage SDK (nil before one).
	Portworx *PortworxSDK `json:"portworxSDK,omitempty"`

	// Policies are the replicated ACM policies that apply to this cluster. They live on the hub,
	// in the cluster's namespace (Ref.Cluster names the hub); the fleet manager hands each
	// cluster its own.
	Policies []Policy `json:"policies,omitempty"`
	// PolicySource is the state of the hub's governance source, which Policies come from. It is
	// not one of Sources: governance is watched on the hub only.
	PolicySource SourceStatus `json:"policySource"`
	// Governance is everything the hub's governance source holds; set on the hub only.
	Governance *Governance `json:"governance,omitempty"`

	// Summary is the roll-up of the lists above, computed once when the snapshot is built.
	Summary Summary `json:"summary"`
}

// Fleet is the whole fleet at one moment: the hub plus every managed cluster, sorted by name
// with the hub first. Like its clusters it is immutable; the views keep a pointer to the
// latest one and compare Generation to drop stale derived work.
type Fleet struct {
	Generation uint64 `json:"generation"`
	HubName    string `json:"hub"`
	HubContext string `json:"hubContext,omitempty"`
	Demo       bool   `json:"demo,omitempty"`
	// Note explains a degraded mode in one line ("no ACM on this context: showing one cluster").
	Note     string             `json:"note,omitempty"`
	Clusters []*ClusterSnapshot `json:"clusters"`
	// Remote holds, per destination cluster name, the roll-up of hub Applications that deploy
	// to that cluster, so a fleet row can count them without scanning the hub's apps.
	Remote map[string]AppCounts `json:"-"`
}

// Cluster returns the snapshot of the named cluster, or nil.
func (f *Fleet) Cluster(name string) *ClusterSnapshot {
	if f == nil {
		return nil
	}
	for _, c := range f.Clusters {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// AppsFor returns the Application roll-up shown on c's fleet row: c's own apps plus the hub
// apps that deploy to c.
func (f *Fleet) AppsFor(c *ClusterSnapshot) Counts {
	n := c.Summary.Apps
	if f != nil {
		if r, ok := f.Remote[c.Name]; ok {
			n.Merge(r)
		}
	}
	return n
}
