package argocd

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mcgtui/mcgtui/internal/sources/decode"
	"github.com/mcgtui/mcgtui/internal/sources/decode/decodetest"
)

// The wire decoder must give exactly what the map decoder gives whenever it accepts an
// object, and must accept the well-formed fixtures (else it would buy nothing).
func TestDecodeApplicationJSONMatchesMapPath(t *testing.T) {
	files, _ := filepath.Glob("testdata/*application-*.yaml")
	clean := 0
	for _, file := range files {
		for _, doc := range decodetest.JSONDocs(t, file) {
			wire, u, ok := decodetest.Wire(doc)
			if !ok {
				t.Fatalf("%s: not an object", file)
			}
			want := DecodeApplication(u, "c1")
			got, ok := DecodeApplicationJSON(wire, "c1")
			if !ok {
				if want.DecodeIssues == nil {
					t.Errorf("%s: the wire decoder refused an object the map decoder reads cleanly", file)
				}
				continue
			}
			clean++
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: wire decode differs\n got %+v\nwant %+v", file, got, want)
			}
		}
	}
	if clean < 4 {
		t.Errorf("only %d fixtures took the wire path", clean)
	}
}

func FuzzDecodeApplicationJSON(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/application*.yaml")
	decodetest.AddSeeds(f, "testdata/argocd-application*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		wire, u, ok := decodetest.Wire(data)
		if !ok {
			return
		}
		got, ok := DecodeApplicationJSON(wire, "fuzz")
		if !ok {
			return
		}
		if want := DecodeApplication(u, "fuzz"); !reflect.DeepEqual(got, want) {
			t.Fatalf("wire decode differs from the map decode\n got %+v\nwant %+v", got, want)
		}
	})
}

// The hand-written scan reads exactly what reflection reads whenever it accepts a document
// (it refuses more: keys read twice), and it keeps no string of the data it read.
func FuzzScanApplicationMatchesUnmarshal(f *testing.F) {
	decodetest.AddSeeds(f, "testdata/application*.yaml")
	decodetest.AddSeeds(f, "testdata/argocd-application*.yaml")
	f.Add([]byte(`{"metadata":{"name":"a\u00e9\ud83d\ude00\ud800x"},"status":{"history":[null,{"id":-0}],"sync":null}}`))
	f.Add([]byte(`{"spec":{"project":"p","project":"q"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var scanned, unmarshalled wireApp
		ok := decode.Scan(data, scanned.scan)
		okReflect := decode.UnmarshalWire(data, &unmarshalled)
		if !ok {
			return
		}
		if !okReflect {
			t.Fatalf("the scan accepted what reflection refuses: %q", data)
		}
		if !reflect.DeepEqual(scanned, unmarshalled) {
			t.Fatalf("scan differs from reflection\n got %+v\nwant %+v", scanned, unmarshalled)
		}
		// The decoded model must not alias the data: garble it and compare with a copy's.
		own := bytes.Clone(data)
		got, ok := DecodeApplicationJSON(own, "fuzz")
		for i := range own {
			own[i] = '#'
		}
		want, wantOK := DecodeApplicationJSON(data, "fuzz")
		if ok != wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("the decoded Application changed with the data it was read from\n got %+v\nwant %+v", got, want)
		}
	})
}
