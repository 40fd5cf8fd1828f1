package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadConfig: whatever a config file holds, Load returns a config or one line that names
// the file, and never panics.
func FuzzLoadConfig(f *testing.F) {
	for _, seed := range []string{
		"readOnly: true\n",
		"clusters:\n  east:\n    context: a\n    access: proxy\n    proxy: {exec: {command: x, env: [{name: A, value: b}]}}\n",
		"clusterProxy: {url: 'https://p.example.com', maxWatched: 5, lingerSeconds: 10}\n",
		"theme: {ok: '#fff'}\nkeymap: {sync: [x, ctrl+s]}\n",
		"argocd: {server: x, insecure: true}\n",
		"a: &x [1]\nb: *x\n",
		"clusters: {east: {context: [1, {a: b}]}}\n",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "config "+p+":") || strings.Contains(msg, "\n") {
				t.Fatalf("not one line naming the file: %q", msg)
			}
		}
	})
}
