package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Bad access settings exit 2 with a first line naming the setting, never a panic.
func TestBadAccessSettings(t *testing.T) {
	kc := writeKubeconfig(t, "https://127.0.0.1:1")
	dir := t.TempDir()
	badAccess := filepath.Join(dir, "access.yaml")
	if err := os.WriteFile(badAccess, []byte("clusters:\n  east:\n    access: sideways\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"access not a path", []string{"--config", badAccess}, `access.yaml:3:13: clusters.east.access: "sideways": want auto, context, proxy or hub`},
		{"missing proxy CA", []string{"--config", empty, "--cluster-proxy", "https://127.0.0.1:2", "--cluster-proxy-ca", filepath.Join(dir, "nope.pem")}, "--cluster-proxy-ca " + filepath.Join(dir, "nope.pem") + ": no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), append([]string{"status", "--kubeconfig", kc}, tc.args...), &out, &errb)
			first, _, _ := strings.Cut(errb.String(), "\n")
			if code != 2 || !strings.Contains(first, tc.want) || strings.Contains(errb.String(), "panic") {
				t.Fatalf("exit %d, stderr %q; want 2 and a first line containing %q", code, errb.String(), tc.want)
			}
		})
	}
}
