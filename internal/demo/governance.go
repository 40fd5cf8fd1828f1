package demo

import (
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	kruntime "k8s.io/apimachinery/pkg/runtime"
)

// The hub's ACM governance, as the Multicloud GitOps pattern's clustergroup chart sets it up:
// root policies in policyNamespace, each bound by a PlacementBinding to a Placement whose
// PlacementDecision lists the named managed clusters, the propagator's replicated copy of each
// in every cluster namespace (with the compliance the spokes' status-sync controllers report),
// and a PolicySet grouping the bootstrap policies. Generated clusters (scale fleets) carry none,
// so the reference fleet's figures stay comparable.

// policyNamespace is where the pattern keeps its policies on the hub.
const policyNamespace = "open-cluster-management"

// Governance trouble scenarios.
const (
	ScenarioPolicyNonCompliant = "policy-noncompliant" // replicated Policy NonCompliant, history explains
	ScenarioPolicyPending      = "policy-pending"      // replicated Policy Pending on a dependency
)

// demoPolicy is one root policy of the demo and how each cluster complies with it.
type demoPolicy struct {
	name, remediation, severity string
	standards, categories       string
	controls                    string
	disabled                    bool
	dependsOn                   string // another demo policy's name
	template                    string // the ConfigurationPolicy's name
	objects                     []any  // its object-templates
	// failing maps a cluster to its compliance and the newest history message; clusters not
	// listed are Compliant with compliantMessage.
	failing          map[string][2]string
	compliantMessage string
}

var demoPolicies = []demoPolicy{{
	name: "openshift-gitops-policy", remediation: "enforce", severity: "medium",
	standards: "NIST SP 800-53", categories: "CM Configuration Management", controls: "CM-2 Baseline Configuration",
	template: "openshift-gitops-config",
	objects: []any{m{"complianceType": "mustonlyhave", "objectDefinition": m{
		"apiVersion": "operators.coreos.com/v1alpha1", "kind": "Subscription",
		"metadata": m{"name": "openshift-gitops-operator", "namespace": "openshift-operators"},
		"spec": m{"channel": "gitops-1.16", "installPlanApproval": "Automatic", "name": "openshift-gitops-operator",
			"source": "redhat-operators", "sourceNamespace": "openshift-marketplace"}}}},
	// An enforced policy reports a violation only when enforcing fails: the controller then
	// writes the update's error (config-policy-controller's "Error updating the object" form).
	failing: map[string][2]string{"cluster-azure-eu": {"NonCompliant",
		"NonCompliant; violation - Error updating the object `openshift-gitops-operator`, the error is `admission webhook \"validate.kyverno.svc\" denied the request: channel gitops-1.16 is not allowed in openshift-operators`"}},
	compliantMessage: "Compliant; notification - subscriptions [openshift-gitops-operator] was updated successfully in namespace openshift-operators",
}, {
	name: "multicloud-gitops-group-one-clustergroup-policy", remediation: "enforce", severity: "high",
	standards: "NIST SP 800-53", categories: "CM Configuration Management", controls: "CM-2 Baseline Configuration",
	dependsOn: "openshift-gitops-policy", template: "multicloud-gitops-group-one-clustergroup-config",
	objects: []any{m{"complianceType": "mustonlyhave", "objectDefinition": m{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
		"metadata": m{"name": "multicloud-gitops-group-one", "namespace": "openshift-gitops"},
		"spec": m{"project": "default", "destination": m{"name": "in-cluster", "namespace": "multicloud-gitops-group-one"},
			"source": m{"repoURL": "https://github.com/validatedpatterns/multicloud-gitops", "path": "common/clustergroup",
				"targetRevision": "main"}}}}},
	failing: map[string][2]string{"cluster-azure-eu": {"Pending",
		"Pending; Dependencies were not satisfied: 1 is still pending (Policy open-cluster-management.openshift-gitops-policy)"}},
	compliantMessage: "Compliant; notification - applications [multicloud-gitops-group-one] found as specified in namespace openshift-gitops",
}, {
	name: "hub-vault-ca-policy", remediation: "enforce", severity: "high",
	standards: "NIST SP 800-53", categories: "SC System and Communications Protection", controls: "SC-12 Cryptographic Key Establishment",
	template: "hub-vault-ca-config",
	objects: []any{m{"complianceType": "mustonlyhave", "objectDefinition": m{
		"apiVersion": "v1", "kind": "ConfigMap",
		"metadata": m{"name": "hub-ca", "namespace": "golang-external-secrets"}}}},
	failing: map[string][2]string{"cluster-gcp-eu": {"NonCompliant",
		"NonCompliant; violation - configmaps [hub-ca] not found in namespace golang-external-secrets"}},
	compliantMessage: "Compliant; notification - configmaps [hub-ca] found as specified in namespace golang-external-secrets",
}, {
	name: "etcd-encryption-policy", remediation: "inform", severity: "low",
	standards: "NIST SP 800-53", categories: "SC System and Communications Protection", controls: "SC-28 Protection Of Information At Rest",
	template: "enable-etcd-encryption",
	objects: []any{m{"complianceType": "musthave", "objectDefinition": m{
		"apiVersion": "config.openshift.io/v1", "kind": "APIServer",
		"metadata": m{"name": "cluster"}, "spec": m{"encryption": m{"type": "aescbc"}}}}},
	failing: map[string][2]string{
		"cluster-openstack-1": {"NonCompliant", "NonCompliant; violation - apiservers [cluster] found but not as specified"},
		"cluster-onprem-1":    {"NonCompliant", "NonCompliant; violation - apiservers [cluster] found but not as specified"},
	},
	compliantMessage: "Compliant; notification - apiservers [cluster] found as specified",
}, {
	name: "audit-log-forwarding-policy", remediation: "inform", severity: "medium", disabled: true,
	standards: "NIST SP 800-53", categories: "AU Audit and Accountability", controls: "AU-9 Protection of Audit Information",
	template: "audit-log-forwarding",
	objects: []any{m{"complianceType": "musthave", "objectDefinition": m{
		"apiVersion": "logging.openshift.io/v1", "kind": "ClusterLogForwarder",
		"metadata": m{"name": "instance", "namespace": "openshift-logging"}}}},
}}

