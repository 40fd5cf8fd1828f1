package acm

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func meta(name string, labels map[string]string) model.Meta {
	return model.Meta{
		Ref: model.Ref{Cluster: name, APIVersion: "cluster.open-cluster-management.io/v1",
			Resource: "managedclusters", Kind: "ManagedCluster", Name: name},
		Labels: labels,
	}
}

func TestDecodeManagedCluster(t *testing.T) {
	accepted1 := model.Condition{Type: "HubAcceptedManagedCluster", Status: "True", Reason: "HubClusterAdminAccepted",
		Message: "Accepted by hub cluster admin", LastTransition: ts("2021-08-27T13:57:23Z")}
	available1 := model.Condition{Type: "ManagedClusterConditionAvailable", Status: "True", Reason: "ManagedClusterAvailable",
		Message: "Managed cluster is available", LastTransition: ts("2022-10-20T13:45:52Z")}
	joined1 := model.Condition{Type: "ManagedClusterJoined", Status: "True", Reason: "ManagedClusterJoined",
		Message: "Managed cluster joined", LastTransition: ts("2021-08-27T13:59:13Z")}

	accepted2 := model.Condition{Type: "HubAcceptedManagedCluster", Status: "True", Reason: "HubClusterAdminAccepted",
		Message: "Accepted by hub cluster admin", LastTransition: ts("2026-07-02T08:14:09Z")}
	joined2 := model.Condition{Type: "ManagedClusterJoined", Status: "True", Reason: "ManagedClusterJoined",
		Message: "Managed cluster joined", LastTransition: ts("2026-07-02T08:15:31Z")}
	unknown2 := model.Condition{Type: "ManagedClusterConditionAvailable", Status: "Unknown", Reason: "ManagedClusterLeaseUpdateStopped",
		Message: "Registration agent stopped updating its lease.", LastTransition: ts("2026-08-20T17:42:03Z")}

	notJoined3 := model.Condition{Type: "ManagedClusterJoined", Status: "False", Reason: "ManagedClusterNotJoined",
		Message: "Managed cluster is not joined", LastTransition: ts("2026-08-20T07:00:02Z")}
	meta3 := meta("cluster3", nil)
	meta3.UID, meta3.ResourceVersion, meta3.Created = "3c4d5e6f-7777-4a8b-9c0d-1e2f3a4b5c6d", "77001", ts("2026-08-20T07:00:00Z")

	tests := []struct {
		file string
		want model.ManagedCluster
	}{{
		file: "managedcluster-available-true.yaml",
		want: model.ManagedCluster{
			Meta: meta("cluster1", map[string]string{
				"cloud": "Other", "cluster.open-cluster-management.io/clusterset": "default",
				"clusterID": "5d448ae7-05f1-42cc-aacc-3122a8ad0184",
				"feature.open-cluster-management.io/addon-application-manager": "available",
				"feature.open-cluster-management.io/addon-search-collector":    "available",
				"feature.open-cluster-management.io/addon-work-manager":        "available",
				"name": "cluster1", "openshiftVersion": "4.9.21", "vendor": "OpenShift",
			}),
			HubAcceptsClient: true,
			Available:        available1, Joined: joined1, Accepted: accepted1,
			Conditions:  []model.Condition{accepted1, available1, joined1},
			KubeVersion: "v1.22.3+fdba464",
			Claims: map[string]string{
				"id.k8s.io": "cluster1", "kubeversion.open-cluster-management.io": "v1.22.3+fdba464",
				"platform.open-cluster-management.io": "BareMetal", "product.open-cluster-management.io": "OpenShift",
				"consoleurl.cluster.open-cluster-management.io": "https://console-openshift-console.apps.cluster1.bar.baz",
				"controlplanetopology.openshift.io":             "HighlyAvailable",
				"id.openshift.io":                               "5d448ae7-05f1-42cc-aacc-3122a8ad0184",
				"infrastructure.openshift.io":                   `{"infraName":"cluster1-dq8j2"}`,
				"oauthredirecturis.openshift.io":                "https://oauth-openshift.apps.cluster1.bar.baz/oauth/token/implicit",
				"version.openshift.io":                          "4.9.21",
			},
			OpenShiftVersion: "4.9.21", Platform: "BareMetal", Product: "OpenShift",
			Cloud: "Other", Vendor: "OpenShift", ClusterSet: "default",
			LeaseDurationSeconds: 60,
			ClientURLs:           []string{"https://api.cluster1.bar.baz:6443"},
		},
	}, {
		file: "managedcluster-available-unknown.yaml",
		want: model.ManagedCluster{
			Meta: meta("cluster2", map[string]string{
				"cloud": "Amazon", "cluster.open-cluster-management.io/clusterset": "default",
				"clusterID": "2b1f6a8e-8d0c-4c55-9f1e-6a3f4c2d9b71",
				"feature.open-cluster-management.io/addon-application-manager": "unreachable",
				"feature.open-cluster-management.io/addon-search-collector":    "unreachable",
				"feature.open-cluster-management.io/addon-work-manager":        "unreachable",
				"name": "cluster2", "region": "us-east-1", "vendor": "EKS",
			}),
			HubAcceptsClient: true,
			Available:        unknown2, Joined: joined2, Accepted: accepted2,
			Conditions:  []model.Condition{accepted2, joined2, unknown2},
			KubeVersion: "v1.30.4-eks-a737599",
			Claims: map[string]string{
				"id.k8s.io": "2b1f6a8e-8d0c-4c55-9f1e-6a3f4c2d9b71", "kubeversion.open-cluster-management.io": "v1.30.4-eks-a737599",
				"platform.open-cluster-management.io": "AWS", "product.open-cluster-management.io": "EKS",
				"region.open-cluster-management.io": "us-east-1", "schedulable.open-cluster-management.io": "true",
			},
			Platform: "AWS", Region: "us-east-1", Product: "EKS",
			Cloud: "Amazon", Vendor: "EKS", ClusterSet: "default",
			LeaseDurationSeconds: 60,
			ClientURLs:           []string{"https://9F3C2B7A1D0E4F5A6B7C8D9E0F1A2B3C.gr7.us-east-1.eks.amazonaws.com"},
		},
	}, {
		file: "managedcluster-pending-taints.yaml",
		want: model.ManagedCluster{
			Meta:       meta3,
			Available:  model.Condition{Type: "ManagedClusterConditionAvailable"},
			Joined:     notJoined3,
			Accepted:   model.Condition{Type: "HubAcceptedManagedCluster"},
			Conditions: []model.Condition{notJoined3},
			Taints: []model.Taint{
				{Key: "cluster.open-cluster-management.io/unavailable", Effect: "NoSelect"},
				{Key: "cluster.open-cluster-management.io/unreachable", Effect: "NoSelect"},
			},
		},
	}, {
		file: "managedcluster-hostile-capacity.yaml",
		want: model.ManagedCluster{
			Meta:             meta("cluster-hostile", nil),
			HubAcceptsClient: true,
			Available:        model.Condition{Type: "ManagedClusterConditionAvailable"},
			Joined:           model.Condition{Type: "ManagedClusterJoined"},
			Accepted:         model.Condition{Type: "HubAcceptedManagedCluster"},
			KubeVersion:      "v1.31.0",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			u := decodetest.LoadOne(t, filepath.Join("testdata", tt.file))
			before := dump(u.Object)
			got, err := DecodeManagedCluster(u)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatch:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
			if after := dump(u.Object); after != before {
				t.Error("DecodeManagedCluster modified its input")
			}
		})
	}
}

func TestDecodeManagedClusterErrors(t *testing.T) {
	u := decodetest.LoadOne(t, filepath.Join("testdata", "managedcluster-bad-types.yaml"))
	got, err := DecodeManagedCluster(u)
	if err == nil || !strings.Contains(err.Error(), "cluster-bad") {
		t.Errorf("want an error naming the cluster, got %v", err)
	}
	if !reflect.DeepEqual(got, model.ManagedCluster{}) {
		t.Errorf("want the zero value on error, got %s", dump(got))
	}
	if _, err := DecodeManagedCluster(nil); err == nil {
		t.Error("DecodeManagedCluster(nil): want an error")
	}
	if mc := FromManagedCluster(nil); !reflect.DeepEqual(mc, model.ManagedCluster{}) {
		t.Errorf("FromManagedCluster(nil) = %s", dump(mc))
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
