package clusterview

import (
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

func view(status map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{"apiVersion": "view.open-cluster-management.io/v1beta1", "kind": "ManagedClusterView"}}
	if status != nil {
		u.Object["status"] = status
	}
	return u
}

func cond(status, reason, msg string) []any {
	return []any{map[string]any{"type": "Processing", "status": status, "reason": reason, "message": msg}}
}

func TestAnswer(t *testing.T) {
	ref := model.Ref{Cluster: "c1", Kind: "Application", Namespace: "argocd", Name: "a"}
	result := map[string]any{"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": map[string]any{"name": "a"}}
	tests := []struct {
		name    string
		status  map[string]any
		done    bool
		wantErr string
	}{
		{"no status yet", nil, false, ""},
		{"processing without a result yet", map[string]any{"conditions": cond("True", "GetResourceProcessing", "")}, false, ""},
		{"answered", map[string]any{"conditions": cond("True", "GetResourceProcessing", ""), "result": result}, true, ""},
		{"failed", map[string]any{"conditions": cond("False", "GetResourceFailed", `applications.argoproj.io "a" not found`)}, true,
			`Processing=False GetResourceFailed: applications.argoproj.io "a" not found`},
		{"invalid kind", map[string]any{"conditions": cond("False", "ResourceTypeInvalid", "no kind")}, true, "ResourceTypeInvalid"},
		{"unknown", map[string]any{"conditions": cond("Unknown", "", "")}, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			obj, done, err := answer(view(tc.status), ref)
			if done != tc.done {
				t.Fatalf("done %v, want %v", done, tc.done)
			}
			switch {
			case tc.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("err %v, want %q", err, tc.wantErr)
				}
			case done && (err != nil || obj.GetName() != "a"):
				t.Errorf("obj %v err %v", obj, err)
			}
		})
	}
}
