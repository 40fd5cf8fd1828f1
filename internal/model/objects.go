package model

import "time"

// ManagedCluster is the hub's record of one managed cluster (cluster.open-cluster-management.io/v1).
type ManagedCluster struct {
	Meta
	HubAcceptsClient bool `json:"hubAcceptsClient"`
	// Available, Joined and Accepted are the conditions ManagedClusterConditionAvailable,
	// ManagedClusterJoined and HubAcceptedManagedCluster; Status "" means absent.
	Available   Condition   `json:"available"`
	Joined      Condition   `json:"joined"`
	Accepted    Condition   `json:"accepted"`
	Conditions  []Condition `json:"conditions,omitempty"`
	KubeVersion string      `json:"kubernetesVersion,omitempty"`
	// Claims from status.clusterClaims, and the well-known ones lifted out.
	Claims           map[string]string `json:"claims,omitempty"`
	OpenShiftVersion string            `json:"openshiftVersion,omitempty"` // claim version.openshift.io
	Platform         string            `json:"platform,omitempty"`         // claim platform.open-cluster-management.io
	Region           string            `json:"region,omitempty"`           // claim region.open-cluster-management.io
	Product          string            `json:"product,omitempty"`          // claim product.open-cluster-management.io
	// Labels lifted out: cloud, vendor, cluster.open-cluster-management.io/clusterset.
	Cloud                string   `json:"cloud,omitempty"`
	Vendor               string   `json:"vendor,omitempty"`
	ClusterSet           string   `json:"clusterSet,omitempty"`
	Taints               []Taint  `json:"taints,omitempty"`
	LeaseDurationSeconds int32    `json:"leaseDurationSeconds,omitempty"`
	ClientURLs           []string `json:"clientURLs,omitempty"` // spec.managedClusterClientConfigs[].url
	Health               Health   `json:"health"`
}

// Taint is a ManagedCluster taint.
type Taint struct {
	Key    string `json:"key"`
	Value  string `json:"value,omitempty"`
	Effect string `json:"effect"`
}

// App is an Argo CD Application (argoproj.io/v1alpha1).
type App struct {
	Meta
	Project       string         `json:"project,omitempty"`
	SyncStatus    string         `json:"syncStatus,omitempty"` // Synced, OutOfSync, Unknown
	Revision      string         `json:"revision,omitempty"`
	Revisions     []string       `json:"revisions,omitempty"`
	HealthStatus  string         `json:"healthStatus,omitempty"` // Healthy, Progressing, Degraded, Suspended, Missing, Unknown
	HealthMessage string         `json:"healthMessage,omitempty"`
	Operation     *Operation     `json:"operation,omitempty"` // status.operationState; nil when absent
	Conditions    []Condition    `json:"conditions,omitempty"`
	Destination   Destination    `json:"destination"`
	Sources       []AppSource    `json:"sources,omitempty"` // spec.source, or spec.sources
	AutoSync      bool           `json:"autoSync"`
	AutoPrune     bool           `json:"autoPrune,omitempty"`
	SelfHeal      bool           `json:"selfHeal,omitempty"`
	SyncOptions   []string       `json:"syncOptions,omitempty"` // spec.syncPolicy.syncOptions
	Resources     []AppResource  `json:"resources,omitempty"`
	History       []HistoryEntry `json:"history,omitempty"`
	ReconciledAt  time.Time      `json:"reconciledAt,omitempty"`
	// DestCluster is the fleet cluster the app deploys to, resolved from Destination: the
	// object's own cluster for in-cluster destinations, a managed cluster for hub apps that
	// target it, "" when it could not be resolved.
	DestCluster string `json:"destCluster,omitempty"`
	Health      Health `json:"health"`

	// HealthSince is status.health.lastTransitionTime (written by Argo CD ≥ 3.0); zero when
	// absent. The cause graph (internal/causes) dates an app's problem with it.
	HealthSince time.Time `json:"healthSince,omitzero"`
}

