package pxsdk

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The fuzz targets feed arbitrary bytes to the SDK decoders: they must never panic, and what
// they produce must still marshal (status -o json). Seeds are the real gateway's answers.
func addSDKSeeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "sdk", pattern))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
}

func FuzzDecodeVolumeInspect(f *testing.F) {
	addSDKSeeds(f, "volume-*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		v := DecodeVolumeInspect(data, "fuzz")
		if _, err := json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzDecodeNodeInspect(f *testing.F) {
	addSDKSeeds(f, "node-*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		n := DecodeNodeInspect(data, "fuzz")
		if _, err := json.Marshal(n); err != nil {
			t.Fatal(err)
		}
		_, _ = DecodeIDs(data, "node_ids")
		_, _ = DecodeCluster(data)
	})
}
