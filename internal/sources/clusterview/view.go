// Package clusterview reads one object of a managed cluster through the hub alone, with an
// Open Cluster Management ManagedClusterView (view.open-cluster-management.io/v1beta1): it is
// created in the cluster's namespace on the hub with a generated name and mcgtui's label, the
// cluster's work agent copies the object into status.result, and the view is deleted
// afterwards, whatever happened. Used for clusters reached without their own API server
// (hub facts only, ACM search). Never for Secrets.
package clusterview

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
)

// GVR is the ManagedClusterView resource on the hub.
var GVR = schema.GroupVersionResource{Group: "view.open-cluster-management.io", Version: "v1beta1", Resource: "managedclusterviews"}

const (
	// Label marks the views mcgtui creates (value "mcgtui"), so that any left behind by a
	// killed process can be found and removed.
	Label = "app.kubernetes.io/managed-by"
	// DefaultTimeout is how long the work agent is given to answer.
	DefaultTimeout = 30 * time.Second
)

// Fetch creates a view of ref on its cluster, waits for the work agent's answer (timeout 0
// means DefaultTimeout), deletes the view, and returns the object.
func Fetch(ctx context.Context, hub dynamic.Interface, ref model.Ref, timeout time.Duration) (*unstructured.Unstructured, error) {
	if ref.Resource == "secrets" && (ref.APIVersion == "v1" || ref.APIVersion == "") {
		return nil, errors.New("mcgtui does not read Secrets")
	}
	gv, err := schema.ParseGroupVersion(ref.APIVersion)
	if err != nil {
		return nil, fmt.Errorf("bad apiVersion %q: %w", ref.APIVersion, err)
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	views := hub.Resource(GVR).Namespace(ref.Cluster)
	view := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "view.open-cluster-management.io/v1beta1", "kind": "ManagedClusterView",
		"metadata": map[string]any{"generateName": "mcgtui-", "labels": map[string]any{Label: "mcgtui"}},
		"spec": map[string]any{"scope": map[string]any{
			"apiGroup": gv.Group, "version": gv.Version, "kind": ref.Kind, "resource": ref.Resource,
			"namespace": ref.Namespace, "name": ref.Name,
		}},
	}}
	created, err := views.Create(ctx, view, metav1.CreateOptions{})
	if err != nil {
		return nil, fmt.Errorf("creating a ManagedClusterView in namespace %s on the hub: %w", ref.Cluster, err)
	}
	name := created.GetName()
	defer func() {
		// Deleted even when ctx has ended: a view left behind keeps the agent polling.
		dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = views.Delete(dctx, name, metav1.DeleteOptions{})
	}()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	delay := 100 * time.Millisecond
	for {
		got, err := views.Get(ctx, name, metav1.GetOptions{})
		if err != nil && !apierrors.IsNotFound(err) {
			if ctx.Err() != nil {
				return nil, timedOut(ref, timeout, nil)
			}
			return nil, fmt.Errorf("reading ManagedClusterView %s/%s: %w", ref.Cluster, name, err)
		}
		if got != nil {
			if obj, done, err := answer(got, ref); done {
				return obj, err
			}
		}
		select {
		case <-ctx.Done():
			return nil, timedOut(ref, timeout, got)
		case <-time.After(delay):
		}
		delay = min(delay*2, time.Second)
	}
}

// answer reads the view's Processing condition: True with a result is the object; False is
// the agent's reason ("GetResourceFailed: …"); anything else is not done yet.
func answer(view *unstructured.Unstructured, ref model.Ref) (*unstructured.Unstructured, bool, error) {
	cond, ok := processing(view)
	if !ok || cond.Status == "" || cond.Status == "Unknown" {
		return nil, false, nil
	}
	if cond.Status != "True" {
		return nil, true, fmt.Errorf("ManagedClusterView of %s %s/%s on %s: Processing=%s %s: %s",
			ref.Kind, ref.Namespace, ref.Name, ref.Cluster, cond.Status, cond.Reason, cond.Message)
	}
	result, found, _ := unstructured.NestedMap(view.Object, "status", "result")
	if !found || len(result) == 0 {
		return nil, false, nil // Processing before the result was written
	}
	return &unstructured.Unstructured{Object: result}, true, nil
}

func processing(view *unstructured.Unstructured) (model.Condition, bool) {
	conds, _, _ := unstructured.NestedSlice(view.Object, "status", "conditions")
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["type"] == "Processing" {
			s := func(k string) string { v, _ := m[k].(string); return v }
			return model.Condition{Type: "Processing", Status: s("status"), Reason: s("reason"), Message: s("message")}, true
		}
	}
	return model.Condition{}, false
}

func timedOut(ref model.Ref, timeout time.Duration, last *unstructured.Unstructured) error {
	msg := fmt.Sprintf("ManagedClusterView of %s %s/%s on %s: no answer from the cluster's work agent within %s",
		ref.Kind, ref.Namespace, ref.Name, ref.Cluster, timeout)
	if last != nil {
		if c, ok := processing(last); ok {
			msg += fmt.Sprintf(" (Processing=%s %s: %s)", c.Status, c.Reason, c.Message)
		}
	}
	return errors.New(msg)
}
