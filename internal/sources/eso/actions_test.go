package eso

import (
	"encoding/json"
	"testing"
	"time"
)

// A ClusterExternalSecret is force-synced with ESO's prefixed annotation, the one its
// controller copies onto the ExternalSecrets it provisioned (test/peers proves it against the
// real ESO); ExternalSecrets and PushSecrets with the plain force-sync annotation.
func TestForceSyncPatchPerKind(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for kind, want := range map[string]string{
		"ExternalSecret":        "force-sync",
		"PushSecret":            "force-sync",
		"ClusterExternalSecret": "external-secrets.io/force-sync",
	} {
		var p struct {
			Metadata struct {
				Annotations map[string]string `json:"annotations"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal(ForceSyncPatch(kind, now), &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Metadata.Annotations) != 1 || p.Metadata.Annotations[want] != "1700000000" {
			t.Errorf("%s: patch annotations %v, want only %s=1700000000", kind, p.Metadata.Annotations, want)
		}
	}
}
