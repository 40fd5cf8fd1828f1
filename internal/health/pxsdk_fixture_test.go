package health_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/pxsdk"
)

// sdkFixtures loads what the real SDK gateway answered for the fixture cluster
// (internal/sources/pxsdk/testdata/sdk) and judges it as a poll would.
func sdkFixtures(t *testing.T) *model.PortworxSDK {
	t.Helper()
	dir := filepath.Join("..", "sources", "pxsdk", "testdata", "sdk")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	sdk := &model.PortworxSDK{}
	for _, e := range entries {
		name := e.Name()
		body, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasPrefix(name, "node-"):
			sdk.Nodes = append(sdk.Nodes, pxsdk.DecodeNodeInspect(body, strings.TrimSuffix(strings.TrimPrefix(name, "node-"), ".json")))
		case strings.HasPrefix(name, "volume-") && name != "volume-notfound.json":
			sdk.Volumes = append(sdk.Volumes, pxsdk.DecodeVolumeInspect(body, ""))
		}
	}
	sdk.Quorum = pxsdk.Quorum(sdk.Nodes)
	health.PortworxSDK(sdk)
	return sdk
}

func TestPortworxSDKFromFixtures(t *testing.T) {
	sdk := sdkFixtures(t)
	volumes := map[string]model.Health{}
	for _, v := range sdk.Volumes {
		volumes[v.Name] = v.Health
	}
	nodes := map[string]model.Health{}
	for _, n := range sdk.Nodes {
		nodes[n.Hostname] = n.Health
	}
	tests := []struct {
		got  model.Health
		want model.Health
	}{
		{volumes["pvc-9f8e7d6c-5555-4b4a-8c9d-0e1f2a3b4c5d"], model.Health{Verdict: model.VerdictOK}},
		{volumes["pvc-resync"], model.Health{Verdict: model.VerdictWarning, Reason: "resync in progress (2/2 current)"}},
		{volumes["pvc-degraded"], model.Health{Verdict: model.VerdictCritical, Reason: "replica down (2/3 current): not current on worker-c (STORAGE_DOWN)"}},
		{volumes["pvc-resync-failed"], model.Health{Verdict: model.VerdictCritical, Reason: "resync failed (2/2 current)"}},
		{volumes["pvc-readd"], model.Health{Verdict: model.VerdictWarning, Reason: "re-adding worker-b (2/2 current)"}},
		{volumes["pvc-down"], model.Health{Verdict: model.VerdictCritical, Reason: "volume DOWN: replica on worker-c is not available"}},
		{volumes["pvc-detached"], model.Health{Verdict: model.VerdictOK}},
		{nodes["worker-a"], model.Health{Verdict: model.VerdictOK}},
		{nodes["worker-b"], model.Health{Verdict: model.VerdictWarning, Reason: "pool 0 93% full (1.9Ti of 2Ti)"}},
		{nodes["worker-c"], model.Health{Verdict: model.VerdictCritical, Reason: "STORAGE_DOWN"}},
		{nodes["worker-d"], model.Health{Verdict: model.VerdictCritical, Reason: "NOT_IN_QUORUM"}},
		{sdk.Health, model.Health{Verdict: model.VerdictCritical, Reason: "px node worker-c: STORAGE_DOWN"}},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %v %q, want %v %q", i, tt.got.Verdict, tt.got.Reason, tt.want.Verdict, tt.want.Reason)
		}
	}
	if sdk.Quorum != "ok" {
		t.Errorf("quorum = %q (3 of 4 members in quorum)", sdk.Quorum)
	}
}

