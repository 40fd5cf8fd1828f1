package portworx

import (
	"encoding/json"
	"testing"

	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

// The fuzz targets feed arbitrary JSON objects to the decoders: they must never panic, and what
// they produce must still marshal (the dashboard's JSON output). Seeds are the fixtures plus the
// committed corpus in testdata/fuzz.

func FuzzDecodeStorageCluster(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/*storagecluster*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			mustMarshal(t, DecodeStorageCluster(u, "fuzz"))
		}
	})
}

func FuzzDecodeStorageNode(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/*storagenode*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			mustMarshal(t, DecodeStorageNode(u, "fuzz"))
		}
	})
}

func FuzzDecodePVC(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/pvc-*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			v := DecodePVC(u, "fuzz")
			pv := DecodePV(u, "fuzz") // the same garbage read as a PV, to exercise the join
			mustMarshal(t, JoinVolume(v, &pv, StorageClassProvisioner(u)))
		}
	})
}

func FuzzDecodePV(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/pv-*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			mustMarshal(t, DecodePV(u, "fuzz"))
		}
	})
}

func mustMarshal(t *testing.T, v any) {
	t.Helper()
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("decoded value does not marshal: %v", err)
	}
}
