package demo

import (
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	clusterv1 "open-cluster-management.io/api/cluster/v1"
)

// Strings the OCM hub and the ACM addon framework write, as in the examples
// managedcluster-available-true.yaml and managedcluster-available-unknown.yaml.
const (
	msgAccepted        = "Accepted by hub cluster admin"
	msgJoined          = "Managed cluster joined"
	msgAvailable       = "Managed cluster is available"
	msgLeaseStopped    = "Registration agent stopped updating its lease."
	reasonAvailable    = "ManagedClusterAvailable"
	reasonLeaseStopped = "ManagedClusterLeaseUpdateStopped"
)

// addonFeatureLabels are the hub's per-addon labels; the hub turns them "unreachable" when the
// cluster's lease stops.
var addonFeatureLabels = []string{
	"feature.open-cluster-management.io/addon-application-manager",
	"feature.open-cluster-management.io/addon-cert-policy-controller",
	"feature.open-cluster-management.io/addon-cluster-proxy",
	"feature.open-cluster-management.io/addon-config-policy-controller",
	"feature.open-cluster-management.io/addon-governance-policy-framework",
	"feature.open-cluster-management.io/addon-search-collector",
	"feature.open-cluster-management.io/addon-work-manager",
}

// managedCluster builds the hub's record of the cluster being built.
func (b *clusterBuilder) managedCluster() *clusterv1.ManagedCluster {
	p, r, now := b.p, b.r, b.now
	clusterID := uuid(r)
	joined := ago(r, now, 30*24*time.Hour, 200*24*time.Hour)
	major, minor, _ := strings.Cut(p.openshift, ".")
	minor, _, _ = strings.Cut(minor, ".")

	labels := map[string]string{
		"cloud":  p.cloud,
		"vendor": "OpenShift",
		"name":   p.name,
		"region": p.region,
		"cluster.open-cluster-management.io/clusterset": p.clusterSet,
		"clusterID":                    clusterID,
		"clusterGroup":                 "group-one", // the Multicloud GitOps cluster group
		"openshiftVersion":             p.openshift,
		"openshiftVersion-major":       major,
		"openshiftVersion-major-minor": major + "." + minor,
	}
	for _, l := range addonFeatureLabels {
		labels[l] = "available"
	}

	cores := int64(24 + 8*r.IntN(12))
	memGi := cores * 4
	infraName := p.name + "-" + lowerAlnum(r, 5)
	mc := &clusterv1.ManagedCluster{
		TypeMeta: metav1.TypeMeta{APIVersion: "cluster.open-cluster-management.io/v1", Kind: "ManagedCluster"},
		ObjectMeta: metav1.ObjectMeta{
			Name:              p.name,
			UID:               types.UID(uuid(r)),
			ResourceVersion:   strconv.Itoa(1_000_000 + r.IntN(9_000_000)),
			CreationTimestamp: metav1.NewTime(joined.Add(-2 * time.Minute)),
			Labels:            labels,
			Annotations:       map[string]string{"open-cluster-management/created-via": "other"},
		},
		Spec: clusterv1.ManagedClusterSpec{
			HubAcceptsClient:            true,
			LeaseDurationSeconds:        60,
			ManagedClusterClientConfigs: []clusterv1.ClientConfig{{URL: APIServer(p.name)}},
		},
		Status: clusterv1.ManagedClusterStatus{
			Capacity: clusterv1.ResourceList{
				"cpu":    *resource.NewQuantity(cores, resource.DecimalSI),
				"memory": resource.MustParse(strconv.FormatInt(memGi, 10) + "Gi"),
				"pods":   *resource.NewQuantity(250*cores/8, resource.DecimalSI),
			},
			Allocatable: clusterv1.ResourceList{
				"cpu":    *resource.NewMilliQuantity(cores*1000-cores*40, resource.DecimalSI),
				"memory": resource.MustParse(strconv.FormatInt(memGi-cores/4-2, 10) + "Gi"),
				"pods":   *resource.NewQuantity(250*cores/8, resource.DecimalSI),
			},
			Version: clusterv1.ManagedClusterVersion{Kubernetes: p.kube},
			ClusterClaims: []clusterv1.ManagedClusterClaim{
				{Name: "id.k8s.io", Value: p.name},
				{Name: "kubeversion.open-cluster-management.io", Value: p.kube},
				{Name: "platform.open-cluster-management.io", Value: p.platform},
				{Name: "product.open-cluster-management.io", Value: "OpenShift"},
				{Name: "region.open-cluster-management.io", Value: p.region},
				{Name: "consoleurl.cluster.open-cluster-management.io", Value: "https://console-openshift-console.apps." + domain(p.name)},
				{Name: "controlplanetopology.openshift.io", Value: "HighlyAvailable"},
				{Name: "id.openshift.io", Value: clusterID},
				{Name: "infrastructure.openshift.io", Value: `{"infraName":"` + infraName + `"}`},
				{Name: "oauthredirecturis.openshift.io", Value: "https://oauth-openshift.apps." + domain(p.name) + "/oauth/token/implicit"},
				{Name: "version.openshift.io", Value: p.openshift},
			},
			Conditions: []metav1.Condition{
				mcCondition(clusterv1.ManagedClusterConditionHubAccepted, "True", "HubClusterAdminAccepted", msgAccepted, joined),
				mcCondition(clusterv1.ManagedClusterConditionAvailable, "True", reasonAvailable, msgAvailable,
					ago(r, now, 2*24*time.Hour, 20*24*time.Hour)),
				mcCondition(clusterv1.ManagedClusterConditionJoined, "True", "ManagedClusterJoined", msgJoined, joined.Add(90*time.Second)),
			},
		},
	}
	if p.scenarios&leaseStopped != 0 {
		setLeaseStopped(mc, ago(r, now, 40*time.Minute, 3*time.Hour))
		b.trouble = append(b.trouble, Trouble{Scenario: ScenarioLeaseStopped, Cluster: HubName,
			Kind: "ManagedCluster", Name: p.name, Sticky: true})
	}
	return mc
}