// governance adds the hub's policies, their placements and their replicated copies.
func (b *clusterBuilder) governance() {
	var clusters []string
	for i, p := range b.fleet {
		if i > 0 && i < len(defaultProfiles) {
			clusters = append(clusters, p.name)
		}
	}
	var bootstrap []string
	for _, dp := range demoPolicies {
		b.rootPolicy(dp, clusters)
		if dp.dependsOn != "" || dp.name == "openshift-gitops-policy" {
			bootstrap = append(bootstrap, dp.name)
		}
	}
	set := newObject("policy.open-cluster-management.io/v1beta1", "PolicySet", policyNamespace, "multicloud-gitops-bootstrap", b.r, b.created())
	set.Object["spec"] = m{"description": "Bootstraps OpenShift GitOps and the cluster group's Argo CD application.",
		"policies": strs(bootstrap...)}
	set.Object["status"] = m{"compliant": "NonCompliant", "placement": []any{m{"placementBinding": "multicloud-gitops-bootstrap-binding",
		"placement": "multicloud-gitops-bootstrap-placement"}}}
	b.add(set)
}

// rootPolicy adds one root policy with its Placement, PlacementDecision, PlacementBinding and,
// unless it is disabled, its replicated copies and the status the propagator sums up from them.
func (b *clusterBuilder) rootPolicy(dp demoPolicy, clusters []string) {
	placement, binding := dp.name+"-placement", dp.name+"-placement-binding"
	root := b.policyObject(dp, policyNamespace, dp.name)
	setAnnotations(root, "policy.open-cluster-management.io/standards", dp.standards,
		"policy.open-cluster-management.io/categories", dp.categories,
		"policy.open-cluster-management.io/controls", dp.controls)
	b.add(root)

	pl := newObject("cluster.open-cluster-management.io/v1beta1", "Placement", policyNamespace, placement, b.r, b.created())
	pl.Object["spec"] = m{"clusterSets": strs("default"), "predicates": []any{m{"requiredClusterSelector": m{
		"labelSelector": m{"matchLabels": m{"clusterGroup": "group-one"}}}}}}
	pl.Object["status"] = m{"numberOfSelectedClusters": int64(len(clusters)), "conditions": []any{
		condition("PlacementMisconfigured", "False", "Succeedconfigured", "Placement configurations check pass", b.created()),
		condition("PlacementSatisfied", "True", "AllDecisionsScheduled", "All cluster decisions scheduled", b.created())}}
	b.add(pl)
	pd := newObject("cluster.open-cluster-management.io/v1beta1", "PlacementDecision", policyNamespace, placement+"-decision-1", b.r, b.created())
	setLabels(pd, "cluster.open-cluster-management.io/placement", placement, "cluster.open-cluster-management.io/decision-group-index", "0")
	var decisions []any
	for _, c := range clusters {
		decisions = append(decisions, m{"clusterName": c, "reason": ""})
	}
	pd.Object["status"] = m{"decisions": decisions}
	b.add(pd)
	pb := newObject("policy.open-cluster-management.io/v1", "PlacementBinding", policyNamespace, binding, b.r, b.created())
	pb.Object["placementRef"] = m{"apiGroup": "cluster.open-cluster-management.io", "kind": "Placement", "name": placement}
	pb.Object["subjects"] = []any{m{"apiGroup": "policy.open-cluster-management.io", "kind": "Policy", "name": dp.name}}
	b.add(pb)

	if dp.disabled {
		root.Object["status"] = m{} // the propagator removes a disabled policy's copies and status
		return
	}
	var perCluster []any
	overall := "Compliant"
	for _, c := range clusters {
		state, message := "Compliant", dp.compliantMessage
		if f, ok := dp.failing[c]; ok {
			state, message = f[0], f[1]
			scenario := ScenarioPolicyNonCompliant
			if state == "Pending" {
				scenario = ScenarioPolicyPending
			}
			b.trouble = append(b.trouble, Trouble{Scenario: scenario, Cluster: b.p.name, Kind: "Policy",
				Namespace: c, Name: policyNamespace + "." + dp.name, Sticky: true})
		}
		overall = worseCompliance(overall, state)
		perCluster = append(perCluster, m{"clustername": c, "clusternamespace": c, "compliant": state})
		b.replicatedPolicy(dp, c, state, message)
	}
	root.Object["status"] = m{"compliant": overall, "status": perCluster,
		"placement": []any{m{"placementBinding": binding, "placement": placement}}}
}

