package argocd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/actions"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

func liveApp(extra map[string]any) *unstructured.Unstructured {
	obj := map[string]any{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
		"metadata": map[string]any{"name": "guestbook", "namespace": "argocd"},
		"spec":     map[string]any{"syncPolicy": map[string]any{"syncOptions": []any{"CreateNamespace=true"}}},
	}
	for k, v := range extra {
		obj[k] = v
	}
	return &unstructured.Unstructured{Object: obj}
}

func TestSyncPatchCarriesEveryOption(t *testing.T) {
	p, err := SyncPatch(liveApp(nil), "alice", actions.SyncOptions{
		Revision: "v2", Prune: true, DryRun: true, Force: true, ApplyOutOfSyncOnly: true,
		Resources: []actions.ResourceRef{{Group: "apps", Kind: "Deployment", Namespace: "guestbook", Name: "ui"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Operation struct {
			InitiatedBy struct{ Username string } `json:"initiatedBy"`
			Sync        struct {
				Revision     string
				Prune        bool
				DryRun       bool `json:"dryRun"`
				SyncStrategy struct {
					Apply struct{ Force bool }
				} `json:"syncStrategy"`
				SyncOptions []string `json:"syncOptions"`
				Resources   []map[string]string
			}
		}
	}
	if err := json.Unmarshal(p, &got); err != nil {
		t.Fatal(err)
	}
	s := got.Operation.Sync
	if got.Operation.InitiatedBy.Username != "alice" || s.Revision != "v2" || !s.Prune || !s.DryRun || !s.SyncStrategy.Apply.Force {
		t.Errorf("options lost: %s", p)
	}
	if strings.Join(s.SyncOptions, ",") != "CreateNamespace=true,ApplyOutOfSyncOnly=true" {
		t.Errorf("the app's own syncOptions must be copied: %v", s.SyncOptions)
	}
	if len(s.Resources) != 1 || s.Resources[0]["kind"] != "Deployment" || s.Resources[0]["group"] != "apps" {
		t.Errorf("resources: %v", s.Resources)
	}
}

func TestSyncPatchRefusesToStack(t *testing.T) {
	if _, err := SyncPatch(liveApp(map[string]any{"operation": map[string]any{"sync": map[string]any{}}}), "", actions.SyncOptions{}); err == nil {
		t.Error("a pending operation must refuse another sync")
	}
	running := liveApp(map[string]any{"status": map[string]any{"operationState": map[string]any{"phase": "Running"}}})
	if _, err := SyncPatch(running, "", actions.SyncOptions{}); err == nil || !strings.Contains(err.Error(), "Running") {
		t.Errorf("a running operation must refuse another sync: %v", err)
	}
	p, err := SyncPatch(liveApp(nil), "", actions.SyncOptions{})
	if err != nil || !strings.Contains(string(p), `"username":"mcgtui"`) {
		t.Errorf("default initiator: %s %v", p, err)
	}
}

func TestRefreshPatch(t *testing.T) {
	if got := string(RefreshPatch(true)); got != `{"metadata":{"annotations":{"argocd.argoproj.io/refresh":"hard"}}}` {
		t.Errorf("hard refresh patch %s", got)
	}
}
