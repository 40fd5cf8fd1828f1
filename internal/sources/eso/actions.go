package eso

import (
	"encoding/json"
	"strconv"
	"time"
)

// ForceSyncAnnotation makes ESO sync an ExternalSecret or PushSecret now, whatever its
// refreshInterval: any change of its value triggers a reconcile.
const ForceSyncAnnotation = "force-sync"

// ClusterForceSyncAnnotation makes ESO (v0.20 and later) sync every ExternalSecret a
// ClusterExternalSecret provisioned: the ClusterExternalSecret controller copies it, and
// only it, onto them. The plain force-sync annotation on a ClusterExternalSecret reaches none.
const ClusterForceSyncAnnotation = "external-secrets.io/force-sync"

// ForceSyncAnnotationFor is the annotation that force-syncs an object of kind.
func ForceSyncAnnotationFor(kind string) string {
	if kind == "ClusterExternalSecret" {
		return ClusterForceSyncAnnotation
	}
	return ForceSyncAnnotation
}

// ForceSyncPatch is the merge patch that requests a sync of an object of kind now; the value
// is the time, so that every request changes it.
func ForceSyncPatch(kind string, now time.Time) []byte {
	p, _ := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": map[string]any{
		ForceSyncAnnotationFor(kind): strconv.FormatInt(now.Unix(), 10),
	}}})
	return p
}
