package acm

import (
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	clusterv1 "open-cluster-management.io/api/cluster/v1"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Well-known cluster claims and labels lifted out of ManagedCluster objects.
const (
	ClaimOpenShiftVersion = "version.openshift.io"
	ClaimPlatform         = "platform.open-cluster-management.io"
	ClaimRegion           = "region.open-cluster-management.io"
	ClaimProduct          = "product.open-cluster-management.io"
	LabelCloud            = "cloud"
	LabelVendor           = "vendor"
	LabelClusterSet       = "cluster.open-cluster-management.io/clusterset"
)

// apiVersion is the ManagedCluster API version that the typed client reads.
var apiVersion = ManagedClustersGVR.GroupVersion().String()

// FromManagedCluster projects a typed ManagedCluster into a model.ManagedCluster. The cluster of
// its Ref is the managed cluster's own name: the record is about that cluster, although it is
// stored on the hub. Health is left empty. A nil mc gives the zero value.
func FromManagedCluster(mc *clusterv1.ManagedCluster) model.ManagedCluster {
	if mc == nil {
		return model.ManagedCluster{}
	}
	out := model.ManagedCluster{
		Meta: model.Meta{
			Ref: model.Ref{
				Cluster:    mc.Name,
				APIVersion: apiVersion,
				Resource:   ManagedClustersGVR.Resource,
				Kind:       "ManagedCluster",
				Name:       mc.Name,
			},
			UID:             string(mc.UID),
			ResourceVersion: mc.ResourceVersion,
			Created:         utc(mc.CreationTimestamp),
			// Kept, unlike on other objects: there are few clusters, and the cluster views
			// filter and group by label.
			Labels: mc.Labels,
		},
		HubAcceptsClient:     mc.Spec.HubAcceptsClient,
		KubeVersion:          mc.Status.Version.Kubernetes,
		Cloud:                mc.Labels[LabelCloud],
		Vendor:               mc.Labels[LabelVendor],
		ClusterSet:           mc.Labels[LabelClusterSet],
		LeaseDurationSeconds: mc.Spec.LeaseDurationSeconds,
	}

	if len(mc.Status.Conditions) > 0 {
		out.Conditions = make([]model.Condition, len(mc.Status.Conditions))
		for i, c := range mc.Status.Conditions {
			out.Conditions[i] = fromCondition(c)
		}
	}
	out.Available, _ = model.FindCondition(out.Conditions, clusterv1.ManagedClusterConditionAvailable)
	out.Joined, _ = model.FindCondition(out.Conditions, clusterv1.ManagedClusterConditionJoined)
	out.Accepted, _ = model.FindCondition(out.Conditions, clusterv1.ManagedClusterConditionHubAccepted)

	if len(mc.Status.ClusterClaims) > 0 {
		out.Claims = make(map[string]string, len(mc.Status.ClusterClaims))
		for _, claim := range mc.Status.ClusterClaims {
			out.Claims[claim.Name] = claim.Value
		}
		out.OpenShiftVersion = out.Claims[ClaimOpenShiftVersion]
		out.Platform = out.Claims[ClaimPlatform]
		out.Region = out.Claims[ClaimRegion]
		out.Product = out.Claims[ClaimProduct]
	}

	for _, t := range mc.Spec.Taints {
		out.Taints = append(out.Taints, model.Taint{Key: t.Key, Value: t.Value, Effect: string(t.Effect)})
	}
	for _, cfg := range mc.Spec.ManagedClusterClientConfigs {
		if cfg.URL != "" {
			out.ClientURLs = append(out.ClientURLs, cfg.URL)
		}
	}
	return out
}

func fromCondition(c metav1.Condition) model.Condition {
	return model.Condition{
		Type:           c.Type,
		Status:         string(c.Status),
		Reason:         c.Reason,
		Message:        c.Message,
		LastTransition: utc(c.LastTransitionTime),
	}
}

// utc returns t in UTC. metav1.Time decodes into the local zone; the dynamic decoders of the
// other products yield UTC, and one zone everywhere keeps snapshots comparable.
func utc(t metav1.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

// DecodeManagedCluster converts an unstructured ManagedCluster to the typed one and projects it
// with FromManagedCluster. A conversion error (a field of the wrong type) is returned with the
// zero value: unlike the dynamic decoders, the typed conversion cannot keep the rest.
func DecodeManagedCluster(u *unstructured.Unstructured) (model.ManagedCluster, error) {
	if u == nil {
		return model.ManagedCluster{}, fmt.Errorf("decode ManagedCluster: nil object")
	}
	var mc clusterv1.ManagedCluster
	if err := fromUnstructured(withoutResourceLists(u.Object), &mc); err != nil {
		return model.ManagedCluster{}, fmt.Errorf("decode ManagedCluster %q: %w", u.GetName(), err)
	}
	return FromManagedCluster(&mc), nil
}

// fromUnstructured runs the converter, turning a panic inside it into an error: the input may
// be arbitrary (fuzzing, a broken apiserver), and one bad object must not stop the dashboard.
func fromUnstructured(obj map[string]any, into *clusterv1.ManagedCluster) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("conversion panicked: %v", p)
		}
	}()
	return runtime.DefaultUnstructuredConverter.FromUnstructured(obj, into)
}

// withoutResourceLists returns obj without status.capacity and status.allocatable, which are
// not projected. Dropping them skips parsing dozens of quantities per cluster, and
// resource.ParseQuantity can spin for a very long time on a hostile exponent ("1e-999999999").
// The input map is not modified.
func withoutResourceLists(obj map[string]any) map[string]any {
	status, ok := obj["status"].(map[string]any)
	if !ok {
		return obj
	}
	_, hasCapacity := status["capacity"]
	_, hasAllocatable := status["allocatable"]
	if !hasCapacity && !hasAllocatable {
		return obj
	}
	trimmedStatus := make(map[string]any, len(status))
	for k, v := range status {
		if k != "capacity" && k != "allocatable" {
			trimmedStatus[k] = v
		}
	}
	trimmed := make(map[string]any, len(obj))
	for k, v := range obj {
		trimmed[k] = v
	}
	trimmed["status"] = trimmedStatus
	return trimmed
}
