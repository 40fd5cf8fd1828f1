package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestPortworxTokenEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	data := "clusters:\n  east:\n    context: east-admin\n    portworx:\n      tokenEnv: EAST_PX_TOKEN\n  west:\n    context: west-admin\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.PortworxTokenEnvs(), map[string]string{"east": "EAST_PX_TOKEN"}; !reflect.DeepEqual(got, want) {
		t.Errorf("PortworxTokenEnvs = %v, want %v", got, want)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("clusters:\n  east:\n    portworx:\n      token: secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); err == nil {
		t.Error("a token in the file (unknown field) was accepted")
	}
}
