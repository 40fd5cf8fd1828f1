package eso

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"encoding/json"
	"path/filepath"
	"reflect"
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

func meta(version, resource, kind, namespace, name string, issues ...string) model.Meta {
	return model.Meta{
		Ref: model.Ref{Cluster: "spoke", APIVersion: "external-secrets.io/" + version, Resource: resource,
			Kind: kind, Namespace: namespace, Name: name},
		DecodeIssues: issues,
	}
}

func TestDecodeExternalSecret(t *testing.T) {
	synced := model.Condition{Type: "Ready", Status: "True", Reason: "SecretSynced", Message: "secret synced",
		LastTransition: ts("2026-08-19T09:12:44Z")}
	failed := model.Condition{Type: "Ready", Status: "False", Reason: "SecretSyncedError",
		Message: "could not get secret data from provider", LastTransition: ts("2026-08-20T11:05:19Z")}
	legacy := model.Condition{Type: "Ready", Status: "True", Reason: "SecretSynced", Message: "secret synced",
		LastTransition: ts("2026-08-19T09:14:02Z")}
	partially := model.Condition{Type: "PartiallyReady", Status: "True", Message: "one or more namespaces failed"}
	pushed := model.Condition{Type: "Ready", Status: "True", Reason: "Synced", Message: "PushSecret synced successfully",
		LastTransition: ts("2026-08-20T09:30:00Z")}
	absent := model.Condition{Type: "Ready"}

	tests := []struct {
		file string
		want model.ExternalSecret
	}{{
		file: "externalsecret-ready-true.yaml",
		want: model.ExternalSecret{
			Meta:  meta("v1", "externalsecrets", "ExternalSecret", "payments", "database-credentials"),
			Ready: synced, Conditions: []model.Condition{synced},
			RefreshTime:     ts("2026-08-20T09:12:45Z"),
			RefreshInterval: time.Hour, RefreshIntervalRaw: "1h",
			StoreKind: "ClusterSecretStore", StoreName: "vault-backend", Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault-backend"}}, TargetName: "database-credentials",
		},
	}, {
		file: "externalsecret-ready-false.yaml",
		want: model.ExternalSecret{
			Meta:  meta("v1", "externalsecrets", "ExternalSecret", "payments", "stripe-api-key"),
			Ready: failed, Conditions: []model.Condition{failed},
			RefreshInterval: 15 * time.Minute, RefreshIntervalRaw: "15m",
			StoreKind: "SecretStore", StoreName: "aws-secretsmanager", Stores: []model.StoreRef{{Kind: "SecretStore", Name: "aws-secretsmanager"}}, TargetName: "stripe-api-key",
		},
	}, {
		file: "externalsecret-v1beta1-ready-true.yaml",
		want: model.ExternalSecret{
			Meta:  meta("v1beta1", "externalsecrets", "ExternalSecret", "payments", "legacy-api-token"),
			Ready: legacy, Conditions: []model.Condition{legacy},
			RefreshTime:     ts("2026-08-20T09:14:03Z"),
			RefreshInterval: time.Hour, RefreshIntervalRaw: "1h",
			StoreKind: "ClusterSecretStore", StoreName: "vault-backend", Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault-backend"}}, TargetName: "legacy-api-token",
		},
	}, {
		file: "externalsecret-minimal.yaml",
		want: model.ExternalSecret{
			Meta: func() model.Meta {
				m := meta("v1", "externalsecrets", "ExternalSecret", "payments", "api-token")
				m.UID, m.ResourceVersion, m.Created = "5b9d1c2e-3333-4f4a-8b5c-6d7e8f9a0b1c", "1234", ts("2026-08-19T09:00:00Z")
				return m
			}(),
			Ready:     absent,
			StoreKind: "SecretStore", StoreName: "team-store", Stores: []model.StoreRef{{Kind: "SecretStore", Name: "team-store"}}, TargetName: "api-token",
		},
	}, {
		file: "externalsecret-bad-types.yaml",
		want: model.ExternalSecret{
			Meta: meta("v1", "externalsecrets", "ExternalSecret", "payments", "broken",
				`spec.refreshInterval: bad duration "soon"`,
				"spec.secretStoreRef: want object, got string",
				"spec.target.name: want string, got int64",
				`status.refreshTime: bad timestamp "yesterday"`,
				"status.conditions: want list, got string",
			),
			Ready:              absent,
			RefreshIntervalRaw: "soon",
			TargetName:         "broken",
		},
	}, {
		file: "clusterexternalsecret.yaml",
		want: model.ExternalSecret{
			Meta:  meta("v1", "clusterexternalsecrets", "ClusterExternalSecret", "", "registry-pull-secret"),
			Ready: absent, Conditions: []model.Condition{partially},
			RefreshInterval: 30 * time.Minute, RefreshIntervalRaw: "30m",
			StoreKind: "ClusterSecretStore", StoreName: "vault-backend", Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault-backend"}}, TargetName: "registry-credentials",
			ProvisionedNamespaces: []string{"team-a", "team-b"},
			FailedNamespaces:      []string{"team-c"},
		},
	}, {
		file: "clusterexternalsecret-v1beta1-default-name.yaml",
		want: model.ExternalSecret{
			Meta:      meta("v1beta1", "clusterexternalsecrets", "ClusterExternalSecret", "", "shared-tls"),
			Ready:     absent,
			StoreKind: "ClusterSecretStore", StoreName: "vault-backend", Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault-backend"}}, TargetName: "shared-tls",
		},
	}, {
		file: "pushsecret.yaml",
		want: model.ExternalSecret{
			Meta:  meta("v1alpha1", "pushsecrets", "PushSecret", "payments", "push-db-password"),
			Ready: pushed, Conditions: []model.Condition{pushed},
			RefreshTime:     ts("2026-08-20T09:30:00Z"),
			RefreshInterval: 10 * time.Second, RefreshIntervalRaw: "10s",
			// The label-selector ref has no name; the default kind of the unnamed-kind ref is SecretStore.
			StoreKind: "ClusterSecretStore,SecretStore", StoreName: "vault-backend,aws-secretsmanager", Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault-backend"}, {Kind: "SecretStore", Name: "aws-secretsmanager"}},
			TargetName: "db-password",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := DecodeExternalSecret(decodetest.LoadOne(t, filepath.Join("testdata", tt.file)), "spoke")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatch:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func TestDecodeSecretStore(t *testing.T) {
	invalid := model.Condition{Type: "Ready", Status: "False", Reason: "InvalidProviderConfig",
		Message: "unable to validate store", LastTransition: ts("2026-08-20T08:00:00Z")}
	valid := model.Condition{Type: "Ready", Status: "True", Reason: "Valid",
		Message: "store validated", LastTransition: ts("2026-08-20T08:00:00Z")}
	badReady := model.Condition{Type: "Ready", Status: "False"}
	tests := []struct {
		file string
		want model.SecretStore
	}{{
		file: "clustersecretstore-vault-invalid.yaml",
		want: model.SecretStore{
			Meta:     meta("v1", "clustersecretstores", "ClusterSecretStore", "", "vault-backend"),
			Provider: "vault", ProviderServer: "https://vault.example.com:8200",
			Ready: invalid, Capabilities: "ReadWrite", Conditions: []model.Condition{invalid},
		},
	}, {
		file: "secretstore-aws-v1beta1-valid.yaml",
		want: model.SecretStore{
			Meta:     meta("v1beta1", "secretstores", "SecretStore", "payments", "aws-secretsmanager"),
			Provider: "aws",
			Ready:    valid, Capabilities: "ReadOnly", Conditions: []model.Condition{valid},
		},
	}, {
		file: "secretstore-bad-types.yaml",
		want: model.SecretStore{
			Meta: meta("v1", "secretstores", "SecretStore", "payments", "broken-store",
				"spec.provider.vault: want object, got string",
				"status.capabilities: want string, got int64",
				`status.conditions[0].lastTransitionTime: bad timestamp "2026-08-20 08:00"`,
			),
			Provider: "vault",
			Ready:    badReady, Conditions: []model.Condition{badReady},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := DecodeSecretStore(decodetest.LoadOne(t, filepath.Join("testdata", tt.file)), "spoke")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatch:\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func TestUnknownKindsAndNil(t *testing.T) {
	u := decodetest.LoadOne(t, filepath.Join("testdata", "externalsecret-minimal.yaml"))
	u.SetKind("ClusterPushSecret")
	es := DecodeExternalSecret(u, "spoke")
	if es.Kind != "ExternalSecret" || len(es.DecodeIssues) != 1 {
		t.Errorf("unknown kind: got kind %q, issues %q", es.Kind, es.DecodeIssues)
	}
	if es := DecodeExternalSecret(nil, "spoke"); es.Kind != "ExternalSecret" || es.DecodeIssues != nil {
		t.Errorf("DecodeExternalSecret(nil) = %s", dump(es))
	}
	if st := DecodeSecretStore(nil, "spoke"); st.Kind != "SecretStore" || st.DecodeIssues != nil {
		t.Errorf("DecodeSecretStore(nil) = %s", dump(st))
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// TestRefreshPolicyIsDecoded: spec.refreshPolicy decides whether a secret can be stale.
func TestRefreshPolicyIsDecoded(t *testing.T) {
	u := &unstructured.Unstructured{Object: map[string]any{"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
		"metadata": map[string]any{"name": "once", "namespace": "ns"},
		"spec":     map[string]any{"refreshPolicy": "CreatedOnce", "refreshInterval": "1h"}}}
	if got := DecodeExternalSecret(u, "c").RefreshPolicy; got != "CreatedOnce" {
		t.Fatalf("RefreshPolicy %q", got)
	}
}
