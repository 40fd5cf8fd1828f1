package argocd

import (
	"encoding/json"
	"testing"

	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

// The fuzz targets feed arbitrary JSON objects to the decoders: they must never panic, and what
// they produce must still marshal (the dashboard's JSON output). Seeds are the fixtures plus the
// committed corpus in testdata/fuzz.

func FuzzDecodeApplication(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/application*.yaml")
	decodetest.AddSeeds(f, "testdata/argocd-application*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			app := DecodeApplication(u, "fuzz")
			if _, err := json.Marshal(app); err != nil {
				t.Fatalf("decoded App does not marshal: %v", err)
			}
		}
	})
}

func FuzzDecodeApplicationSet(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/applicationset*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			set := DecodeApplicationSet(u, "fuzz")
			if _, err := json.Marshal(set); err != nil {
				t.Fatalf("decoded AppSet does not marshal: %v", err)
			}
		}
	})
}
