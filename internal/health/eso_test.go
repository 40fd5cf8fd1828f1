package health

import (
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Ready conditions as ESO writes them (see the externalsecret-ready-* examples).
var (
	secretSynced      = model.Condition{Type: "Ready", Status: "True", Reason: "SecretSynced", Message: "secret synced"}
	secretSyncedError = model.Condition{Type: "Ready", Status: "False", Reason: "SecretSyncedError", Message: "could not get secret data from provider"}
)

func TestExternalSecret(t *testing.T) {
	kind := func(k string, e model.ExternalSecret) model.ExternalSecret {
		e.Kind = k
		return e
	}
	tests := []struct {
		name   string
		secret model.ExternalSecret
		want   want
	}{
		{"ready and fresh", model.ExternalSecret{Ready: secretSynced, RefreshInterval: time.Hour, RefreshTime: now.Add(-90 * time.Minute)},
			want{model.VerdictOK, ""}},
		{"ready but stale", model.ExternalSecret{Ready: secretSynced, RefreshInterval: time.Hour, RefreshIntervalRaw: "1h", RefreshTime: now.Add(-(2*time.Hour + 30*time.Minute))},
			want{model.VerdictWarning, "stale: last refresh 2h30m ago (refreshInterval 1h)"}},
		{"stale without the raw interval", model.ExternalSecret{Ready: secretSynced, RefreshInterval: 15 * time.Minute, RefreshTime: now.Add(-31 * time.Minute)},
			want{model.VerdictWarning, "stale: last refresh 31m ago (refreshInterval 15m)"}},
		{"interval 0 never refreshes so is never stale", model.ExternalSecret{Ready: secretSynced, RefreshIntervalRaw: "0", RefreshTime: now.Add(-30 * 24 * time.Hour)},
			want{model.VerdictOK, ""}},
		{"never refreshed is not stale", model.ExternalSecret{Ready: secretSynced, RefreshInterval: time.Hour}, want{model.VerdictOK, ""}},
		{"Ready False", model.ExternalSecret{Ready: secretSyncedError, RefreshInterval: 15 * time.Minute},
			want{model.VerdictCritical, "SecretSyncedError: could not get secret data from provider"}},
		{"Ready False beats stale", model.ExternalSecret{Ready: secretSyncedError, RefreshInterval: time.Minute, RefreshTime: now.Add(-time.Hour)},
			want{model.VerdictCritical, "SecretSyncedError: could not get secret data from provider"}},
		{"Ready False without reason", model.ExternalSecret{Ready: model.Condition{Type: "Ready", Status: "False"}}, want{model.VerdictCritical, "not ready"}},
		{"Ready absent", model.ExternalSecret{}, want{model.VerdictUnknown, "no Ready condition yet"}},
		{"Ready Unknown", model.ExternalSecret{Ready: model.Condition{Type: "Ready", Status: "Unknown", Reason: "Pending"}}, want{model.VerdictUnknown, "Pending"}},
		{"Ready odd status", model.ExternalSecret{Ready: model.Condition{Type: "Ready", Status: "Yes"}}, want{model.VerdictUnknown, `Ready is "Yes"`}},
		{"decode issue", model.ExternalSecret{Meta: model.Meta{DecodeIssues: []string{"spec.refreshInterval: invalid duration \"1x\""}}, Ready: secretSynced},
			want{model.VerdictUnknown, `cannot read: spec.refreshInterval: invalid duration "1x"`}},
		{"PushSecret stale", kind("PushSecret", model.ExternalSecret{Ready: model.Condition{Status: "True", Reason: "Synced"}, RefreshInterval: 10 * time.Minute, RefreshTime: now.Add(-time.Hour)}),
			want{model.VerdictWarning, "stale: last refresh 1h ago (refreshInterval 10m)"}},
		{"PushSecret errored", kind("PushSecret", model.ExternalSecret{Ready: model.Condition{Status: "False", Reason: "Errored", Message: "set secret failed: AccessDenied"}}),
			want{model.VerdictCritical, "Errored: set secret failed: AccessDenied"}},
		{"ClusterExternalSecret ready", kind("ClusterExternalSecret", model.ExternalSecret{Ready: model.Condition{Status: "True"}, ProvisionedNamespaces: []string{"a", "b"},
			RefreshInterval: time.Minute, RefreshTime: now.Add(-time.Hour)}), want{model.VerdictOK, ""}},
		{"ClusterExternalSecret partly failed", kind("ClusterExternalSecret", model.ExternalSecret{Ready: model.Condition{Status: "True"},
			ProvisionedNamespaces: []string{"a", "b", "c"}, FailedNamespaces: []string{"d", "e"}}),
			want{model.VerdictWarning, "failed in 2 of 5 namespaces: d, e"}},
		{"ClusterExternalSecret failed everywhere", kind("ClusterExternalSecret", model.ExternalSecret{Ready: model.Condition{Status: "True"},
			FailedNamespaces: []string{"a", "b", "c", "d", "e"}}),
			want{model.VerdictCritical, "failed in all 5 namespaces: a, b, c (+2 more)"}},
		{"ClusterExternalSecret Ready False", kind("ClusterExternalSecret", model.ExternalSecret{Ready: model.Condition{Status: "False", Reason: "NotReady", Message: "one or more namespaces failed"},
			ProvisionedNamespaces: []string{"a"}, FailedNamespaces: []string{"b"}}),
			want{model.VerdictCritical, "NotReady: one or more namespaces failed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, ExternalSecret(&tt.secret, now)) })
	}
}

func TestSecretStore(t *testing.T) {
	tests := []struct {
		name  string
		store model.SecretStore
		want  want
	}{
		{"valid", model.SecretStore{Ready: model.Condition{Status: "True", Reason: "Valid", Message: "store validated"}}, want{model.VerdictOK, ""}},
		{"validation unknown", model.SecretStore{Ready: model.Condition{Status: "True", Reason: "ValidationUnknown", Message: "store validated (unknown)"}},
			want{model.VerdictOK, "ValidationUnknown: store validated (unknown)"}},
		{"invalid provider config", model.SecretStore{Ready: model.Condition{Status: "False", Reason: "InvalidProviderConfig", Message: "unable to log in to auth method: permission denied"}},
			want{model.VerdictCritical, "InvalidProviderConfig: unable to log in to auth method: permission denied"}},
		{"validation failed", model.SecretStore{Ready: model.Condition{Status: "False", Reason: "ValidationFailed"}}, want{model.VerdictCritical, "ValidationFailed"}},
		{"no Ready condition", model.SecretStore{}, want{model.VerdictUnknown, "no Ready condition yet"}},
		{"decode issue on a valid store", model.SecretStore{Meta: model.Meta{DecodeIssues: []string{"spec.provider: two providers"}}, Ready: model.Condition{Status: "True"}},
			want{model.VerdictUnknown, "cannot read: spec.provider: two providers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.want.check(t, SecretStore(&tt.store)) })
	}
}
