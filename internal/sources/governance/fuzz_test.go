package governance

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

// FuzzDecodePolicy feeds arbitrary JSON objects through the Policy decoder: it must never
// panic, keep its bounds (history, message length, valid UTF-8 where the input was) and give a
// value that marshals. Seeds are the fixtures plus the committed corpus in testdata/fuzz.
func FuzzDecodePolicy(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/policy-*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			p := DecodePolicy(u, "hub")
			for _, d := range p.Details {
				if len(d.History) > MaxHistory || d.HistoryTotal < len(d.History) {
					t.Fatalf("history %d of %d", len(d.History), d.HistoryTotal)
				}
				for _, h := range d.History {
					if len(h.Message) > MaxMessageLen+len("…") {
						t.Fatalf("message of %d bytes", len(h.Message))
					}
					if utf8.ValidString(string(data)) && !utf8.ValidString(h.Message) {
						t.Fatalf("clipping broke UTF-8: %q", h.Message)
					}
				}
			}
			if _, err := json.Marshal(p); err != nil {
				t.Fatalf("decoded Policy does not marshal: %v", err)
			}
		}
	})
}

// FuzzDecodePlacementKinds runs the PolicySet, PlacementBinding, Placement and
// PlacementDecision decoders on arbitrary objects.
func FuzzDecodePlacementKinds(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/placement*.yaml")
	decodetest.AddSeeds(f, "testdata/policyset.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, u := range decodetest.Objects(data) {
			for _, v := range []any{DecodePolicySet(u, "hub"), DecodePlacementBinding(u, "hub"),
				DecodePlacement(u, "hub"), DecodePlacementDecision(u, "hub")} {
				if _, err := json.Marshal(v); err != nil {
					t.Fatalf("%T does not marshal: %v", v, err)
				}
			}
		}
	})
}