// worseCompliance orders NonCompliant over Pending over Compliant, as the propagator sums up.
func worseCompliance(a, b string) string {
	rank := map[string]int{"Compliant": 0, "Pending": 1, "NonCompliant": 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// policyObject is a Policy with the demo policy's spec.
func (b *clusterBuilder) policyObject(dp demoPolicy, namespace, name string) *unstructured.Unstructured {
	u := newObject("policy.open-cluster-management.io/v1", "Policy", namespace, name, b.r, b.created())
	spec := m{"disabled": dp.disabled, "remediationAction": dp.remediation, "policy-templates": []any{m{"objectDefinition": m{
		"apiVersion": "policy.open-cluster-management.io/v1", "kind": "ConfigurationPolicy",
		"metadata": m{"name": dp.template},
		"spec":     m{"remediationAction": dp.remediation, "severity": dp.severity, "object-templates": kruntime.DeepCopyJSONValue(dp.objects)}}}}}
	if dp.dependsOn != "" {
		spec["dependencies"] = []any{m{"apiVersion": "policy.open-cluster-management.io/v1", "kind": "Policy",
			"name": dp.dependsOn, "namespace": policyNamespace, "compliance": "Compliant"}}
	}
	u.Object["spec"] = spec
	return u
}

// replicatedPolicy is the propagator's copy in a cluster namespace, with the history the
// spoke's status-sync controller keeps: the newest message first, older evaluations after it.
func (b *clusterBuilder) replicatedPolicy(dp demoPolicy, cluster, state, message string) {
	u := b.policyObject(dp, cluster, policyNamespace+"."+dp.name)
	setLabels(u, "policy.open-cluster-management.io/cluster-name", cluster,
		"policy.open-cluster-management.io/cluster-namespace", cluster,
		"policy.open-cluster-management.io/root-policy", policyNamespace+"."+dp.name)
	var history []any
	at := ago(b.r, b.now, time.Minute, 10*time.Minute)
	for i := range 3 {
		msg := message
		if i > 0 && state != "Compliant" {
			msg = dp.compliantMessage // it was fine before
			if state == "Pending" {
				msg = message
			}
		}
		history = append(history, m{"eventName": policyNamespace + "." + dp.name + "." + hexString(b.r, 16),
			"lastTimestamp": stamp(at), "message": msg})
		at = at.Add(-10 * time.Minute)
	}
	u.Object["status"] = m{"compliant": state, "details": []any{m{"compliant": state,
		"templateMeta": m{"name": dp.template}, "history": history}}}
	b.add(u)
}

// governanceResources are the governance kinds the hub serves (propagator v0.19.0 CRDs, OCM
// v1.3.0 placements).
var governanceResources = []servedResource{
	{gvr("policy.open-cluster-management.io", "v1", "policies"), "Policy", true, []string{"plc"}, true},
	{gvr("policy.open-cluster-management.io", "v1beta1", "policysets"), "PolicySet", true, []string{"plcset"}, true},
	{gvr("policy.open-cluster-management.io", "v1", "placementbindings"), "PlacementBinding", true, []string{"pb"}, true},
	{gvr("cluster.open-cluster-management.io", "v1beta1", "placements"), "Placement", true, nil, true},
	{gvr("cluster.open-cluster-management.io", "v1beta1", "placementdecisions"), "PlacementDecision", true, nil, true},
}
