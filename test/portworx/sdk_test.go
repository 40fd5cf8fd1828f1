package portworx

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/pxsdk"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// fixture is the cluster the SDK servers serve: healthy, resyncing, degraded, resync-failed,
// re-adding, down and detached volumes; a node with a pool 93 % full, one with its storage
// down, one out of quorum.
func fixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", "sources", "pxsdk", "testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func client(t *testing.T, cfg *rest.Config) kubernetes.Interface {
	t.Helper()
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func proxyPoller(t *testing.T, cfg *rest.Config) *pxsdk.Poller {
	p := pxsdk.NewPoller("px", pxsdk.ServiceProxy{Client: client(t, cfg).CoreV1().RESTClient()}, nil)
	p.Limits.Request = 5 * time.Second
	return p
}

func byName(vols []model.PXVolume) map[string]model.PXVolume {
	m := map[string]model.PXVolume{}
	for _, v := range vols {
		m[v.Name] = v
	}
	return m
}

func TestReplicationThroughTheServiceProxy(t *testing.T) {
	e := requireEnv(t)
	if err := e.Open.load(fixture(t)); err != nil {
		t.Fatal(err)
	}
	res := proxyPoller(t, e.Reader).Once(ctxT(t), "px-open")
	if res.Source.State != model.StateReady || res.Path != "service-proxy" {
		t.Fatalf("source %s via %q: %s", res.Source.State, res.Path, res.Source.Reason)
	}
	if res.ClusterName != "sdk-open" || res.Quorum != "ok" || len(res.Nodes) != 4 || len(res.Volumes) != 7 {
		t.Fatalf("cluster %q quorum %q, %d nodes, %d volumes", res.ClusterName, res.Quorum, len(res.Nodes), len(res.Volumes))
	}
	vols := byName(res.Volumes)
	for name, want := range map[string]struct {
		state   string
		verdict model.Verdict
	}{
		"pvc-9f8e7d6c-5555-4b4a-8c9d-0e1f2a3b4c5d": {model.ReplUp, model.VerdictOK},
		"pvc-resync":        {model.ReplResync, model.VerdictWarning},
		"pvc-degraded":      {model.ReplDegraded, model.VerdictCritical},
		"pvc-resync-failed": {model.ReplResyncFailed, model.VerdictCritical},
		"pvc-readd":         {model.ReplReAdding, model.VerdictWarning},
		"pvc-down":          {model.ReplDetached, model.VerdictCritical},
	} {
		v := vols[name]
		if v.Replication.State != want.state || v.Health.Verdict != want.verdict {
			t.Errorf("%s: replication %q %s %q, want %q %s", name, v.Replication.State, v.Health.Verdict, v.Health.Reason, want.state, want.verdict)
		}
	}
	if got := vols["pvc-degraded"].AttachedHost; got != "worker-a" {
		t.Errorf("pvc-degraded attached on host %q, want worker-a (attached_on is its mgmt IP)", got)
	}
	for _, n := range res.Nodes {
		if n.Hostname == "worker-b" && !strings.Contains(n.Health.Reason, "pool 0 93% full") {
			t.Errorf("worker-b: %s %q", n.Health.Verdict, n.Health.Reason)
		}
	}
}

func TestSDKFaults(t *testing.T) {
	e := requireEnv(t)
	if err := e.Open.load(fixture(t)); err != nil {
		t.Fatal(err)
	}
	t.Run("no services/proxy", func(t *testing.T) {
		res := proxyPoller(t, e.NoProxy).Once(ctxT(t), "px-open")
		if res.Source.State != model.StateForbidden || !strings.Contains(res.Source.Reason, "services/proxy") {
			t.Errorf("%s: %s", res.Source.State, res.Source.Reason)
		}
	})
	t.Run("security on, through the proxy", func(t *testing.T) {
		res := proxyPoller(t, e.Reader).Once(ctxT(t), "px-secure")
		if res.Source.State != model.StateAuthRequired || len(res.Volumes) != 0 {
			t.Errorf("%s: %s", res.Source.State, res.Source.Reason)
		}
	})
	t.Run("slow", func(t *testing.T) {
		p := proxyPoller(t, e.Reader)
		p.Limits.Request = time.Second // the relay waits 3 s
		res := p.Once(ctxT(t), "px-slow")
		if res.Source.State != model.StateUnreachable || !strings.Contains(res.Source.Reason, "timeout") {
			t.Errorf("%s: %s", res.Source.State, res.Source.Reason)
		}
	})
	t.Run("no portworx-api service", func(t *testing.T) {
		res := proxyPoller(t, e.Reader).Once(ctxT(t), "px-none")
		if res.Source.State != model.StateNotInstalled {
			t.Errorf("%s: %s", res.Source.State, res.Source.Reason)
		}
	})
	t.Run("SDK down after a good poll", func(t *testing.T) {
		if err := e.Down.load(fixture(t)); err != nil {
			t.Fatal(err)
		}
		p := proxyPoller(t, e.Reader)
		if res := p.Once(ctxT(t), "px-down"); res.Source.State != model.StateReady {
			t.Fatalf("first poll: %s: %s", res.Source.State, res.Source.Reason)
		}
		e.Down.proc.stop()
		res := p.Once(ctxT(t), "px-down")
		if res.Source.State != model.StateStale || len(res.Volumes) != 7 || res.Polled.IsZero() {
			t.Errorf("after the SDK died: %s (%d volumes kept): %s", res.Source.State, len(res.Volumes), res.Source.Reason)
		}
		t.Logf("stale reason: %s", res.Source.Reason)
	})
}

func TestPortForwardCarriesTheToken(t *testing.T) {
	e := requireEnv(t)
	if err := e.Secure.load(fixture(t)); err != nil {
		t.Fatal(err)
	}
	token, err := e.Secure.token()
	if err != nil {
		t.Fatal(err)
	}
	cs := client(t, e.Reader)
	poll := func(token string) *model.PortworxSDK {
		p := pxsdk.NewPoller("px", pxsdk.PortForward{Config: e.Reader, Client: cs, Token: token}, nil)
		p.Limits.Request = 10 * time.Second
		return p.Once(ctxT(t), "px-secure")
	}
	res := poll(token)
	if res.Source.State != model.StateReady || res.Path != "port-forward" || len(res.Volumes) != 7 {
		t.Fatalf("%s via %q, %d volumes: %s", res.Source.State, res.Path, len(res.Volumes), res.Source.Reason)
	}
	if hits := e.Kubelet.forwarded(); len(hits) == 0 || hits[0] != "px-secure/"+podName+":9121" {
		t.Errorf("kubelet forwarded %q", hits)
	}
	if res := poll(token + "x"); res.Source.State != model.StateForbidden || !strings.Contains(res.Source.Reason, "refused the token") {
		t.Errorf("bad token: %s: %s", res.Source.State, res.Source.Reason)
	}
	if res := poll(""); res.Source.State != model.StateAuthRequired {
		t.Errorf("no token: %s: %s", res.Source.State, res.Source.Reason)
	}
}

// TestStatusJSONShowsReplication runs the real binary: claims on the API server, their
// volumes in the real SDK behind the service proxy, `mcgtui status -o json`.
func TestStatusJSONShowsReplication(t *testing.T) {
	e := requireEnv(t)
	if err := e.Open.load(fixture(t)); err != nil {
		t.Fatal(err)
	}
	if err := e.claims(ctxT(t), "px-open", map[string]string{
		"db": "1034536891216728311", "cache": "774629385713957123", "ledger": "881234567890123456", "gone": "404404",
	}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(e.Bin, "status", "-o", "json", "--kubeconfig", e.ReaderKubeconfig, "--context", "px", "--timeout", "60s")
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+e.Dir) // no config file of the machine's user
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() != 1 {
		t.Fatalf("status: exit %d: %s", ee.ExitCode(), ee.Stderr)
	} else if err != nil && !ok {
		t.Fatal(err)
	}
	var doc struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	rows := doc.Items
	want := map[string][4]string{ // replicas, replication, verdict, attachedOn
		"db":     {"3/3", "up", "OK", "worker-a"},
		"cache":  {"2/2", "resync", "Warning", "worker-b"},
		"ledger": {"2/3", "degraded", "Critical", "worker-a"},
	}
	seen := 0
	for _, r := range rows {
		switch r["kind"] {
		case "PersistentVolumeClaim":
			name, _ := r["name"].(string)
			if name == "gone" {
				seen++
				if r["verdict"] != "Warning" || !strings.Contains(r["reason"].(string), "portworx has no volume 404404") {
					t.Errorf("gone: %v %v", r["verdict"], r["reason"])
				}
				continue
			}
			w, ok := want[name]
			if !ok {
				continue
			}
			seen++
			got := [4]string{str(r["replicas"]), str(r["replication"]), str(r["verdict"]), str(r["attachedOn"])}
			if got != w {
				t.Errorf("%s: %q, want %q (reason %v)", name, got, w, r["reason"])
			}
		case "Cluster":
			if str(r["portworxSDK"]) != "Ready via service-proxy" || str(r["quorum"]) != "ok" {
				t.Errorf("cluster row: portworxSDK %v quorum %v", r["portworxSDK"], r["quorum"])
			}
		}
	}
	if seen != 4 {
		t.Errorf("saw %d of the 4 claims in:\n%s", seen, out)
	}
}

func str(v any) string { s, _ := v.(string); return s }
