package eso

import (
	"encoding/json"
	"strconv"
	"time"
)

// ForceSyncAnnotation makes ESO sync an ExternalSecret (or ClusterExternalSecret, PushSecret)
// now, whatever its refreshInterval: any change of its value triggers a reconcile.
const ForceSyncAnnotation = "force-sync"

// ForceSyncPatch is the merge patch that requests a sync now; the value is the time, so that
// every request changes it.
func ForceSyncPatch(now time.Time) []byte {
	p, _ := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": map[string]any{
		ForceSyncAnnotation: strconv.FormatInt(now.Unix(), 10),
	}}})
	return p
}
