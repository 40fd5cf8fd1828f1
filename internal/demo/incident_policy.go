package demo

import (
	"context"
	"errors"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// The policy-drift incident: OpenShift GitOps drifts away from the hub's bootstrap policy on
// one spoke, and the policy reports it instead of putting it back.
//
// What happens, as the products show it:
//   - On the hub, openshift-gitops-policy is switched from enforce to inform (as an admin does
//     to stop a policy changing clusters during a change window); the propagator copies the
//     spec into every replicated policy.
//   - On the spoke, OpenShift GitOps is uninstalled by hand: its Subscription and CSV, then
//     Argo CD's CRDs. Deleting a CRD deletes its objects (the watches see them go), then the
//     API server stops serving it: the sources' watches end, their next request gets NotFound,
//     and the spoke's Argo CD becomes NotInstalled (see withdraw.go).
//   - The spoke's config policy controller, in inform mode, reports the Subscription missing
//     ("NonCompliant; violation - subscriptions [openshift-gitops-operator] not found in namespace
//     openshift-operators"); the status-sync controller writes it into the replicated policy's
//     status.compliant and status.details[].history[], and the propagator into the root's
//     status.status[] and status.compliant. The cluster group's policy, which depends on it,
//     turns Pending there.
//
// Under enforce the controller would have created the Subscription again at once, without a
// violation: that is why the incident switches the policy to inform rather than showing an
// enforce policy that reports a missing Subscription. Healing switches it back to enforce: the
// controller creates the Subscription, OLM installs the operator, Argo CD's CRDs are served
// again and the cluster group's Application brings the apps back. The demo's Argo CD actions
// (sync, refresh) cannot help while Argo CD is not installed, so only `:heal` ends it.
const (
	gitopsPolicyName       = "openshift-gitops-policy"
	clusterGroupPolicyName = "multicloud-gitops-group-one-clustergroup-policy"

	msgSubscriptionNotFound = "NonCompliant; violation - subscriptions [openshift-gitops-operator] not found in namespace openshift-operators"
	msgSubscriptionCreated  = "Compliant; notification - subscriptions [openshift-gitops-operator] was created successfully in namespace openshift-operators"
	msgDependencyPending    = "Pending; Dependencies were not satisfied: 1 is still pending (Policy open-cluster-management.openshift-gitops-policy)"
	msgClusterGroupApplied  = "Compliant; notification - applications [multicloud-gitops-group-one] found as specified in namespace openshift-gitops"

	// maxPolicyHistory is how many history entries the status-sync controller keeps per template.
	maxPolicyHistory = 10
)

var policiesGVR = gvr("policy.open-cluster-management.io", "v1", "policies")

func (s *Simulator) injectPolicyDrift(ctx context.Context) (*incident, []Change, error) {
	clusters := s.pickClusters(1, func(c string) bool {
		return s.policyCompliance(ctx, c, gitopsPolicyName) == "Compliant" && s.servesArgoCD(c)
	})
	if len(clusters) == 0 {
		return nil, nil, errors.New("policy-drift: no cluster with Argo CD where openshift-gitops-policy is Compliant")
	}
	c := clusters[0]
	changes, err := s.setRemediation(ctx, gitopsPolicyName, "inform")
	errs := []error{err}
	removed, ch, err := s.uninstallArgoCD(ctx, c)
	changes, errs = append(changes, ch...), append(errs, err)
	ch, err = s.reportCompliance(ctx, c, gitopsPolicyName, "NonCompliant", msgSubscriptionNotFound)
	changes, errs = append(changes, ch...), append(errs, err)
	ch, err = s.reportCompliance(ctx, c, clusterGroupPolicyName, "Pending", msgDependencyPending)
	changes, errs = append(changes, ch...), append(errs, err)

	in := &incident{clusters: clusters}
	in.heal = func(ctx context.Context) ([]Change, error) {
		changes, err := s.setRemediation(ctx, gitopsPolicyName, "enforce")
		errs := []error{err}
		ch, err := s.reportCompliance(ctx, c, gitopsPolicyName, "Compliant", msgSubscriptionCreated)
		changes, errs = append(changes, ch...), append(errs, err)
		ch, err = s.reinstallArgoCD(ctx, c, removed)
		changes, errs = append(changes, ch...), append(errs, err)
		ch, err = s.reportCompliance(ctx, c, clusterGroupPolicyName, "Compliant", msgClusterGroupApplied)
		return append(changes, ch...), errors.Join(append(errs, err)...)
	}
	return in, changes, errors.Join(errs...)
}

// servesArgoCD reports whether a cluster serves Argo CD's Applications now.
func (s *Simulator) servesArgoCD(cluster string) bool {
	d, ok := s.conns[cluster].Dynamic.(*servedOnly)
	return ok && d.served[appsGVR] && !d.withdrawn.isGone(appsGVR)
}

// uninstallArgoCD deletes Argo CD's objects on a cluster, then its CRDs; it returns what it
// deleted, for the reinstall. The simulator leaves the deleted apps alone meanwhile.
func (s *Simulator) uninstallArgoCD(ctx context.Context, cluster string) ([]*unstructured.Unstructured, []Change, error) {
	d, ok := s.conns[cluster].Dynamic.(*servedOnly)
	if !ok {
		return nil, nil, errors.New("policy-drift: " + cluster + " is not a demo cluster")
	}
	var removed []*unstructured.Unstructured
	var changes []Change
	var errs []error
	var resources []schema.GroupVersionResource
	for _, r := range argoResources {
		resources = append(resources, r.gvr)
		client := d.Resource(r.gvr)
		list, err := client.List(ctx, metav1.ListOptions{})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for i := range list.Items {
			u := &list.Items[i]
			ref := objRef{cluster: cluster, gvr: r.gvr, namespace: u.GetNamespace(), name: u.GetName()}
			if err := client.Namespace(ref.namespace).Delete(ctx, ref.name, metav1.DeleteOptions{}); err != nil {
				errs = append(errs, err)
				continue
			}
			s.hold(ref, true)
			removed = append(removed, u.DeepCopy())
			changes = append(changes, ref.change(r.kind, "deleted with its CRD"))
		}
	}
	d.withdrawn.set(resources, true)
	changes = append(changes, Change{Cluster: cluster, Kind: "CustomResourceDefinition", Name: "applications.argoproj.io", What: "deleted"})
	return removed, changes, errors.Join(errs...)
}

// reinstallArgoCD serves Argo CD's CRDs again and recreates the objects uninstallArgoCD
// deleted, as new objects (new uid, created now); their status is what Argo CD reports once it
// has reconciled them.
func (s *Simulator) reinstallArgoCD(ctx context.Context, cluster string, removed []*unstructured.Unstructured) ([]Change, error) {
	d, ok := s.conns[cluster].Dynamic.(*servedOnly)
	if !ok {
		return nil, nil
	}
	var resources []schema.GroupVersionResource
	kinds := map[string]schema.GroupVersionResource{}
	for _, r := range argoResources {
		resources = append(resources, r.gvr)
		kinds[r.kind] = r.gvr
	}
	d.withdrawn.set(resources, false)
	changes := []Change{{Cluster: cluster, Kind: "CustomResourceDefinition", Name: "applications.argoproj.io", What: "served again"}}
	var errs []error
	now := s.clock()
	for _, u := range removed {
		res := kinds[u.GetKind()]
		ref := objRef{cluster: cluster, gvr: res, namespace: u.GetNamespace(), name: u.GetName()}
		u.SetResourceVersion("")
		u.SetUID(types.UID(uuid(s.r)))
		u.SetCreationTimestamp(metav1.NewTime(now))
		if _, err := d.Resource(res).Namespace(ref.namespace).Create(ctx, u, metav1.CreateOptions{}); err != nil {
			errs = append(errs, err)
			continue
		}
		s.hold(ref, false)
		changes = append(changes, ref.change(u.GetKind(), "recreated"))
	}
	return changes, errors.Join(errs...)
}

// setRemediation sets a root policy's remediationAction and its templates', and the
// propagator's copy of that spec in every replicated policy.
func (s *Simulator) setRemediation(ctx context.Context, policy, action string) ([]Change, error) {
	hub := s.conns[s.hub]
	list, err := hub.Dynamic.Resource(policiesGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	replicated := policyNamespace + "." + policy
	var changes []Change
	var errs []error
	for _, u := range list.Items {
		root := u.GetNamespace() == policyNamespace && u.GetName() == policy
		if !root && u.GetLabels()["policy.open-cluster-management.io/root-policy"] != replicated {
			continue
		}
		ref := objRef{cluster: s.hub, gvr: policiesGVR, namespace: u.GetNamespace(), name: u.GetName()}
		wrote, err := s.modify(ctx, ref, false, func(u *unstructured.Unstructured) bool {
			spec := child(u.Object, "spec")
			spec["remediationAction"] = action
			templates, _ := spec["policy-templates"].([]any)
			for _, t := range templates {
				if tm := asMap(t); tm != nil {
					child(child(tm, "objectDefinition"), "spec")["remediationAction"] = action
				}
			}
			return true
		})
		errs = append(errs, err)
		if wrote {
			changes = append(changes, ref.change("Policy", "remediationAction "+action))
		}
	}
	return changes, errors.Join(errs...)
}

// reportCompliance writes what the cluster's controllers report for a policy: the replicated
// copy's compliance and a new history entry (newest first, ten kept), then the propagator's
// summary in the root.
func (s *Simulator) reportCompliance(ctx context.Context, cluster, policy, state, message string) ([]Change, error) {
	now := s.clock()
	name := policyNamespace + "." + policy
	copyRef := objRef{cluster: s.hub, gvr: policiesGVR, namespace: cluster, name: name}
	wrote, err := s.modify(ctx, copyRef, true, func(u *unstructured.Unstructured) bool {
		st := appStatus(u)
		st["compliant"] = state
		details, _ := st["details"].([]any)
		if len(details) == 0 {
			return false
		}
		d := asMap(details[0])
		if d == nil {
			return false
		}
		d["compliant"] = state
		history, _ := d["history"].([]any)
		entry := m{"eventName": name + "." + hexString(s.r, 16), "lastTimestamp": stamp(now), "message": message}
		history = append([]any{entry}, history...)
		d["history"] = history[:min(len(history), maxPolicyHistory)]
		return true
	})
	if !wrote {
		return nil, err
	}
	changes := []Change{copyRef.change("Policy", state)}
	rootRef := objRef{cluster: s.hub, gvr: policiesGVR, namespace: policyNamespace, name: policy}
	wroteRoot, rerr := s.modify(ctx, rootRef, true, func(u *unstructured.Unstructured) bool {
		st := appStatus(u)
		perCluster, _ := st["status"].([]any)
		overall := "Compliant"
		for _, e := range perCluster {
			em := asMap(e)
			if em == nil {
				continue
			}
			if em["clustername"] == cluster {
				em["compliant"] = state
			}
			c, _ := em["compliant"].(string)
			overall = worseCompliance(overall, c)
		}
		st["compliant"] = overall
		return true
	})
	if wroteRoot {
		changes = append(changes, rootRef.change("Policy", "status of "+cluster+" "+state))
	}
	return changes, errors.Join(err, rerr)
}

// policyCompliance is a cluster's compliance with a demo policy ("" when it has no copy).
func (s *Simulator) policyCompliance(ctx context.Context, cluster, policy string) string {
	u, err := s.get(ctx, objRef{cluster: s.hub, gvr: policiesGVR, namespace: cluster, name: policyNamespace + "." + policy})
	if err != nil {
		return ""
	}
	state, _, _ := unstructured.NestedString(u.Object, "status", "compliant")
	return state
}

func asMap(v any) m {
	out, _ := v.(m)
	return out
}
