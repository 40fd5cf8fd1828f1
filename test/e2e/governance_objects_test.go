package e2e

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// governanceObjects are what an administrator (here: the Multicloud GitOps clustergroup chart)
// writes on the hub, plus the PlacementDecision the placement controller would write: two root
// policies, one Placement selecting the clusters, its decision, one binding per policy.
func governanceObjects(ns, gitops, check string, clusters []string) []*unstructured.Unstructured {
	const placement = "bootstrap-placement"
	var decisions []any
	for _, c := range clusters {
		decisions = append(decisions, map[string]any{"clusterName": c, "reason": ""})
	}
	policy := func(name, remediation, severity string, object map[string]any) *unstructured.Unstructured {
		return &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "policy.open-cluster-management.io/v1", "kind": "Policy",
			"metadata": map[string]any{"name": name, "namespace": ns, "annotations": map[string]any{
				"policy.open-cluster-management.io/standards":  "NIST SP 800-53",
				"policy.open-cluster-management.io/categories": "CM Configuration Management",
				"policy.open-cluster-management.io/controls":   "CM-2 Baseline Configuration"}},
			"spec": map[string]any{"disabled": false, "remediationAction": remediation, "policy-templates": []any{
				map[string]any{"objectDefinition": map[string]any{
					"apiVersion": "policy.open-cluster-management.io/v1", "kind": "ConfigurationPolicy",
					"metadata": map[string]any{"name": name + "-config"},
					"spec": map[string]any{"remediationAction": remediation, "severity": severity,
						"object-templates": []any{map[string]any{"complianceType": "musthave", "objectDefinition": object}}}}}}},
		}}
	}
	binding := func(name string) *unstructured.Unstructured {
		return &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "policy.open-cluster-management.io/v1", "kind": "PlacementBinding",
			"metadata":     map[string]any{"name": name + "-binding", "namespace": ns},
			"placementRef": map[string]any{"apiGroup": "cluster.open-cluster-management.io", "kind": "Placement", "name": placement},
			"subjects":     []any{map[string]any{"apiGroup": "policy.open-cluster-management.io", "kind": "Policy", "name": name}},
		}}
	}
	return []*unstructured.Unstructured{
		policy(gitops, "enforce", "medium", map[string]any{"apiVersion": "operators.coreos.com/v1alpha1", "kind": "Subscription",
			"metadata": map[string]any{"name": "openshift-gitops-operator", "namespace": "openshift-operators"},
			"spec": map[string]any{"name": "openshift-gitops-operator", "channel": "gitops-1.16", "source": "redhat-operators",
				"sourceNamespace": "openshift-marketplace"}}),
		policy(check, "inform", "low", map[string]any{"apiVersion": "config.openshift.io/v1", "kind": "APIServer",
			"metadata": map[string]any{"name": "cluster"}, "spec": map[string]any{"encryption": map[string]any{"type": "aescbc"}}}),
		{Object: map[string]any{
			"apiVersion": "cluster.open-cluster-management.io/v1beta1", "kind": "Placement",
			"metadata": map[string]any{"name": placement, "namespace": ns},
			"spec":     map[string]any{"clusterSets": []any{"default"}},
			"status": map[string]any{"numberOfSelectedClusters": int64(len(clusters)), "conditions": []any{map[string]any{
				"type": "PlacementSatisfied", "status": "True", "reason": "AllDecisionsScheduled",
				"message": "All cluster decisions scheduled", "lastTransitionTime": "2026-08-20T10:00:00Z"}}},
		}},
		{Object: map[string]any{
			"apiVersion": "cluster.open-cluster-management.io/v1beta1", "kind": "PlacementDecision",
			"metadata": map[string]any{"name": placement + "-decision-1", "namespace": ns, "labels": map[string]any{
				"cluster.open-cluster-management.io/placement":            placement,
				"cluster.open-cluster-management.io/decision-group-index": "0"}},
			"status": map[string]any{"decisions": decisions},
		}},
		binding(gitops), binding(check),
	}
}

// replicatedStandIn is the copy the propagator writes into a cluster namespace
// (buildReplicatedPolicy in governance-policy-propagator v0.19.0: the root's metadata and spec,
// named "<root-namespace>.<root-name>", three labels); used only when the real propagator has
// not been built.
func replicatedStandIn(root *unstructured.Unstructured, cluster string) *unstructured.Unstructured {
	name := root.GetNamespace() + "." + root.GetName()
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": root.GetAPIVersion(), "kind": root.GetKind(),
		"metadata": map[string]any{"name": name, "namespace": cluster, "annotations": toAny(root.GetAnnotations()),
			"labels": map[string]any{"policy.open-cluster-management.io/cluster-name": cluster,
				"policy.open-cluster-management.io/cluster-namespace": cluster,
				"policy.open-cluster-management.io/root-policy":       name}},
		"spec": root.Object["spec"],
	}}
	return u.DeepCopy()
}

func toAny(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// writeRootStatusStandIn writes a root policy's status as the propagator's root-policy-status
// controller does (status.status[] per cluster, status.compliant NonCompliant when any is,
// status.placement[]); used only when the real propagator has not been built.
func writeRootStatusStandIn(t *testing.T, s *Suite, ns, name string, clusters []string, noncompliant string) {
	t.Helper()
	u := s.Hub.Get(t, policiesGVR, ns, name)
	var per []any
	for _, c := range clusters {
		state := "Compliant"
		if c == noncompliant {
			state = "NonCompliant"
		}
		per = append(per, map[string]any{"clustername": c, "clusternamespace": c, "compliant": state})
	}
	u.Object["status"] = map[string]any{"compliant": "NonCompliant", "status": per,
		"placement": []any{map[string]any{"placementBinding": name + "-binding", "placement": "bootstrap-placement"}}}
	if _, err := s.Hub.Dyn.Resource(policiesGVR).Namespace(ns).UpdateStatus(context.Background(), u, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
}
