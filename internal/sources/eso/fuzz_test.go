package eso

import (
	"encoding/json"
	"testing"

	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

// The fuzz targets feed arbitrary JSON objects to the decoders: they must never panic, and what
// they produce must still marshal (the dashboard's JSON output). Seeds are the fixtures plus the
// committed corpus in testdata/fuzz.

func FuzzDecodeExternalSecret(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/externalsecret*.yaml")
	decodetest.AddSeeds(f, "testdata/clusterexternalsecret*.yaml")
	decodetest.AddSeeds(f, "testdata/pushsecret*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			es := DecodeExternalSecret(u, "fuzz")
			if _, err := json.Marshal(es); err != nil {
				t.Fatalf("decoded ExternalSecret does not marshal: %v", err)
			}
		}
	})
}

func FuzzDecodeSecretStore(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/*secretstore*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			st := DecodeSecretStore(u, "fuzz")
			if _, err := json.Marshal(st); err != nil {
				t.Fatalf("decoded SecretStore does not marshal: %v", err)
			}
		}
	})
}