// mcCondition is a ManagedCluster condition.
func mcCondition(condType, status, reason, message string, at time.Time) metav1.Condition {
	return metav1.Condition{Type: condType, Status: metav1.ConditionStatus(status), Reason: reason,
		Message: message, LastTransitionTime: metav1.NewTime(at)}
}

// setLeaseStopped puts a ManagedCluster in the state the hub leaves it in when the cluster's
// registration agent stops renewing its lease: Available Unknown, the unreachable taint, and
// the addon feature labels "unreachable".
func setLeaseStopped(mc *clusterv1.ManagedCluster, since time.Time) {
	setAvailable(mc, "Unknown", reasonLeaseStopped, msgLeaseStopped, since)
	mc.Spec.Taints = []clusterv1.Taint{{
		Key: clusterv1.ManagedClusterTaintUnreachable, Effect: clusterv1.TaintEffectNoSelect,
		TimeAdded: metav1.NewTime(since),
	}}
	for _, l := range addonFeatureLabels {
		mc.Labels[l] = "unreachable"
	}
}

// setLeaseRenewed undoes setLeaseStopped: the agent is back and the cluster is Available again.
func setLeaseRenewed(mc *clusterv1.ManagedCluster, at time.Time) {
	setAvailable(mc, "True", reasonAvailable, msgAvailable, at)
	mc.Spec.Taints = nil
	for _, l := range addonFeatureLabels {
		mc.Labels[l] = "available"
	}
}

func setAvailable(mc *clusterv1.ManagedCluster, status, reason, message string, at time.Time) {
	for i := range mc.Status.Conditions {
		c := &mc.Status.Conditions[i]
		if c.Type == clusterv1.ManagedClusterConditionAvailable {
			*c = mcCondition(c.Type, status, reason, message, at)
			return
		}
	}
	mc.Status.Conditions = append(mc.Status.Conditions,
		mcCondition(clusterv1.ManagedClusterConditionAvailable, status, reason, message, at))
}
