package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs one command line in-process with an empty config folder, so that the
// developer's own config cannot change the result.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeKubeconfig(t *testing.T, server string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kubeconfig")
	data := `apiVersion: v1
kind: Config
clusters:
- name: hub
  cluster: {server: "` + server + `"}
users:
- name: admin
  user: {token: not-a-real-token}
contexts:
- name: hub
  context: {cluster: hub, user: admin}
current-context: hub
`
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStatusBrokenKubeconfig(t *testing.T) {
	p := filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(p, []byte("apiVersion: v1\nclusters: [this is not: a kubeconfig\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "status", "--kubeconfig", p)
	if code != 2 || !strings.Contains(stderr, "kubeconfig") {
		t.Fatalf("exit %d, stderr %q; want 2 and a message naming the kubeconfig", code, stderr)
	}
}

func TestStatusMissingContext(t *testing.T) {
	p := writeKubeconfig(t, "https://127.0.0.1:1")
	code, _, stderr := runCmd(t, "status", "--kubeconfig", p, "--context", "nope")
	if code != 2 || !strings.Contains(stderr, `context "nope" not found`) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestStatusUnreachableHub(t *testing.T) {
	// Port 1 on loopback: nothing listens, the connection is refused at once.
	p := writeKubeconfig(t, "https://127.0.0.1:1")
	code, _, stderr := runCmd(t, "status", "--kubeconfig", p, "--timeout", "20s")
	if code != 2 || !strings.Contains(stderr, "cannot read the fleet from hub context") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestStatusBadOutputFormat(t *testing.T) {
	code, _, stderr := runCmd(t, "status", "--demo", "-o", "yaml")
	if code != 2 || !strings.Contains(stderr, "yaml") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestUnknownCommandAndArguments(t *testing.T) {
	if code, _, _ := runCmd(t, "frobnicate"); code != 2 {
		t.Fatalf("unknown command: exit %d", code)
	}
	if code, _, _ := runCmd(t, "status", "--demo", "extra"); code != 2 {
		t.Fatalf("extra argument: exit %d", code)
	}
}

func TestStatusDemoJSONListsEveryObject(t *testing.T) {
	code, stdout, stderr := runCmd(t, "status", "--demo", "-o", "json")
	if code != 1 {
		t.Fatalf("demo has trouble by design: want exit 1, got %d (stderr %q)", code, stderr)
	}
	var doc struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	kinds := map[string]int{}
	for _, it := range doc.Items {
		kinds[it["kind"].(string)]++
	}
	for kind, least := range map[string]int{"Application": 60, "ExternalSecret": 40, "PersistentVolumeClaim": 30, "ManagedCluster": 8, "StorageNode": 8} {
		if kinds[kind] < least {
			t.Errorf("%d %s rows, want at least %d (kinds: %v)", kinds[kind], kind, least, kinds)
		}
	}
}

// silentServer accepts TCP connections on loopback and never answers on them, like a hub
// behind a wedged load balancer.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c) // held open, never read or written
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return "https://" + ln.Addr().String()
}

func TestStatusSilentHubIsAnError(t *testing.T) {
	p := writeKubeconfig(t, silentServer(t))
	code, stdout, stderr := runCmd(t, "status", "--kubeconfig", p, "--timeout", "1s")
	if code != 2 || !strings.Contains(stderr, `hub context "hub" did not answer within 1s`) || !strings.Contains(stderr, "no answer") {
		t.Fatalf("exit %d, stderr %q; want 2 and the cause", code, stderr)
	}
	if strings.Contains(stdout, "OK") {
		t.Fatalf("a hub that never answered was reported:\n%s", stdout)
	}
}
