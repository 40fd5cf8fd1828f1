package health

import (
	"fmt"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// permutations returns every order of conds (n! of them; the tests keep n ≤ 5).
func permutations(conds []model.Condition) [][]model.Condition {
	if len(conds) <= 1 {
		return [][]model.Condition{append([]model.Condition(nil), conds...)}
	}
	var out [][]model.Condition
	for i := range conds {
		rest := append(append([]model.Condition(nil), conds[:i]...), conds[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]model.Condition{conds[i]}, p...))
		}
	}
	return out
}

// TestTieBreaksFollowTheDocNotTheObject judges objects whose conditions match several rules of
// the same verdict, in every order of the conditions: the result is always the rule listed
// first in docs/health.md (and, between two findings of one rule, the reason that sorts first).
func TestTieBreaksFollowTheDocNotTheObject(t *testing.T) {
	tests := []struct {
		name  string
		conds []model.Condition
		judge func([]model.Condition) model.Health
		want  want
	}{{
		name: "ApplicationSet: ErrorOccurred before ParametersGenerated",
		conds: []model.Condition{
			{Type: "ParametersGenerated", Status: "False", Reason: "ErrorOccurred", Message: "generator failed"},
			{Type: "ErrorOccurred", Status: "True", Reason: "ApplicationSetUpToDate", Message: "template invalid"},
			{Type: "ResourcesUpToDate", Status: "False", Reason: "ErrorOccurred", Message: "stale"},
			{Type: "RolloutProgressing", Status: "True", Reason: "Waiting"},
		},
		judge: func(c []model.Condition) model.Health { return AppSet(&model.AppSet{Conditions: c}) },
		want:  want{model.VerdictCritical, "ApplicationSetUpToDate: template invalid"},
	}, {
		name: "StorageCluster: RuntimeState before a failed operation",
		conds: []model.Condition{
			{Type: "Portworx/Upgrade", Status: "Failed", Message: "image pull failed"},
			{Type: "Portworx/RuntimeState", Status: "Unknown", Message: "no quorum info"},
			{Type: "Portworx/Install", Status: "Timeout", Message: "install timed out"},
			{Type: "Portworx/Update", Status: "InProgress"},
		},
		judge: func(c []model.Condition) model.Health {
			return StorageCluster(&model.StorageCluster{Phase: "Running", Conditions: c})
		},
		want: want{model.VerdictWarning, "RuntimeState Unknown: no quorum info"},
	}, {
		name: "StorageCluster: two failed operations, the reason that sorts first",
		conds: []model.Condition{
			{Type: "Upgrade", Status: "Failed", Message: "b"},
			{Type: "Install", Status: "Timeout", Message: "a"},
		},
		judge: func(c []model.Condition) model.Health {
			return StorageCluster(&model.StorageCluster{Phase: "Running", Conditions: c})
		},
		want: want{model.VerdictWarning, "Install Timeout: a"},
	}, {
		name: "StorageNode: NodeInit before KVDB",
		conds: []model.Condition{
			{Type: "NodeKVDB", Status: "Offline", Message: "kvdb down"},
			{Type: "NodeInit", Status: "Failed", Message: "init failed"},
			{Type: "NodeState", Status: "Online"},
		},
		judge: func(c []model.Condition) model.Health {
			return StorageNode(&model.StorageNode{Phase: "Online", Conditions: c})
		},
		want: want{model.VerdictCritical, "NodeInit Failed: init failed"},
	}, {
		name: "Application: Error conditions, the reason that sorts first",
		conds: []model.Condition{
			{Type: "SyncError", Message: "sync broke"},
			{Type: "ComparisonError", Message: "repo unreachable"},
			{Type: "SharedResourceWarning", Message: "shared"},
		},
		judge: func(c []model.Condition) model.Health {
			return App(&model.App{SyncStatus: "OutOfSync", HealthStatus: "Degraded", Conditions: c})
		},
		want: want{model.VerdictCritical, "ComparisonError: repo unreachable"},
	}, {
		name: "Application: a Warning condition before OutOfSync",
		conds: []model.Condition{
			{Type: "OrphanedResourceWarning", Message: "orphans"},
			{Type: "SharedResourceWarning", Message: "shared"},
		},
		judge: func(c []model.Condition) model.Health {
			return App(&model.App{SyncStatus: "OutOfSync", HealthStatus: "Healthy", Conditions: c})
		},
		want: want{model.VerdictWarning, "OrphanedResourceWarning: orphans"},
	}, {
		name: "ManagedCluster: the Available reason before taints, taints in key order",
		conds: []model.Condition{
			{Type: "cluster.open-cluster-management.io/unreachable", Status: "NoSelect"},
			{Type: "cluster.open-cluster-management.io/unavailable", Status: "NoSelect"},
		},
		judge: func(c []model.Condition) model.Health {
			mc := model.ManagedCluster{HubAcceptsClient: true,
				Accepted: model.Condition{Status: "True"}, Joined: model.Condition{Status: "True"},
				Available: model.Condition{Status: "True"}}
			for _, t := range c {
				mc.Taints = append(mc.Taints, model.Taint{Key: t.Type, Effect: t.Status})
			}
			return ManagedCluster(&mc, now)
		},
		want: want{model.VerdictCritical, "taint cluster.open-cluster-management.io/unavailable:NoSelect"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, p := range permutations(tt.conds) {
				t.Run(fmt.Sprint(i), func(t *testing.T) { tt.want.check(t, tt.judge(p)) })
			}
		})
	}
}

