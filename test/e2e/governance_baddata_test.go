package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Strange but valid governance objects on the real API server (the CRD's enums keep unknown
// compliance values out; those are covered by the decoder and verdict tests): a root policy
// with no templates, a replicated policy in the namespace of a cluster the hub does not manage,
// with 1,000 history entries and a 256 KiB message. mcgtui labels them and does not fall over.
func TestGovernanceBadData(t *testing.T) {
	s := requireSuite(t)
	ns, gone := uniqueName(t, "policies"), "cluster-gone"
	empty := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "policy.open-cluster-management.io/v1", "kind": "Policy",
		"metadata": map[string]any{"name": "no-templates", "namespace": ns},
		"spec":     map[string]any{"disabled": false, "policy-templates": []any{}},
	}}
	s.Hub.Create(t, empty)
	var history []any
	huge := strings.Repeat("violation - ", 256<<10/12)
	for i := range 1000 {
		msg := fmt.Sprintf("NonCompliant; violation %d", i)
		if i == 0 {
			msg = "NonCompliant; " + huge
		}
		history = append(history, map[string]any{"eventName": fmt.Sprintf("%s.orphan.%x", ns, i),
			"lastTimestamp": time.Now().Add(-time.Duration(i) * time.Minute).UTC().Format(time.RFC3339), "message": msg})
	}
	orphan := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "policy.open-cluster-management.io/v1", "kind": "Policy",
		"metadata": map[string]any{"name": ns + ".orphan", "namespace": gone, "labels": map[string]any{
			"policy.open-cluster-management.io/cluster-name":      gone,
			"policy.open-cluster-management.io/cluster-namespace": gone,
			"policy.open-cluster-management.io/root-policy":       ns + ".orphan"}},
		"spec": map[string]any{"disabled": false, "policy-templates": []any{}},
		"status": map[string]any{"compliant": "NonCompliant", "details": []any{map[string]any{
			"compliant": "NonCompliant", "templateMeta": map[string]any{"name": "orphan-config"}, "history": history}}},
	}}
	s.Hub.Create(t, orphan)
	t.Cleanup(func() {
		ctx := context.Background()
		_ = s.Hub.Dyn.Resource(policiesGVR).Namespace(ns).Delete(ctx, "no-templates", metav1.DeleteOptions{})
		_ = s.Hub.Dyn.Resource(policiesGVR).Namespace(gone).Delete(ctx, ns+".orphan", metav1.DeleteOptions{})
	})

	doc, r := s.statusJSON(t, s.kubeconfigFor(t, nil))
	if r.code != 1 || strings.Contains(r.stderr, "panic") {
		t.Fatalf("want exit 1 (the orphan is NonCompliant) and no panic, got %d\nstderr: %s", r.code, r.stderr)
	}
	if row := doc.find(t, hubName, "Policy", ns, "no-templates"); row.Verdict != "Unknown" || row.Reason != "no status yet: not placed on any cluster" {
		t.Errorf("policy without templates: %+v", row)
	}
	row := doc.find(t, hubName, "Policy", gone, ns+".orphan")
	if row.Verdict != "Warning" || !strings.HasPrefix(row.Reason, "cluster cluster-gone is not a managed cluster of this fleet; NonCompliant: orphan-config: NonCompliant; violation - ") {
		t.Errorf("orphan policy: %s %.200q", row.Verdict, row.Reason)
	}
	if len(row.Reason) > 4096 {
		t.Errorf("the 256 KiB message reached the report unclipped: %d bytes", len(row.Reason))
	}
}
