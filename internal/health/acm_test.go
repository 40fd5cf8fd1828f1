package health

import (
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Conditions as the OCM hub writes them (see the managedcluster-available-* examples).
var (
	hubAccepted   = model.Condition{Type: "HubAcceptedManagedCluster", Status: "True", Reason: "HubClusterAdminAccepted", Message: "Accepted by hub cluster admin"}
	joined        = model.Condition{Type: "ManagedClusterJoined", Status: "True", Reason: "ManagedClusterJoined", Message: "Managed cluster joined"}
	available     = model.Condition{Type: "ManagedClusterConditionAvailable", Status: "True", Reason: "ManagedClusterAvailable", Message: "Managed cluster is available"}
	leaseStopped  = model.Condition{Type: "ManagedClusterConditionAvailable", Status: "Unknown", Reason: "ManagedClusterLeaseUpdateStopped", Message: "Registration agent stopped updating its lease."}
	kubeletFailed = model.Condition{Type: "ManagedClusterConditionAvailable", Status: "False", Reason: "ManagedClusterKubeAPIServerUnavailable", Message: "Kube API server is unavailable"}
)

func TestManagedCluster(t *testing.T) {
	// cluster builds an accepted, joined cluster created an hour ago with the given changes.
	cluster := func(change func(*model.ManagedCluster)) model.ManagedCluster {
		mc := model.ManagedCluster{Meta: model.Meta{Created: now.Add(-time.Hour)}, HubAcceptsClient: true,
			Accepted: hubAccepted, Joined: joined, Available: available}
		change(&mc)
		return mc
	}
	tests := []struct {
		name    string
		cluster model.ManagedCluster
		want    want
	}{
		{"available", cluster(func(*model.ManagedCluster) {}), want{model.VerdictOK, ""}},
		{"lease stopped", cluster(func(mc *model.ManagedCluster) {
			mc.Available = leaseStopped
			mc.Taints = []model.Taint{{Key: taintUnreachable, Effect: "NoSelect"}}
		}), want{model.VerdictCritical, "ManagedClusterLeaseUpdateStopped: Registration agent stopped updating its lease."}},
		{"unavailable", cluster(func(mc *model.ManagedCluster) { mc.Available = kubeletFailed }),
			want{model.VerdictCritical, "ManagedClusterKubeAPIServerUnavailable: Kube API server is unavailable"}},
		{"lingering unavailable taint", cluster(func(mc *model.ManagedCluster) { mc.Taints = []model.Taint{{Key: taintUnavailable, Effect: "NoSelect"}} }),
			want{model.VerdictCritical, "taint cluster.open-cluster-management.io/unavailable:NoSelect"}},
		{"other taints are ignored", cluster(func(mc *model.ManagedCluster) {
			mc.Taints = []model.Taint{{Key: "gpu", Value: "true", Effect: "PreferNoSelect"}}
		}),
			want{model.VerdictOK, ""}},
		{"hub does not accept", cluster(func(mc *model.ManagedCluster) {
			mc.HubAcceptsClient = false
			mc.Accepted, mc.Joined, mc.Available = model.Condition{}, model.Condition{}, model.Condition{}
		}), want{model.VerdictWarning, "not accepted: spec.hubAcceptsClient is false"}},
		{"accepted condition absent", cluster(func(mc *model.ManagedCluster) {
			mc.Accepted, mc.Joined, mc.Available = model.Condition{}, model.Condition{}, model.Condition{}
		}), want{model.VerdictWarning, "not accepted: HubAcceptedManagedCluster is absent"}},
		{"accepted condition false", cluster(func(mc *model.ManagedCluster) {
			mc.Accepted = model.Condition{Status: "False", Reason: "HubClusterAdminDenied", Message: "Denied by hub cluster admin"}
			mc.Joined, mc.Available = model.Condition{}, model.Condition{}
		}), want{model.VerdictWarning, "not accepted: HubClusterAdminDenied: Denied by hub cluster admin"}},
		{"not joined within grace", cluster(func(mc *model.ManagedCluster) {
			mc.Created = now.Add(-3 * time.Minute)
			mc.Joined, mc.Available = model.Condition{}, model.Condition{}
		}), want{model.VerdictWarning, "not joined: ManagedClusterJoined is absent"}},
		{"not joined after grace", cluster(func(mc *model.ManagedCluster) {
			mc.Joined, mc.Available = model.Condition{}, model.Condition{}
		}), want{model.VerdictCritical, "not joined: ManagedClusterJoined is absent"}},
		{"lease reason beats not joined", cluster(func(mc *model.ManagedCluster) {
			mc.Joined = model.Condition{Status: "False", Reason: "ManagedClusterLeaseUpdateStopped"}
			mc.Available = leaseStopped
		}), want{model.VerdictCritical, "ManagedClusterLeaseUpdateStopped: Registration agent stopped updating its lease."}},
		{"not joined, creation time unknown", cluster(func(mc *model.ManagedCluster) {
			mc.Created = time.Time{}
			mc.Joined, mc.Available = model.Condition{}, model.Condition{}
		}), want{model.VerdictCritical, "not joined: ManagedClusterJoined is absent"}},
		{"available not reported yet", cluster(func(mc *model.ManagedCluster) { mc.Available = model.Condition{} }),
			want{model.VerdictUnknown, "ManagedClusterConditionAvailable not reported yet"}},
		{"clock not synced", cluster(func(mc *model.ManagedCluster) {
			mc.Conditions = []model.Condition{{Type: "ManagedClusterConditionClockSynced", Status: "False", Reason: "ManagedClusterClockOutOfSync", Message: "The clock is out of sync"}}
		}), want{model.VerdictWarning, "ManagedClusterClockOutOfSync: The clock is out of sync"}},
		{"decode issue", cluster(func(mc *model.ManagedCluster) { mc.DecodeIssues = []string{"status.clusterClaims: not a list"} }),
			want{model.VerdictUnknown, "cannot read: status.clusterClaims: not a list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, ManagedCluster(&tt.cluster, now)) })
	}
}