// TestVolumeReleasedBeforeOtherPhase: a claim in a phase outside the table's list whose volume
// is Released gets the Released reason, listed first in docs/health.md.
func TestVolumeReleasedBeforeOtherPhase(t *testing.T) {
	v := model.Volume{Phase: "Resizing", VolumeName: "pvc-3", PVPhase: "Released"}
	want{model.VerdictWarning, "PersistentVolume pvc-3 Released: its claim was deleted"}.check(t, Volume(&v, now))
}

// TestConditionsWithoutATypeAreIgnored: a condition with no type matches no rule, for every
// kind that has conditions.
func TestConditionsWithoutATypeAreIgnored(t *testing.T) {
	untyped := []model.Condition{{Status: "Failed", Message: "x"}, {Status: "Offline"}, {Reason: "Error"}}
	want{model.VerdictOK, ""}.check(t, StorageCluster(&model.StorageCluster{Phase: "Running", Conditions: untyped}))
	want{model.VerdictOK, ""}.check(t, StorageNode(&model.StorageNode{Phase: "Online", Conditions: untyped}))
	want{model.VerdictUnknown, "no status yet: no conditions reported"}.check(t, AppSet(&model.AppSet{Conditions: untyped}))
	want{model.VerdictUnknown, "no status yet: Argo CD has not reconciled this application"}.check(t, App(&model.App{Conditions: untyped}))
}

// TestRefreshPolicy: only Periodic secrets (the default) are refreshed on a timer, so only
// they can be stale.
func TestRefreshPolicy(t *testing.T) {
	old := model.ExternalSecret{Ready: secretSynced, RefreshInterval: time.Hour, RefreshIntervalRaw: "1h", RefreshTime: now.Add(-5 * time.Hour)}
	for policy, w := range map[string]want{
		"":            {model.VerdictWarning, "stale: last refresh 5h ago (refreshInterval 1h)"},
		"Periodic":    {model.VerdictWarning, "stale: last refresh 5h ago (refreshInterval 1h)"},
		"CreatedOnce": {model.VerdictOK, ""},
		"OnChange":    {model.VerdictOK, ""},
	} {
		t.Run(policy, func(t *testing.T) {
			e := old
			e.RefreshPolicy = policy
			w.check(t, ExternalSecret(&e, now))
		})
	}
}

// TestWaitForFirstConsumer: a claim of a WaitForFirstConsumer StorageClass is waiting by design
// until the scheduler picks a node; then the Pending rules apply.
func TestWaitForFirstConsumer(t *testing.T) {
	old := model.Meta{Created: now.Add(-3 * time.Hour)}
	waiting := model.Volume{Meta: old, Phase: "Pending", WaitForFirstConsumer: true}
	want{model.VerdictOK, "Pending: waiting for first consumer (WaitForFirstConsumer)"}.check(t, Volume(&waiting, now))
	selected := waiting
	selected.SelectedNode = "worker-1"
	want{model.VerdictCritical, "Pending for 3h"}.check(t, Volume(&selected, now))
	immediate := waiting
	immediate.WaitForFirstConsumer = false
	want{model.VerdictCritical, "Pending for 3h"}.check(t, Volume(&immediate, now))

	// Correlation with Portworx trouble does not turn a waiting claim into a problem.
	s := &model.ClusterSnapshot{
		StorageNodes: []model.StorageNode{{Meta: meta("StorageNode", "portworx", "worker-2"), Phase: "Offline"}},
		Volumes:      []model.Volume{waiting},
	}
	s.Volumes[0].Provisioner = "pxd.portworx.com"
	Apply(s, now)
	want{model.VerdictOK, "Pending: waiting for first consumer (WaitForFirstConsumer)"}.check(t, s.Volumes[0].Health)
}