// Destination is spec.destination.
type Destination struct {
	Server    string `json:"server,omitempty"`
	Name      string `json:"name,omitempty"`
	Namespace string `json:"namespace,omitempty"`
}

// AppSource is one spec.source / spec.sources[] entry.
type AppSource struct {
	RepoURL        string `json:"repoURL,omitempty"`
	Path           string `json:"path,omitempty"`
	Chart          string `json:"chart,omitempty"`
	TargetRevision string `json:"targetRevision,omitempty"`
}

// Operation is status.operationState.
type Operation struct {
	Phase      string       `json:"phase,omitempty"` // Running, Terminating, Failed, Error, Succeeded
	Message    string       `json:"message,omitempty"`
	StartedAt  time.Time    `json:"startedAt,omitempty"`
	FinishedAt time.Time    `json:"finishedAt,omitempty"`
	RetryCount int64        `json:"retryCount,omitempty"`
	Revision   string       `json:"revision,omitempty"` // syncResult.revision
	Results    []SyncResult `json:"results,omitempty"`  // syncResult.resources[]
}

// SyncResult is one status.operationState.syncResult.resources[] entry.
type SyncResult struct {
	Group     string `json:"group,omitempty"`
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
	Status    string `json:"status,omitempty"` // Synced, SyncFailed, Pruned, PruneSkipped
	Message   string `json:"message,omitempty"`
	HookPhase string `json:"hookPhase,omitempty"`
}

// AppResource is one status.resources[] entry. Health is empty when Argo CD did not store it
// (the default since Argo CD 3.0): never invent it.
type AppResource struct {
	Group           string `json:"group,omitempty"`
	Version         string `json:"version,omitempty"`
	Kind            string `json:"kind"`
	Namespace       string `json:"namespace,omitempty"`
	Name            string `json:"name"`
	Status          string `json:"status,omitempty"` // Synced, OutOfSync
	Health          string `json:"health,omitempty"`
	HealthMessage   string `json:"healthMessage,omitempty"`
	RequiresPruning bool   `json:"requiresPruning,omitempty"`
}

// HistoryEntry is one status.history[] entry.
type HistoryEntry struct {
	ID          int64     `json:"id"`
	Revision    string    `json:"revision,omitempty"`
	DeployedAt  time.Time `json:"deployedAt,omitempty"`
	InitiatedBy string    `json:"initiatedBy,omitempty"` // initiatedBy.username, or "automated"
}

// AppSet is an Argo CD ApplicationSet.
type AppSet struct {
	Meta
	Conditions []Condition `json:"conditions,omitempty"`
	Health     Health      `json:"health"`

	// Resources is status.resources: the Applications the set generated (Argo CD ≥ 2.9 lists
	// them there). The cause graph links a failing set to them.
	Resources []AppResource `json:"resources,omitempty"`
}

// ExternalSecret is an ESO ExternalSecret, ClusterExternalSecret or PushSecret (Meta.Kind says
// which). mcgtui reads only their status, never the Secret objects they manage.
type ExternalSecret struct {
	Meta
	Ready           Condition     `json:"ready"` // the Ready condition; Status "" when absent
	Conditions      []Condition   `json:"conditions,omitempty"`
	RefreshTime     time.Time     `json:"refreshTime,omitempty"`
	RefreshInterval time.Duration `json:"refreshInterval,omitempty"` // 0 when absent or "0" (no refresh)
	// RefreshIntervalRaw is spec.refreshInterval as written ("1h", "0").
	RefreshIntervalRaw string `json:"refreshIntervalRaw,omitempty"`
	// RefreshPolicy is spec.refreshPolicy: Periodic (or "" for the same), CreatedOnce or
	// OnChange. Only Periodic secrets are refreshed on a timer.
	RefreshPolicy string `json:"refreshPolicy,omitempty"`
	StoreKind     string `json:"storeKind,omitempty"` // SecretStore or ClusterSecretStore; several joined with "," for PushSecret
	StoreName     string `json:"storeName,omitempty"` // several joined with "," for PushSecret
	// Stores is every store reference by name, each with its own kind: one for an
	// ExternalSecret or ClusterExternalSecret, any number for a PushSecret.
	Stores     []StoreRef `json:"stores,omitempty"`
	TargetName string     `json:"targetName,omitempty"`
	// ClusterExternalSecret only.
	ProvisionedNamespaces []string `json:"provisionedNamespaces,omitempty"`
	FailedNamespaces      []string `json:"failedNamespaces,omitempty"`
	Health                Health   `json:"health"`
}

