package pxsdk

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

const (
	nodeA = "7a1c0f1e-1111-4c2d-9e3f-000000000001"
	nodeB = "7a1c0f1e-2222-4c2d-9e3f-000000000002"
	nodeC = "7a1c0f1e-3333-4c2d-9e3f-000000000003"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "sdk", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeVolumesFromTheRealGateway(t *testing.T) {
	tests := []struct {
		id   string
		want model.PXVolume
	}{
		{"1034536891216728311", model.PXVolume{ID: "1034536891216728311", Name: "pvc-9f8e7d6c-5555-4b4a-8c9d-0e1f2a3b4c5d",
			HALevel: 3, Size: 20 << 30, Usage: 5 << 30, Status: "VOLUME_STATUS_UP", State: "VOLUME_STATE_ATTACHED",
			AttachedOn: nodeA, Cos: "HIGH",
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{nodeA, nodeB, nodeC}, Pools: []string{"pool-a0", "pool-b0", "pool-c0"},
				Current: []string{nodeA, nodeB, nodeC}, RuntimeState: "clean"}},
			Replication: model.PXReplication{State: model.ReplUp, Current: 3, Total: 3}}},
		{"774629385713957123", model.PXVolume{ID: "774629385713957123", Name: "pvc-resync", HALevel: 2, Size: 8 << 30, Usage: 1 << 30,
			Status: "VOLUME_STATUS_UP", State: "VOLUME_STATE_ATTACHED", AttachedOn: nodeB, Cos: "MEDIUM",
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{nodeA, nodeB}, Pools: []string{"pool-a0", "pool-b0"},
				Current: []string{nodeA, nodeB}, RuntimeState: "resync"}},
			Replication: model.PXReplication{State: model.ReplResync, Current: 2, Total: 2}}},
		{"881234567890123456", model.PXVolume{ID: "881234567890123456", Name: "pvc-degraded", HALevel: 3, Size: 50 << 30, Usage: 40 << 30,
			Status: "VOLUME_STATUS_DEGRADED", State: "VOLUME_STATE_ATTACHED", AttachedOn: "10.0.1.21", Cos: "HIGH",
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{nodeA, nodeB, nodeC}, Pools: []string{"pool-a0", "pool-b0", "pool-c0"},
				Current: []string{nodeA, nodeB}, RuntimeState: "clean"}},
			Replication: model.PXReplication{State: model.ReplDegraded, Current: 2, Total: 3, Down: []string{nodeC}}}},
		{"991234567890123456", model.PXVolume{ID: "991234567890123456", Name: "pvc-resync-failed", HALevel: 2, Size: 10 << 30,
			Status: "VOLUME_STATUS_UP", State: "VOLUME_STATE_ATTACHED", AttachedOn: nodeA, Cos: "LOW",
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{nodeA, nodeB}, Pools: []string{"0", "0"},
				Current: []string{nodeA, nodeB}, RuntimeState: "resync_failed"}},
			Replication: model.PXReplication{State: model.ReplResyncFailed, Current: 2, Total: 2}}},
		{"551234567890123456", model.PXVolume{ID: "551234567890123456", Name: "pvc-readd", HALevel: 2, Size: 10 << 30,
			Status: "VOLUME_STATUS_UP", State: "VOLUME_STATE_ATTACHED", AttachedOn: nodeA, Cos: "LOW",
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{nodeA, nodeB}, Current: []string{nodeA, nodeB},
				ReAdding: []string{nodeB}, RuntimeState: "clean"}},
			Replication: model.PXReplication{State: model.ReplReAdding, Current: 2, Total: 2}}},
		{"661234567890123456", model.PXVolume{ID: "661234567890123456", Name: "pvc-down", HALevel: 1, Size: 10 << 30,
			Status: "VOLUME_STATUS_DOWN", State: "VOLUME_STATE_DETACHED", Cos: "LOW", Error: "replica on worker-c is not available",
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{nodeC}}},
			Replication: model.PXReplication{State: model.ReplDetached, Current: 1, Total: 1}}},
		{"771234567890123456", model.PXVolume{ID: "771234567890123456", Name: "pvc-detached", HALevel: 2, Size: 10 << 30,
			Status: "VOLUME_STATUS_UP", State: "VOLUME_STATE_DETACHED", Cos: "LOW", Shared: true,
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{nodeA, nodeB}}},
			Replication: model.PXReplication{State: model.ReplDetached, Current: 2, Total: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.want.Name, func(t *testing.T) {
			got := DecodeVolumeInspect(read(t, "volume-"+tt.id+".json"), tt.id)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeNodesClusterAndLists(t *testing.T) {
	b := DecodeNodeInspect(read(t, "node-"+nodeB+".json"), nodeB)
	want := model.PXNode{ID: nodeB, Hostname: "worker-b", MgmtIP: "10.0.2.17", DataIP: "10.0.2.17", Status: "STATUS_OK",
		Pools: []model.PXPool{
			{ID: 0, UUID: "pool-b0", Cos: "HIGH", Medium: "STORAGE_MEDIUM_SSD", Total: 2 << 40, Used: 2067081834496},
			{ID: 1, UUID: "pool-b1", Cos: "LOW", Medium: "STORAGE_MEDIUM_MAGNETIC", Total: 1 << 40, Used: 10995116277},
		}}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("node:\n got %+v\nwant %+v", b, want)
	}
	if c := DecodeNodeInspect(read(t, "node-"+nodeC+".json"), nodeC); c.Status != "STATUS_STORAGE_DOWN" {
		t.Errorf("node c status = %q", c.Status)
	}
	ci, err := DecodeCluster(read(t, "cluster-inspectcurrent.json"))
	if err != nil || ci != (ClusterInfo{ID: "px-test-uuid", Name: "px-test", Status: "STATUS_OK"}) {
		t.Errorf("cluster = %+v, %v", ci, err)
	}
	ids, err := DecodeIDs(read(t, "volumes.json"), "volume_ids")
	if err != nil || len(ids) != 7 {
		t.Errorf("volume ids = %q, %v", ids, err)
	}
	ids, err = DecodeIDs(read(t, "nodes.json"), "node_ids")
	if err != nil || len(ids) != 4 {
		t.Errorf("node ids = %q, %v", ids, err)
	}
	if ids, err := DecodeIDs([]byte(`{}`), "volume_ids"); err != nil || ids != nil {
		t.Errorf("empty list = %q, %v", ids, err)
	}
}

func TestDecodeOddValues(t *testing.T) {
	// Numbers where protobuf JSON writes strings, enum numbers, an unknown enum number.
	v := DecodeVolume([]byte(`{"id":"1","spec":{"size":1024,"ha_level":2,"cos":3},"status":3,"state":99,"usage":"7"}`), "1")
	if v.Size != 1024 || v.HALevel != 2 || v.Cos != "HIGH" || v.Status != "VOLUME_STATUS_DOWN" || v.State != "99" || v.Usage != 7 {
		t.Errorf("odd values: %+v", v)
	}
	bad := DecodeVolume([]byte(`{"id":"2","spec":{"size":"lots"}}`), "2")
	if bad.ID != "2" || len(bad.DecodeIssues) != 1 {
		t.Errorf("bad size: %+v", bad)
	}
	if v := DecodeVolumeInspect([]byte(`{"name":"x"}`), "3"); len(v.DecodeIssues) != 1 || v.ID != "3" {
		t.Errorf("no volume: %+v", v)
	}
	if n := DecodeNodeInspect([]byte(`[1]`), "n"); len(n.DecodeIssues) != 1 || n.ID != "n" {
		t.Errorf("bad node: %+v", n)
	}
}

func TestReplication(t *testing.T) {
	set := func(nodes, current []string, state string, readd ...string) model.PXReplicaSet {
		return model.PXReplicaSet{Nodes: nodes, Current: current, RuntimeState: state, ReAdding: readd}
	}
	ab := []string{"a", "b"}
	tests := []struct {
		name string
		v    model.PXVolume
		want model.PXReplication
	}{
		{"up", model.PXVolume{AttachedOn: "a", ReplicaSets: []model.PXReplicaSet{set(ab, ab, "clean")}}, model.PXReplication{State: "up", Current: 2, Total: 2}},
		{"no runtime state", model.PXVolume{AttachedOn: "a", ReplicaSets: []model.PXReplicaSet{{Nodes: ab}}}, model.PXReplication{State: "up", Current: 2, Total: 2}},
		{"degraded", model.PXVolume{AttachedOn: "a", ReplicaSets: []model.PXReplicaSet{set(ab, []string{"a"}, "clean")}},
			model.PXReplication{State: "degraded", Current: 1, Total: 2, Down: []string{"b"}}},
		{"short set but resyncing is resync (pxc)", model.PXVolume{AttachedOn: "a", ReplicaSets: []model.PXReplicaSet{set(ab, []string{"a"}, "resync")}},
			model.PXReplication{State: "resync", Current: 1, Total: 2, Down: []string{"b"}}},
		{"resync failed beats degraded", model.PXVolume{AttachedOn: "a", ReplicaSets: []model.PXReplicaSet{set(ab, []string{"a"}, "resync_failed")}},
			model.PXReplication{State: "resync_failed", Current: 1, Total: 2, Down: []string{"b"}}},
		{"re-adding beats resync", model.PXVolume{AttachedOn: "a", ReplicaSets: []model.PXReplicaSet{set(ab, ab, "resync", "b")}},
			model.PXReplication{State: "re-adding", Current: 2, Total: 2}},
		{"detached ignores resync", model.PXVolume{ReplicaSets: []model.PXReplicaSet{set(ab, ab, "resync_failed")}},
			model.PXReplication{State: "detached", Current: 2, Total: 2}},
		{"restore first", model.PXVolume{State: "VOLUME_STATE_RESTORE", ReplicaSets: []model.PXReplicaSet{set(ab, []string{"a"}, "clean")}},
			model.PXReplication{State: "restore", Current: 1, Total: 2, Down: []string{"b"}}},
		{"two sets (aggregated)", model.PXVolume{AttachedOn: "a", ReplicaSets: []model.PXReplicaSet{set(ab, ab, "clean"), set([]string{"c", "d"}, []string{"c"}, "clean")}},
			model.PXReplication{State: "degraded", Current: 3, Total: 4, Down: []string{"d"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Replication(&tt.v); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestQuorum(t *testing.T) {
	n := func(status string, nonMember bool) model.PXNode {
		return model.PXNode{Status: status, NonQuorumMember: nonMember}
	}
	tests := []struct {
		nodes []model.PXNode
		want  string
	}{
		{nil, ""},
		{[]model.PXNode{n("STATUS_OK", false), n("STATUS_STORAGE_DOWN", false), n("STATUS_NOT_IN_QUORUM", false)}, "ok"},
		{[]model.PXNode{n("STATUS_OK", false), n("STATUS_OFFLINE", false), n("STATUS_NOT_IN_QUORUM", false)}, "lost"},
		{[]model.PXNode{n("STATUS_OK", false), n("STATUS_OFFLINE", false)}, "lost"},
		{[]model.PXNode{n("STATUS_OK", false), n("STATUS_OFFLINE", true), n("STATUS_OFFLINE", true)}, "ok"},
	}
	for i, tt := range tests {
		if got := Quorum(tt.nodes); got != tt.want {
			t.Errorf("%d: Quorum = %q, want %q", i, got, tt.want)
		}
	}
}
