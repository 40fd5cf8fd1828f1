package report

import (
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
)

// status is the STATUS column of the wide format: each kind's own status fields, in the words
// its product uses.
func status(r *Row) string {
	switch r.Kind {
	case "Application":
		return joinNonEmpty("/", r.Sync, r.Health)
	case "Cluster", "ManagedCluster":
		if r.Available != "" {
			return "Available=" + r.Available
		}
	case "Source":
		return r.SourceState
	case "PersistentVolumeClaim":
		if r.VolumePhase != "" && r.VolumePhase != r.Phase {
			return r.Phase + "/PV " + r.VolumePhase
		}
		return r.Phase
	case "StorageCluster", "StorageNode":
		return r.Phase
	}
	if r.Ready != "" {
		// ExternalSecret, ClusterExternalSecret, PushSecret, SecretStore, ClusterSecretStore.
		return "Ready=" + r.Ready
	}
	return ""
}

// details is the DETAILS column of the wide format: where an object points or what it holds.
func details(r *Row) string {
	switch r.Kind {
	case "Application":
		return joinNonEmpty(" @ ", r.Destination, shortRevision(r.Revision))
	case "Cluster", "ManagedCluster":
		hub := ""
		if r.Hub {
			hub = "hub"
		}
		return joinNonEmpty(" ", hub, r.Cloud, r.Version)
	case "Source":
		if !r.Since.IsZero() {
			return "since " + r.Since.UTC().Format(time.RFC3339)
		}
	case "PersistentVolumeClaim":
		size := ""
		switch {
		case r.CapacityBytes > 0:
			size = humanize.Bytes(r.CapacityBytes)
		case r.RequestedBytes > 0:
			size = humanize.Bytes(r.RequestedBytes) + " requested"
		}
		return joinNonEmpty(" ", r.StorageClass, size, r.VolumeName)
	case "StorageNode":
		used := ""
		if r.CapacityBytes > 0 {
			used = humanize.Bytes(r.UsedBytes) + "/" + humanize.Bytes(r.CapacityBytes)
		}
		return joinNonEmpty(" ", used, r.Version)
	case "StorageCluster":
		return r.Version
	}
	if r.Store != "" {
		return r.Store
	}
	return r.Provider
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// shortRevision shortens a Git commit hash to the 7 characters Git shows; other revisions (tags,
// branches, chart versions) are left alone.
func shortRevision(rev string) string {
	if len(rev) != 40 {
		return rev
	}
	for _, c := range rev {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return rev
		}
	}
	return rev[:7]
}
