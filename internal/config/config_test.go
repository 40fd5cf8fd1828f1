package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadMissingFileIsEmpty(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "absent.yaml"))
	if err != nil || len(c.Clusters) != 0 {
		t.Fatalf("got %+v, %v", c, err)
	}
}

func TestLoadAndMapping(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	data := "readOnly: true\nclusters:\n  east: {context: ctx-east}\n  west: {context: ctx-west}\n"
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if !c.ReadOnly {
		t.Error("readOnly not read")
	}
	m, err := c.ContextMapping([]string{"west=override", "north=ctx-north"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"east": "ctx-east", "west": "override", "north": "ctx-north"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("mapping[%s] = %q, want %q", k, m[k], v)
		}
	}
	if _, err := c.ContextMapping([]string{"novalue"}); err == nil {
		t.Error("malformed --cluster-context accepted")
	}
}

func TestLoadRejectsUnknownFields(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte("clustres: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("typo not reported with the file name: %v", err)
	}
}
