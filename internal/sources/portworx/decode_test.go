package portworx

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func meta(apiVersion, resource, kind, namespace, name string, issues ...string) model.Meta {
	return model.Meta{
		Ref: model.Ref{Cluster: "spoke", APIVersion: apiVersion, Resource: resource, Kind: kind,
			Namespace: namespace, Name: name},
		DecodeIssues: issues,
	}
}

const pxAPI = "core.libopenstorage.org/v1"

func TestDecodeStorageCluster(t *testing.T) {
	tests := []struct {
		file string
		want model.StorageCluster
	}{{
		file: "portworx-storagecluster-online.yaml",
		want: model.StorageCluster{
			Meta:  meta(pxAPI, "storageclusters", "StorageCluster", "portworx", "px-cluster-6f3c9b1e"),
			Phase: "Running", Version: "3.1.4.0-ab9c1a4",
			ClusterName: "px-cluster-6f3c9b1e", ClusterUID: "0c1f3a9d-4b7e-4d2a-9e61-7f5b2c8d3a10",
			Conditions: []model.Condition{
				{Type: "Portworx/Install", Status: "Completed", Message: "Portworx installation completed on 3 nodes",
					LastTransition: ts("2026-08-18T09:41:27Z")},
				{Type: "Portworx/RuntimeState", Status: "Online", LastTransition: ts("2026-08-18T09:41:27Z")},
			},
		},
	}, {
		file: "portworx-storagecluster-online-legacy-phase.yaml",
		want: model.StorageCluster{
			Meta:  meta(pxAPI, "storageclusters", "StorageCluster", "portworx", "px-cluster-legacy"),
			Phase: "Online", Version: "2.13.12.0-1d3a9f2",
			ClusterName: "px-cluster-legacy", ClusterUID: "7d2e5b18-93c4-4f0a-b8a2-1c6e9f4d0b35",
		},
	}, {
		file: "storagecluster-bad-types.yaml",
		want: model.StorageCluster{
			Meta: meta(pxAPI, "storageclusters", "StorageCluster", "portworx", "px-broken",
				"status.phase: want string, got int64",
				"status.version: want string, got list",
				"status.clusterUid: want string, got object",
				"status.conditions[0].source: want string, got int64",
				"status.conditions[1]: want object, got string",
			),
			ClusterName: "px-broken",
			Conditions:  []model.Condition{{Type: "RuntimeState", Status: "Online"}},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := DecodeStorageCluster(decodetest.LoadOne(t, filepath.Join("testdata", tt.file)), "spoke")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatch:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func TestDecodeStorageNode(t *testing.T) {
	online := func(at string) model.Condition {
		return model.Condition{Type: "NodeState", Status: "Online", LastTransition: ts(at)}
	}
	initDone := func(at string) model.Condition {
		return model.Condition{Type: "NodeInit", Status: "Succeeded", LastTransition: ts(at)}
	}
	offline := meta(pxAPI, "storagenodes", "StorageNode", "portworx", "worker-2")
	offline.UID = "1e2d3c4b-4444-4a5b-9c6d-7e8f9a0b1c2d"
	tests := []struct {
		file string
		want []model.StorageNode
	}{{
		file: "portworx-storagenode-online.yaml",
		want: []model.StorageNode{{
			Meta:  meta(pxAPI, "storagenodes", "StorageNode", "portworx", "worker-1"),
			Phase: "Online", NodeUID: "3f6b2a1e-5c7d-4e8f-9a0b-1c2d3e4f5a6b", Version: "3.1.4.0-ab9c1a4",
			IP: "10.0.1.21", StorageTotal: 300 << 30, StorageUsed: 14612 << 20,
			Conditions: []model.Condition{
				initDone("2026-08-18T09:38:02Z"),
				online("2026-08-18T09:41:27Z"),
				{Type: "NodeKVDB", Status: "Online", Message: "node is kvdb leader listening on 10.0.1.21",
					LastTransition: ts("2026-08-18T09:40:51Z")},
			},
		}, {
			Meta:  meta(pxAPI, "storagenodes", "StorageNode", "portworx", "worker-4"),
			Phase: "Online", NodeUID: "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", Version: "3.1.4.0-ab9c1a4",
			IP:         "10.0.3.14",
			Conditions: []model.Condition{initDone("2026-08-18T09:38:40Z"), online("2026-08-18T09:41:27Z")},
		}},
	}, {
		file: "storagenode-offline.yaml",
		want: []model.StorageNode{{
			Meta:  offline,
			Phase: "Offline", NodeUID: "7c6b5a49-3827-4165-a4b3-c2d1e0f9a8b7", Version: "3.1.4.0-ab9c1a4",
			IP: "10.0.2.17", StorageTotal: 300 << 30, StorageUsed: 3 << 39, // 1.5Ti
			Conditions: []model.Condition{{Type: "NodeState", Status: "Offline",
				Message: "PX is not running on this node", LastTransition: ts("2026-08-20T12:00:00Z")}},
		}},
	}, {
		file: "storagenode-bad-types.yaml",
		want: []model.StorageNode{{
			Meta: meta(pxAPI, "storagenodes", "StorageNode", "portworx", "worker-9",
				"spec.version: want string, got int64",
				"status.network: want object, got string",
				`status.storage.totalSize: bad quantity "lots"`,
				`status.storage.usedSize: bad quantity "1e-999999999"`,
				"status.conditions: want list, got object",
			),
			Phase: "Online",
		}},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var got []model.StorageNode
			for _, u := range decodetest.Load(t, filepath.Join("testdata", tt.file)) {
				got = append(got, DecodeStorageNode(u, "spoke"))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatch:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func TestVolumes(t *testing.T) {
	load := func(file string) *unstructured.Unstructured {
		return decodetest.LoadOne(t, filepath.Join("testdata", file))
	}
	provisioner := StorageClassProvisioner(load("storageclass.yaml"))
	if provisioner != "pxd.portworx.com" || !IsPortworxProvisioner(provisioner) {
		t.Fatalf("StorageClassProvisioner = %q", provisioner)
	}

	pv := DecodePV(load("pv-csi.yaml"), "spoke")
	pvMeta := meta("v1", "persistentvolumes", "PersistentVolume", "", "pvc-9f8e7d6c-5555-4b4a-8c9d-0e1f2a3b4c5d")
	pvMeta.UID = "0a9b8c7d-6666-4e5f-8a9b-0c1d2e3f4a5b"
	wantPV := model.PersistentVolume{Meta: pvMeta, Phase: "Bound", VolumeHandle: "1034536891216728311",
		StorageClass: "px-csi-db", ClaimNS: "payments", ClaimName: "postgres-data"}
	if !reflect.DeepEqual(pv, wantPV) {
		t.Errorf("DecodePV csi:\n got %s\nwant %s", dump(pv), dump(wantPV))
	}
	inTree := DecodePV(load("pv-intree.yaml"), "spoke")
	wantInTree := model.PersistentVolume{Meta: meta("v1", "persistentvolumes", "PersistentVolume", "", "pvc-legacy"),
		Phase: "Released", VolumeHandle: "774629385713957123", StorageClass: "portworx-sc",
		ClaimNS: "legacy", ClaimName: "old-claim"}
	if !reflect.DeepEqual(inTree, wantInTree) {
		t.Errorf("DecodePV in-tree:\n got %s\nwant %s", dump(inTree), dump(wantInTree))
	}

	bound := DecodePVC(load("pvc-bound.yaml"), "spoke")
	boundMeta := meta("v1", "persistentvolumeclaims", "PersistentVolumeClaim", "payments", "postgres-data")
	boundMeta.UID, boundMeta.ResourceVersion, boundMeta.Created = "9f8e7d6c-5555-4b4a-8c9d-0e1f2a3b4c5d", "55501", ts("2026-08-01T10:00:00Z")
	wantBound := model.Volume{Meta: boundMeta, Phase: "Bound", StorageClass: "px-csi-db",
		Requested: 20 << 30, Capacity: 20 << 30, VolumeName: "pvc-9f8e7d6c-5555-4b4a-8c9d-0e1f2a3b4c5d",
		AccessModes: []string{"ReadWriteOnce"}}
	if !reflect.DeepEqual(bound, wantBound) {
		t.Errorf("DecodePVC bound:\n got %s\nwant %s", dump(bound), dump(wantBound))
	}
	joined := JoinVolume(bound, &pv, provisioner)
	wantJoined := wantBound
	wantJoined.Provisioner, wantJoined.PVPhase, wantJoined.VolumeHandle = "pxd.portworx.com", "Bound", "1034536891216728311"
	if !reflect.DeepEqual(joined, wantJoined) {
		t.Errorf("JoinVolume:\n got %s\nwant %s", dump(joined), dump(wantJoined))
	}

	pending := DecodePVC(load("pvc-pending.yaml"), "spoke")
	wantPending := model.Volume{Meta: meta("v1", "persistentvolumeclaims", "PersistentVolumeClaim", "payments", "scratch"),
		Phase: "Pending", StorageClass: "px-csi-sharedv4", Requested: 500 << 20, AccessModes: []string{"ReadWriteMany"}}
	if !reflect.DeepEqual(pending, wantPending) {
		t.Errorf("DecodePVC pending:\n got %s\nwant %s", dump(pending), dump(wantPending))
	}
	wantPending.Provisioner = "pxd.portworx.com"
	if got := JoinVolume(pending, nil, provisioner); !reflect.DeepEqual(got, wantPending) {
		t.Errorf("JoinVolume without PV:\n got %s\nwant %s", dump(got), dump(wantPending))
	}

	badPV := model.PersistentVolume{Meta: model.Meta{Ref: model.Ref{Name: "pv-x"},
		DecodeIssues: []string{"status.phase: want string, got int64"}}}
	got := JoinVolume(pending, &badPV, provisioner)
	if want := []string{"pv pv-x: status.phase: want string, got int64"}; !reflect.DeepEqual(got.DecodeIssues, want) {
		t.Errorf("JoinVolume issues = %q, want %q", got.DecodeIssues, want)
	}
}

func TestNilObjects(t *testing.T) {
	if sc := DecodeStorageCluster(nil, "c"); sc.Kind != "StorageCluster" || sc.DecodeIssues != nil {
		t.Errorf("DecodeStorageCluster(nil) = %s", dump(sc))
	}
	if sn := DecodeStorageNode(nil, "c"); sn.Kind != "StorageNode" || sn.DecodeIssues != nil {
		t.Errorf("DecodeStorageNode(nil) = %s", dump(sn))
	}
	if v := DecodePVC(nil, "c"); v.Kind != "PersistentVolumeClaim" || v.DecodeIssues != nil {
		t.Errorf("DecodePVC(nil) = %s", dump(v))
	}
	if pv := DecodePV(nil, "c"); pv.Kind != "PersistentVolume" || pv.DecodeIssues != nil {
		t.Errorf("DecodePV(nil) = %s", dump(pv))
	}
	if p := StorageClassProvisioner(nil); p != "" {
		t.Errorf("StorageClassProvisioner(nil) = %q", p)
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// TestWaitForFirstConsumerIsDecoded: the StorageClass's binding mode reaches each of its
// claims, and the scheduler's selected-node annotation is read from the claim.
func TestWaitForFirstConsumerIsDecoded(t *testing.T) {
	sc := &unstructured.Unstructured{Object: map[string]any{"kind": "StorageClass", "metadata": map[string]any{"name": "px-wffc"},
		"provisioner": "pxd.portworx.com", "volumeBindingMode": "WaitForFirstConsumer"}}
	pvc := &unstructured.Unstructured{Object: map[string]any{"kind": "PersistentVolumeClaim",
		"metadata": map[string]any{"name": "data", "namespace": "db",
			"annotations": map[string]any{SelectedNodeAnnotation: "worker-1"}},
		"spec":   map[string]any{"storageClassName": "px-wffc"},
		"status": map[string]any{"phase": "Pending"}}}
	kinds := Spec().Kinds
	var snap model.ClusterSnapshot
	build(&snap, [][]*kube.Projected{nil, nil,
		{{Value: kinds[2].Decode(sc, "c")}}, {{Value: kinds[3].Decode(pvc, "c")}}, nil})
	if len(snap.Volumes) != 1 || !snap.Volumes[0].WaitForFirstConsumer || snap.Volumes[0].SelectedNode != "worker-1" {
		t.Fatalf("volumes %+v", snap.Volumes)
	}
}
