// Package report turns a fleet snapshot into the flat rows that `mcgtui status` prints as a
// table or as JSON, and decides the command's exit code. It is pure: the same fleet always gives
// the same rows in the same order. The output is a contract for scripts and is documented in
// docs/status.md: add fields, never rename or remove them.
package report

import (
	"fmt"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Row is one line of `mcgtui status`: a cluster, a product source that is not Ready, or one
// object. The first six fields are always present in JSON; the others only for the kinds that
// have them.
type Row struct {
	// Cluster is the fleet name of the cluster whose API server holds the object; on a
	// cluster's own row and its Source rows, that cluster.
	Cluster string `json:"cluster"`
	// Kind is the object's kind, or "ManagedCluster" / "Cluster" for a cluster's own row and
	// "Source" for a product source that is not Ready.
	Kind string `json:"kind"`
	// Namespace is "" for cluster-scoped objects, clusters and sources.
	Namespace string `json:"namespace"`
	// Name is the object's name, the cluster's name, or the product ("argocd") of a source.
	Name string `json:"name"`
	// Verdict is OK, Unknown, Warning or Critical.
	Verdict Verdict `json:"verdict"`
	// Reason explains the verdict in one line; often "" when the verdict is OK.
	Reason string `json:"reason"`

	// Project is an Application's Argo CD project.
	Project string `json:"project,omitempty"`
	// Sync is an Application's sync status: Synced, OutOfSync, Unknown.
	Sync string `json:"sync,omitempty"`
	// Health is an Application's health status: Healthy, Progressing, Degraded, Suspended,
	// Missing, Unknown.
	Health string `json:"health,omitempty"`
	// Revision is the Git commit (or chart version) an Application is synced to.
	Revision string `json:"revision,omitempty"`
	// Destination is where an Application deploys: "cluster/namespace", with the fleet cluster
	// when it is known, else the destination name or server URL.
	Destination string `json:"destination,omitempty"`

	// Ready is the status of the Ready condition of an ESO object: True, False, Unknown.
	Ready string `json:"ready,omitempty"`
	// Store is the store an ESO object reads from or pushes to: "Kind/name"; a PushSecret may
	// name several, each "Kind/name", separated by commas
	// ("ClusterSecretStore/vault,SecretStore/aws").
	Store string `json:"store,omitempty"`
	// RefreshTime is when an ExternalSecret or PushSecret last refreshed.
	RefreshTime time.Time `json:"refreshTime,omitzero"`
	// Provider is a SecretStore's provider: vault, aws, gcpsm, fake …
	Provider string `json:"provider,omitempty"`

	// Phase is the phase of a PersistentVolumeClaim (Pending, Bound, Lost), a StorageCluster
	// (Running, Online, Initializing, Degraded …) or a StorageNode (Online, Offline …).
	Phase string `json:"phase,omitempty"`
	// VolumeName is the PersistentVolume bound to a claim.
	VolumeName string `json:"volumeName,omitempty"`
	// VolumePhase is the phase of that PersistentVolume: Bound, Released, Failed.
	VolumePhase string `json:"volumePhase,omitempty"`
	// StorageClass is a claim's StorageClass.
	StorageClass string `json:"storageClass,omitempty"`
	// RequestedBytes is the storage a claim requests.
	RequestedBytes int64 `json:"requestedBytes,omitempty"`
	// CapacityBytes is a claim's provisioned capacity, or a StorageNode's total storage.
	CapacityBytes int64 `json:"capacityBytes,omitempty"`
	// UsedBytes is the storage used on a StorageNode.
	UsedBytes int64 `json:"usedBytes,omitempty"`
	// Version is the Portworx version of a StorageCluster or StorageNode, or a cluster's
	// OpenShift version (its Kubernetes version when it is not OpenShift).
	Version string `json:"version,omitempty"`

	// Hub is true on the hub cluster's row.
	Hub bool `json:"hub,omitempty"`
	// Available is the status of a managed cluster's ManagedClusterConditionAvailable
	// condition: True, False, Unknown.
	Available string `json:"available,omitempty"`
	// Cloud is a managed cluster's cloud label: Amazon, Azure, Google, Other …
	Cloud string `json:"cloud,omitempty"`
	// Sources maps each product (acm, argocd, eso, portworx) to its source state on a cluster's
	// row: Syncing, Ready, NotInstalled, Forbidden, Unreachable, Stale, NoAccess.
	Sources map[string]string `json:"sources,omitempty"`
	// Generation is the cluster snapshot's generation on a cluster's row; it grows with every
	// change mcgtui sees on that cluster.
	Generation uint64 `json:"generation,omitempty"`

	// Compliant is a Policy's or PolicySet's status.compliant: Compliant, NonCompliant, Pending,
	// or "" when no status was written yet.
	Compliant string `json:"compliant,omitempty"`
	// RemediationAction is a Policy's spec.remediationAction: inform or enforce ("" when each
	// template decides).
	RemediationAction string `json:"remediationAction,omitempty"`
	// Severity is the highest spec.severity of a Policy's templates: low, medium, high, critical.
	Severity string `json:"severity,omitempty"`
	// NoncompliantClusters lists, on a root Policy's row, the clusters where it is NonCompliant.
	NoncompliantClusters []string `json:"noncompliantClusters,omitempty"`
	// RootPolicy is, on a replicated Policy's row, its root policy: "namespace.name".
	RootPolicy string `json:"rootPolicy,omitempty"`
	// Standards are a Policy's policy.open-cluster-management.io/standards annotation values.
	Standards []string `json:"standards,omitempty"`

	// SourceState is the state of a Source row's product source.
	SourceState string `json:"sourceState,omitempty"`
	// Since is when a Source row's source entered its state.
	Since time.Time `json:"since,omitzero"`

	// CausedBy lists the IDs of the causes (the document's causes[].id) that explain this
	// row, best ranked first; absent for causes and for what no cause explains.
	CausedBy []string `json:"causedBy,omitempty"`
}

// Verdict is a model.Verdict that also reads back from JSON, so that rows round-trip.
type Verdict model.Verdict

// String returns "OK", "Unknown", "Warning" or "Critical".
func (v Verdict) String() string { return model.Verdict(v).String() }

// MarshalText writes the verdict by name.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a verdict name written by MarshalText.
func (v *Verdict) UnmarshalText(text []byte) error {
	for c := model.VerdictOK; c <= model.VerdictCritical; c++ {
		if c.String() == string(text) {
			*v = Verdict(c)
			return nil
		}
	}
	return fmt.Errorf("unknown verdict %q", text)
}

// IsProblem reports whether the verdict is Warning or Critical: something a person should
// look at, as opposed to OK or not yet known.
func (v Verdict) IsProblem() bool { return model.Verdict(v) >= model.VerdictWarning }

// ExitCode is the exit status of `mcgtui status` for these rows: 1 when any row is Warning or
// Critical, 0 otherwise. (2, for usage and connection errors, is the command's business.)
func ExitCode(rows []Row) int {
	for i := range rows {
		if rows[i].Verdict.IsProblem() {
			return 1
		}
	}
	return 0
}

// Problems returns the rows that are Warning or Critical, in their original order.
func Problems(rows []Row) []Row {
	out := make([]Row, 0, len(rows))
	for _, r := range rows {
		if r.Verdict.IsProblem() {
			out = append(out, r)
		}
	}
	return out
}
