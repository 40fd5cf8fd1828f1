package acm

import (
	"encoding/json"
	"testing"

	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

// FuzzDecodeManagedCluster feeds arbitrary JSON objects through the typed conversion: it must
// never panic (a conversion error is fine), and a decoded cluster must marshal. Seeds are the
// fixtures plus the committed corpus in testdata/fuzz.
func FuzzDecodeManagedCluster(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/managedcluster-*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			mc, err := DecodeManagedCluster(u)
			if err != nil {
				continue
			}
			if _, err := json.Marshal(mc); err != nil {
				t.Fatalf("decoded ManagedCluster does not marshal: %v", err)
			}
		}
	})
}
