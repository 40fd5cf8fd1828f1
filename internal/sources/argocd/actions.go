package argocd

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/mcgtui/mcgtui/internal/actions"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// RefreshAnnotation makes Argo CD compare an app with git again: "normal", or "hard" to also
// drop the manifest cache. The controller removes it when done.
const RefreshAnnotation = "argocd.argoproj.io/refresh"

// RefreshPatch is the merge patch that requests a (hard) refresh.
func RefreshPatch(hard bool) []byte {
	mode := "normal"
	if hard {
		mode = "hard"
	}
	p, _ := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": map[string]any{RefreshAnnotation: mode}}})
	return p
}

// SyncPatch builds the merge patch that starts a sync through the Kubernetes API alone, as
// the Argo CD server itself does: it sets the Application's .operation, which the
// application-controller picks up. live is the app as read just before; a sync is refused
// while another operation is pending or running, so that nothing is stacked.
func SyncPatch(live *unstructured.Unstructured, user string, o actions.SyncOptions) ([]byte, error) {
	if _, pending := live.Object["operation"]; pending {
		return nil, fmt.Errorf("an operation is already pending on %s", live.GetName())
	}
	if phase, _, _ := unstructured.NestedString(live.Object, "status", "operationState", "phase"); phase == "Running" || phase == "Terminating" {
		return nil, fmt.Errorf("an operation is already %s on %s", phase, live.GetName())
	}
	sync := map[string]any{}
	if o.Revision != "" {
		sync["revision"] = o.Revision
	}
	if o.Prune {
		sync["prune"] = true
	}
	if o.DryRun {
		sync["dryRun"] = true
	}
	if o.Force {
		sync["syncStrategy"] = map[string]any{"apply": map[string]any{"force": true}}
	}
	// Argo CD applies the operation's syncOptions, not spec.syncPolicy.syncOptions: copy the
	// app's own (CreateNamespace=true and friends), or such apps fail to sync.
	opts, _, _ := unstructured.NestedStringSlice(live.Object, "spec", "syncPolicy", "syncOptions")
	if o.ApplyOutOfSyncOnly && !slices.Contains(opts, "ApplyOutOfSyncOnly=true") {
		opts = append(opts, "ApplyOutOfSyncOnly=true")
	}
	if len(opts) > 0 {
		sync["syncOptions"] = opts
	}
	if len(o.Resources) > 0 {
		res := make([]any, len(o.Resources))
		for i, r := range o.Resources {
			res[i] = map[string]any{"group": r.Group, "kind": r.Kind, "namespace": r.Namespace, "name": r.Name}
		}
		sync["resources"] = res
	}
	if user == "" {
		user = "mcgtui"
	}
	return json.Marshal(map[string]any{"operation": map[string]any{
		"initiatedBy": map[string]any{"username": user},
		"sync":        sync,
	}})
}
