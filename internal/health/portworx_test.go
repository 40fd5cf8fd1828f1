package health

import (
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

const gi = int64(1) << 30

// runtimeOnline is the RuntimeState condition of a healthy cluster on a current operator.
var runtimeOnline = model.Condition{Type: "RuntimeState", Status: "Online"}

func TestStorageCluster(t *testing.T) {
	tests := []struct {
		name    string
		cluster model.StorageCluster
		want    want
	}{
		{"running and online", model.StorageCluster{Phase: "Running", Conditions: []model.Condition{
			{Type: "Install", Status: "Completed", Message: "Portworx installation completed on 3 nodes"}, runtimeOnline}},
			want{model.VerdictOK, ""}},
		{"legacy phase Online", model.StorageCluster{Phase: "Online"}, want{model.VerdictOK, ""}},
		{"no status", model.StorageCluster{}, want{model.VerdictUnknown, "no status yet"}},
		{"initializing", model.StorageCluster{Phase: "Initializing", Conditions: []model.Condition{{Type: "Install", Status: "InProgress", Message: "Portworx installation in progress"}}},
			want{model.VerdictWarning, "Initializing: Portworx installation in progress"}},
		{"degraded", model.StorageCluster{Phase: "Degraded", Conditions: []model.Condition{{Type: "RuntimeState", Status: "Degraded", Message: "1 of 3 nodes offline"}}},
			want{model.VerdictWarning, "Degraded: 1 of 3 nodes offline"}},
		{"failed", model.StorageCluster{Phase: "Failed"}, want{model.VerdictCritical, "Failed"}},
		{"uninstalling", model.StorageCluster{Phase: "Uninstalling"}, want{model.VerdictWarning, "Uninstalling"}},
		{"running but not in quorum", model.StorageCluster{Phase: "Running", Conditions: []model.Condition{{Type: "RuntimeState", Status: "NotInQuorum", Message: "cluster lost quorum"}}},
			want{model.VerdictCritical, "RuntimeState NotInQuorum: cluster lost quorum"}},
		{"running but runtime unknown", model.StorageCluster{Phase: "Running", Conditions: []model.Condition{{Type: "RuntimeState", Status: "Unknown"}}},
			want{model.VerdictWarning, "RuntimeState Unknown"}},
		{"failed upgrade on a running cluster", model.StorageCluster{Phase: "Running", Conditions: []model.Condition{runtimeOnline, {Type: "Upgrade", Status: "Failed", Message: "image pull failed"}}},
			want{model.VerdictWarning, "Upgrade Failed: image pull failed"}},
		{"update in progress", model.StorageCluster{Phase: "Running", Conditions: []model.Condition{runtimeOnline, {Type: "Update", Status: "InProgress"}}},
			want{model.VerdictOK, "Update InProgress"}},
		{"conditions as decoded, with their component", model.StorageCluster{Phase: "Running", Conditions: []model.Condition{
			{Type: "Portworx/Install", Status: "Completed"}, {Type: "Portworx/RuntimeState", Status: "NotInQuorum", Message: "quorum lost"}}},
			want{model.VerdictCritical, "RuntimeState NotInQuorum: quorum lost"}},
		{"degraded, message from a component's RuntimeState", model.StorageCluster{Phase: "Degraded", Conditions: []model.Condition{
			{Type: "Portworx/RuntimeState", Status: "Degraded", Message: "1 of 3 nodes offline"}}},
			want{model.VerdictWarning, "Degraded: 1 of 3 nodes offline"}},
		{"a component's operation failed", model.StorageCluster{Phase: "Running", Conditions: []model.Condition{
			{Type: "Portworx/RuntimeState", Status: "Online"}, {Type: "Portworx/Upgrade", Status: "Failed", Message: "image pull failed"}}},
			want{model.VerdictWarning, "Upgrade Failed: image pull failed"}},
		{"no phase, conditions without a type", model.StorageCluster{Conditions: []model.Condition{{}, {Status: "Weird"}}},
			want{model.VerdictUnknown, "no status yet"}},
		{"no phase, typed conditions decide", model.StorageCluster{Conditions: []model.Condition{{Type: "Portworx/RuntimeState", Status: "Offline"}}},
			want{model.VerdictCritical, "RuntimeState Offline"}},
		{"decode issue", model.StorageCluster{Meta: model.Meta{DecodeIssues: []string{"status.conditions: not a list"}}, Phase: "Running"},
			want{model.VerdictUnknown, "cannot read: status.conditions: not a list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, StorageCluster(&tt.cluster)) })
	}
}

func TestStorageNode(t *testing.T) {
	tests := []struct {
		name string
		node model.StorageNode
		want want
	}{
		{"online", model.StorageNode{Phase: "Online", StorageUsed: 14 * gi, StorageTotal: 300 * gi, Conditions: []model.Condition{
			{Type: "NodeInit", Status: "Succeeded"}, {Type: "NodeState", Status: "Online"}, {Type: "NodeKVDB", Status: "Online", Message: "node is kvdb leader listening on 10.0.1.21"}}},
			want{model.VerdictOK, ""}},
		{"storageless online", model.StorageNode{Phase: "Online"}, want{model.VerdictOK, ""}},
		{"no status", model.StorageNode{}, want{model.VerdictUnknown, "no status yet"}},
		{"offline", model.StorageNode{Phase: "Offline", Conditions: []model.Condition{{Type: "NodeState", Status: "Offline", Message: "node is down"}}},
			want{model.VerdictCritical, "Offline: node is down"}},
		{"not in quorum", model.StorageNode{Phase: "NotInQuorum"}, want{model.VerdictCritical, "NotInQuorum"}},
		{"decommissioned", model.StorageNode{Phase: "Decommissioned"}, want{model.VerdictWarning, "Decommissioned"}},
		{"maintenance", model.StorageNode{Phase: "Maintenance"}, want{model.VerdictWarning, "Maintenance"}},
		{"initializing", model.StorageNode{Phase: "Initializing"}, want{model.VerdictWarning, "Initializing"}},
		{"init failed", model.StorageNode{Phase: "Initializing", Conditions: []model.Condition{{Type: "NodeInit", Status: "Failed", Message: "no usable drives"}}},
			want{model.VerdictCritical, "NodeInit Failed: no usable drives"}},
		{"kvdb member down", model.StorageNode{Phase: "Online", Conditions: []model.Condition{{Type: "NodeKVDB", Status: "Offline"}}},
			want{model.VerdictWarning, "KVDB Offline"}},
		{"init failed, reported by a component", model.StorageNode{Phase: "Initializing", Conditions: []model.Condition{{Type: "Portworx/NodeInit", Status: "Failed", Message: "no usable drives"}}},
			want{model.VerdictCritical, "NodeInit Failed: no usable drives"}},
		{"nearly full", model.StorageNode{Phase: "Online", StorageUsed: 276 * gi, StorageTotal: 300 * gi},
			want{model.VerdictWarning, "storage 92% full (276Gi of 300Gi)"}},
		{"decode issue", model.StorageNode{Meta: model.Meta{DecodeIssues: []string{"status.storage.totalSize: bad quantity"}}, Phase: "Online"},
			want{model.VerdictUnknown, "cannot read: status.storage.totalSize: bad quantity"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, StorageNode(&tt.node)) })
	}
}

func TestVolume(t *testing.T) {
	created := func(ago time.Duration) model.Meta { return model.Meta{Created: now.Add(-ago)} }
	tests := []struct {
		name   string
		volume model.Volume
		want   want
	}{
		{"bound", model.Volume{Phase: "Bound", PVPhase: "Bound", VolumeName: "pvc-1"}, want{model.VerdictOK, ""}},
		{"bound without a joined volume", model.Volume{Phase: "Bound", VolumeName: "pvc-1"}, want{model.VerdictOK, ""}},
		{"pending briefly", model.Volume{Meta: created(3*time.Minute + 20*time.Second), Phase: "Pending"}, want{model.VerdictWarning, "Pending for 3m"}},
		{"pending long", model.Volume{Meta: created(14 * time.Minute), Phase: "Pending"}, want{model.VerdictCritical, "Pending for 14m"}},
		{"pending for days", model.Volume{Meta: created(50 * time.Hour), Phase: "Pending"}, want{model.VerdictCritical, "Pending for 2d2h"}},
		{"pending without creation time", model.Volume{Phase: "Pending"}, want{model.VerdictWarning, "Pending"}},
		{"lost", model.Volume{Phase: "Lost", VolumeName: "pvc-9"}, want{model.VerdictCritical, "Lost: PersistentVolume pvc-9 no longer exists"}},
		{"lost without volume name", model.Volume{Phase: "Lost"}, want{model.VerdictCritical, "Lost: the bound PersistentVolume no longer exists"}},
		{"no status", model.Volume{}, want{model.VerdictUnknown, "no status yet"}},
		{"pv failed", model.Volume{Phase: "Bound", VolumeName: "pvc-2", PVPhase: "Failed"}, want{model.VerdictCritical, "PersistentVolume pvc-2 Failed: reclamation failed"}},
		{"pv released", model.Volume{Phase: "Bound", VolumeName: "pvc-3", PVPhase: "Released"}, want{model.VerdictWarning, "PersistentVolume pvc-3 Released: its claim was deleted"}},
		{"decode issue", model.Volume{Meta: model.Meta{DecodeIssues: []string{"spec.resources: bad quantity"}}, Phase: "Bound"},
			want{model.VerdictUnknown, "cannot read: spec.resources: bad quantity"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, Volume(&tt.volume, now)) })
	}
}