// StoreRef names one SecretStore or ClusterSecretStore.
type StoreRef struct {
	Kind string `json:"kind"` // SecretStore or ClusterSecretStore
	Name string `json:"name"`
}

// SecretStore is an ESO SecretStore or ClusterSecretStore.
type SecretStore struct {
	Meta
	Provider string `json:"provider,omitempty"` // the spec.provider key: vault, aws, fake …
	// ProviderServer is the provider's endpoint where it has one (vault's server URL).
	ProviderServer string      `json:"providerServer,omitempty"`
	Ready          Condition   `json:"ready"`
	Capabilities   string      `json:"capabilities,omitempty"`
	Conditions     []Condition `json:"conditions,omitempty"`
	Health         Health      `json:"health"`
}

// StorageCluster is a Portworx StorageCluster (core.libopenstorage.org/v1).
type StorageCluster struct {
	Meta
	Phase       string      `json:"phase,omitempty"` // Running, Online (legacy), Initializing, Degraded …
	Version     string      `json:"version,omitempty"`
	ClusterName string      `json:"clusterName,omitempty"`
	ClusterUID  string      `json:"clusterUID,omitempty"`
	Conditions  []Condition `json:"conditions,omitempty"`
	Health      Health      `json:"health"`
}

// StorageNode is a Portworx StorageNode.
type StorageNode struct {
	Meta
	Phase        string      `json:"phase,omitempty"` // Online, Offline, NotInQuorum, Initializing …
	NodeUID      string      `json:"nodeUID,omitempty"`
	Version      string      `json:"version,omitempty"`
	IP           string      `json:"ip,omitempty"`
	StorageUsed  int64       `json:"storageUsedBytes,omitempty"`
	StorageTotal int64       `json:"storageTotalBytes,omitempty"`
	Conditions   []Condition `json:"conditions,omitempty"`
	Health       Health      `json:"health"`
}

// Volume is a PersistentVolumeClaim provisioned by Portworx, joined with its PersistentVolume.
type Volume struct {
	Meta                  // the PVC
	Phase        string   `json:"phase,omitempty"` // Pending, Bound, Lost
	StorageClass string   `json:"storageClass,omitempty"`
	Provisioner  string   `json:"provisioner,omitempty"`
	Requested    int64    `json:"requestedBytes,omitempty"`
	Capacity     int64    `json:"capacityBytes,omitempty"`
	VolumeName   string   `json:"volumeName,omitempty"`
	AccessModes  []string `json:"accessModes,omitempty"`
	PVPhase      string   `json:"pvPhase,omitempty"`
	VolumeHandle string   `json:"volumeHandle,omitempty"`
	// WaitForFirstConsumer is true when the claim's StorageClass has volumeBindingMode
	// WaitForFirstConsumer: it stays Pending until a pod that uses it is scheduled.
	WaitForFirstConsumer bool `json:"waitForFirstConsumer,omitempty"`
	// SelectedNode is the claim's volume.kubernetes.io/selected-node annotation: the node the
	// scheduler chose for the claim's first consumer ("" before that).
	SelectedNode string `json:"selectedNode,omitempty"`
	Health       Health `json:"health"`
}

// PersistentVolume is the part of a PV that a Volume joins in.
type PersistentVolume struct {
	Meta
	Phase        string `json:"phase,omitempty"`
	VolumeHandle string `json:"volumeHandle,omitempty"`
	StorageClass string `json:"storageClass,omitempty"`
	ClaimNS      string `json:"claimNamespace,omitempty"`
	ClaimName    string `json:"claimName,omitempty"`
}
