package demo_test

import (
	"context"
	"reflect"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/eso"
)

// secretRefs lists a cluster's ExternalSecrets at the preferred version, split by whether their
// store is the cluster's Vault store.
func secretRefs(t *testing.T, d *actionsDemo, cluster string) (vault, other []model.Ref) {
	t.Helper()
	list, err := d.conns[cluster].Dynamic.Resource(eso.GVR("v1", eso.ExternalSecrets)).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list.Items {
		ref := model.Ref{Cluster: cluster, APIVersion: eso.Group + "/v1", Resource: eso.ExternalSecrets, Kind: "ExternalSecret",
			Namespace: u.GetNamespace(), Name: u.GetName()}
		if str(&u, "spec", "secretStoreRef", "name") == "vault-backend" {
			vault = append(vault, ref)
		} else {
			other = append(other, ref)
		}
	}
	return vault, other
}

// testForceSync force-syncs every ExternalSecret of the cluster whose Vault store is invalid:
// the others refresh at both served versions, the Vault ones keep failing.
func testForceSync(t *testing.T, d *actionsDemo) {
	const cluster = "cluster-gcp-eu"
	vault, other := secretRefs(t, d, cluster)
	if len(vault) == 0 || len(other) == 0 {
		t.Fatalf("%d Vault and %d other secrets", len(vault), len(other))
	}
	statusBefore := map[string]any{}
	for _, r := range append(append([]model.Ref{}, vault...), other...) {
		statusBefore[r.Name+"@"+r.Namespace] = d.get(t, cluster, r.APIVersion, r.Resource, r.Namespace, r.Name).Object["status"]
		d.run(t, actions.ForceSync, r, actions.SyncOptions{})
	}
	for _, r := range other {
		for _, v := range []string{"v1", "v1beta1"} {
			eventually(t, r.Name+" refreshed at "+v, func() bool {
				u := d.get(t, cluster, eso.Group+"/"+v, r.Resource, r.Namespace, r.Name)
				before, _ := statusBefore[r.Name+"@"+r.Namespace].(map[string]any)
				return u.GetAnnotations()[eso.ForceSyncAnnotation] != "" && str(u, "status", "refreshTime") != before["refreshTime"]
			})
		}
	}
	for _, r := range vault {
		eventually(t, r.Name+" force-sync seen", func() bool {
			u := d.get(t, cluster, eso.Group+"/v1beta1", r.Resource, r.Namespace, r.Name)
			return u.GetAnnotations()[eso.ForceSyncAnnotation] != ""
		})
		u := d.get(t, cluster, r.APIVersion, r.Resource, r.Namespace, r.Name)
		if !reflect.DeepEqual(u.Object["status"], statusBefore[r.Name+"@"+r.Namespace]) {
			t.Errorf("%s/%s: status changed though its store is invalid", r.Namespace, r.Name)
		}
	}
}

// testForceSyncCES: a ClusterExternalSecret's force-sync refreshes what it provisioned; a
// PushSecret's pushes again.
func testForceSyncCES(t *testing.T, d *actionsDemo) {
	ref := model.Ref{Cluster: demo.HubName, APIVersion: eso.Group + "/v1", Resource: eso.ClusterExternalSecrets,
		Kind: "ClusterExternalSecret", Name: "registry-pull-secret"}
	child := func() string {
		return str(d.get(t, demo.HubName, eso.Group+"/v1", eso.ExternalSecrets, "config-demo", "registry-pull-secret"), "status", "refreshTime")
	}
	before := child()
	d.run(t, actions.ForceSync, ref, actions.SyncOptions{})
	eventually(t, "provisioned secret refreshed", func() bool { return child() != before })

	push := model.Ref{Cluster: demo.HubName, APIVersion: eso.Group + "/" + eso.PushSecretVersion, Resource: eso.PushSecrets,
		Kind: "PushSecret", Namespace: "payments", Name: "payments-signing-key"}
	pushed := func() string {
		return str(d.get(t, push.Cluster, push.APIVersion, push.Resource, push.Namespace, push.Name), "status", "refreshTime")
	}
	before = pushed()
	d.run(t, actions.ForceSync, push, actions.SyncOptions{})
	eventually(t, "PushSecret pushed", func() bool { return pushed() != before })
}
