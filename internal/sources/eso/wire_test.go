package eso

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mcgtui/mcgtui/internal/sources/decode"
	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

// The wire decoder must give exactly what the map decoder gives whenever it accepts an
// object, and must accept the well-formed ExternalSecret fixtures.
func TestDecodeExternalSecretJSONMatchesMapPath(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.yaml")
	clean := 0
	for _, file := range files {
		for _, doc := range decodetest.JSONDocs(t, file) {
			wire, u, ok := decodetest.Wire(doc)
			if !ok {
				t.Fatalf("%s: not an object", file)
			}
			want := DecodeExternalSecret(u, "c1")
			got, ok := DecodeExternalSecretJSON(wire, "c1")
			if !ok {
				if want.DecodeIssues == nil && u.GetKind() == KindExternalSecret {
					t.Errorf("%s: the wire decoder refused an ExternalSecret the map decoder reads cleanly", file)
				}
				continue
			}
			clean++
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: wire decode differs\n got %+v\nwant %+v", file, got, want)
			}
		}
	}
	if clean < 2 {
		t.Errorf("only %d fixtures took the wire path", clean)
	}
}

func FuzzDecodeExternalSecretJSON(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		wire, u, ok := decodetest.Wire(data)
		if !ok {
			return
		}
		got, ok := DecodeExternalSecretJSON(wire, "fuzz")
		if !ok {
			return
		}
		if want := DecodeExternalSecret(u, "fuzz"); !reflect.DeepEqual(got, want) {
			t.Fatalf("wire decode differs from the map decode\n got %+v\nwant %+v", got, want)
		}
	})
}

// The hand-written scan reads exactly what reflection reads whenever it accepts a document,
// and the decoded ExternalSecret keeps no string of the data it was read from.
func FuzzScanExternalSecretMatchesUnmarshal(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/*.yaml")
	f.Add([]byte(`{"kind":"ExternalSecret","spec":{"target":{"name":"t\u00e9"},"refreshInterval":"1h"},"status":{"conditions":[null,{"type":"Ready"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var scanned, unmarshalled wireExternalSecret
		if !decode.Scan(data, scanned.scan) {
			return
		}
		if !decode.UnmarshalWire(data, &unmarshalled) {
			t.Fatalf("the scan accepted what reflection refuses: %q", data)
		}
		if !reflect.DeepEqual(scanned, unmarshalled) {
			t.Fatalf("scan differs from reflection\n got %+v\nwant %+v", scanned, unmarshalled)
		}
		own := bytes.Clone(data)
		got, ok := DecodeExternalSecretJSON(own, "fuzz")
		for i := range own {
			own[i] = '#'
		}
		if want, wantOK := DecodeExternalSecretJSON(data, "fuzz"); ok != wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("the decoded ExternalSecret changed with the data it was read from\n got %+v\nwant %+v", got, want)
		}
	})
}