func TestClaimsGetTheirSDKVolumeVerdict(t *testing.T) {
	sdk := sdkFixtures(t)
	sdk.Source.State = model.StateReady
	sdk.Polled = sdk.Polled.AddDate(2026, 0, 0)
	snap := &model.ClusterSnapshot{Volumes: []model.Volume{
		{Meta: meta("db"), Phase: "Bound", PVPhase: "Bound", VolumeName: "pvc-x", VolumeHandle: "881234567890123456"},
		{Meta: meta("by-name"), Phase: "Bound", PVPhase: "Bound", VolumeName: "pvc-resync", VolumeHandle: "pvc-resync"},
		{Meta: meta("gone"), Phase: "Bound", PVPhase: "Bound", VolumeName: "pvc-y", VolumeHandle: "123"},
		{Meta: meta("healthy"), Phase: "Bound", PVPhase: "Bound", VolumeName: "pvc-9f8e7d6c-5555-4b4a-8c9d-0e1f2a3b4c5d", VolumeHandle: "1034536891216728311"},
	}}
	pxsdk.Join(snap, sdk)
	health.Apply(snap, sdk.Polled)
	want := []model.Health{
		{Verdict: model.VerdictCritical, Reason: "portworx: replica down (2/3 current): not current on worker-c (STORAGE_DOWN)"},
		{Verdict: model.VerdictWarning, Reason: "portworx: resync in progress (2/2 current)"},
		{Verdict: model.VerdictWarning, Reason: "portworx has no volume 123 (the SDK does not list it)"},
		{Verdict: model.VerdictOK},
	}
	for i, w := range want {
		if got := snap.Volumes[i].Health; got != w {
			t.Errorf("%s: got %v %q, want %v %q", snap.Volumes[i].Name, got.Verdict, got.Reason, w.Verdict, w.Reason)
		}
	}
	// A failed poll leaves the list incomplete: a missing volume is then not a finding.
	sdk.Source.State = model.StateStale
	snap.Volumes[2].Health, snap.Volumes[2].SDKMissing = model.Health{}, false
	pxsdk.Join(snap, sdk)
	health.Apply(snap, sdk.Polled)
	if got := snap.Volumes[2].Health; got.Verdict != model.VerdictOK {
		t.Errorf("stale poll, missing volume: %v %q", got.Verdict, got.Reason)
	}
}

func meta(name string) model.Meta {
	return model.Meta{Ref: model.Ref{Namespace: "payments", Name: name}}
}

func TestPXNodeAndVolumeRules(t *testing.T) {
	nodeTests := []struct {
		node model.PXNode
		want model.Health
	}{
		{model.PXNode{Status: "STATUS_OK"}, model.Health{}},
		{model.PXNode{}, model.Health{Verdict: model.VerdictUnknown, Reason: "no status"}},
		{model.PXNode{Status: "STATUS_STORAGE_DEGRADED"}, model.Health{Verdict: model.VerdictWarning, Reason: "STORAGE_DEGRADED"}},
		{model.PXNode{Status: "STATUS_MAINTENANCE"}, model.Health{Verdict: model.VerdictWarning, Reason: "MAINTENANCE"}},
		{model.PXNode{Status: "STATUS_NOT_IN_QUORUM_NO_STORAGE"}, model.Health{Verdict: model.VerdictCritical, Reason: "NOT_IN_QUORUM_NO_STORAGE"}},
		{model.PXNode{Status: "42"}, model.Health{Verdict: model.VerdictUnknown, Reason: "unknown status 42"}},
		{model.PXNode{Status: "STATUS_OK", Pools: []model.PXPool{{ID: 2, Total: 100 << 30, Used: 90 << 30}}},
			model.Health{Verdict: model.VerdictWarning, Reason: "pool 2 90% full (90Gi of 100Gi)"}},
		{model.PXNode{Status: "STATUS_OK", Pools: []model.PXPool{{ID: 2, Total: 100 << 30, Used: 89 << 30}}}, model.Health{}},
	}
	for i, tt := range nodeTests {
		if got := health.PXNode(&tt.node); got != tt.want {
			t.Errorf("node %d: got %v %q, want %v %q", i, got.Verdict, got.Reason, tt.want.Verdict, tt.want.Reason)
		}
	}
	volTests := []struct {
		v    model.PXVolume
		want model.Health
	}{
		{model.PXVolume{Status: "VOLUME_STATUS_UP", Replication: model.PXReplication{State: "up"}}, model.Health{}},
		{model.PXVolume{Status: "VOLUME_STATUS_UP", Replication: model.PXReplication{State: "detached", Current: 1, Total: 2, Down: []string{"n9"}}},
			model.Health{Verdict: model.VerdictCritical, Reason: "replica down (1/2 current, detached): not current on n9"}},
		{model.PXVolume{Status: "VOLUME_STATUS_NOT_PRESENT", Replication: model.PXReplication{State: "up"}},
			model.Health{Verdict: model.VerdictWarning, Reason: "volume NOT_PRESENT"}},
		{model.PXVolume{Status: "VOLUME_STATUS_UP", Error: "io error", Replication: model.PXReplication{State: "up"}},
			model.Health{Verdict: model.VerdictWarning, Reason: "error: io error"}},
		{model.PXVolume{DecodeIssues: []string{"sdk volume: bad"}}, model.Health{Verdict: model.VerdictUnknown, Reason: "no status"}},
	}
	for i, tt := range volTests {
		if got := health.PXVolume(&tt.v, nil); got != tt.want {
			t.Errorf("volume %d: got %v %q, want %v %q", i, got.Verdict, got.Reason, tt.want.Verdict, tt.want.Reason)
		}
	}
}
