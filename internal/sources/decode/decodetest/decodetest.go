// Package decodetest loads the YAML fixtures and fuzz inputs shared by the decoder tests of the
// product sources.
package decodetest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"sigs.k8s.io/yaml"
)

// Load reads every YAML document of a fixture file (documents separated by "---" lines) as an
// unstructured object, the way an informer delivers it: whole numbers become int64.
func Load(t testing.TB, path string) []*unstructured.Unstructured {
	t.Helper()
	var out []*unstructured.Unstructured
	for _, doc := range JSONDocs(t, path) {
		var obj map[string]any
		if err := utiljson.Unmarshal(doc, &obj); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, &unstructured.Unstructured{Object: obj})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no documents", path)
	}
	return out
}

// LoadOne reads a fixture file that holds exactly one object.
func LoadOne(t testing.TB, path string) *unstructured.Unstructured {
	t.Helper()
	objs := Load(t, path)
	if len(objs) != 1 {
		t.Fatalf("%s: want 1 document, got %d", path, len(objs))
	}
	return objs[0]
}

// JSONDocs returns each non-empty YAML document of a file converted to JSON.
func JSONDocs(t testing.TB, path string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, doc := range bytes.Split(data, []byte("\n---")) {
		j, err := yaml.YAMLToJSON(doc)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(bytes.TrimSpace(j)) == 0 || string(bytes.TrimSpace(j)) == "null" {
			continue
		}
		out = append(out, j)
	}
	return out
}

// AddSeeds adds every document of the YAML files matching pattern (relative to the test's
// package directory) to the fuzzer's seed corpus, as JSON.
func AddSeeds(f *testing.F, pattern string) {
	f.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	sort.Strings(files)
	for _, file := range files {
		for _, doc := range JSONDocs(f, file) {
			f.Add(doc)
		}
	}
}

// Objects turns fuzz input into the objects a decoder is run on: the JSON decoded once the way
// encoding/json does it (every number a float64) and once the way client-go does it (whole
// numbers int64), so both number representations are exercised. Input that is not a JSON
// object gives none.
func Objects(data []byte) []*unstructured.Unstructured {
	var plain, kube map[string]any
	if err := json.Unmarshal(data, &plain); err != nil {
		return nil
	}
	out := []*unstructured.Unstructured{{Object: plain}}
	if err := utiljson.Unmarshal(data, &kube); err == nil {
		out = append(out, &unstructured.Unstructured{Object: kube})
	}
	return out
}

// Wire turns fuzz input into what an API server could send (the JSON object, decoded and
// encoded again, so that it has no duplicate keys) and the unstructured object client-go
// would decode from it. ok is false for input that is not a JSON object.
func Wire(data []byte) (wire []byte, u *unstructured.Unstructured, ok bool) {
	var obj map[string]any
	if err := utiljson.Unmarshal(data, &obj); err != nil || obj == nil {
		return nil, nil, false
	}
	wire, err := json.Marshal(obj)
	if err != nil {
		return nil, nil, false
	}
	var again map[string]any
	if err := utiljson.Unmarshal(wire, &again); err != nil {
		return nil, nil, false
	}
	return wire, &unstructured.Unstructured{Object: again}, true
}
