package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"
)

const proxyViewer = "proxy-viewer"

// proxyStatus runs `mcgtui status -o json` with a kubeconfig and a config file of its own.
func (s *Suite) proxyStatus(t *testing.T, kubeconfig, configFile string) (fullDoc, result) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.Bin, "status", "-o", "json", "--timeout", "60s", "--kubeconfig", kubeconfig, "--config", configFile)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	r := result{}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("running mcgtui: %v", err)
		}
		r.code = exit.ExitCode()
	}
	r.stdout, r.stderr = out.String(), errb.String()
	var doc fullDoc
	if r.code == 0 || r.code == 1 {
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatalf("status output is not JSON (exit %d): %v\n%s\nstderr: %s", r.code, err, r.stdout, r.stderr)
		}
	}
	return doc, r
}

// fullDoc keeps every field of every row, to compare two runs field by field.
type fullDoc struct {
	Items []map[string]any `json:"items"`
}

func (d fullDoc) rows(cluster string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range d.Items {
		if r["cluster"] == cluster {
			out[r["kind"].(string)+" "+str(r["namespace"])+"/"+str(r["name"])] = r
		}
	}
	return out
}

func str(v any) string { s, _ := v.(string); return s }

// With a kubeconfig that holds the hub's context alone (a token user), every spoke is reached
// through the hub's cluster-proxy: `status` lists the same objects with the same fields as a
// run with a context per spoke, each spoke's row says access proxy, and the spokes' audit logs
// show the requests made as the hub user (impersonated by the proxy), never as anyone else.
func TestOnlyTheHubThroughClusterProxy(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	p := s.clusterProxy(t)
	token, username := s.hubTokenUser(t, proxyViewer, readerRole)
	for _, spoke := range []*Plane{s.East, s.West} {
		bindUser(t, spoke, username, readerRole) // the ClusterPermission
	}

	direct, r := s.statusJSONFull(t, s.kubeconfigFor(t, nil))
	if r.code != 1 {
		t.Fatalf("direct run: exit %d\n%s", r.code, r.stderr)
	}
	viaProxy, r := s.proxyStatus(t, s.hubOnlyKubeconfig(t, token), proxyConfigFile(t, p, nil))
	if r.code != 1 {
		t.Fatalf("hub-only run: exit %d\nstderr: %s", r.code, r.stderr)
	}
	for _, spoke := range []string{eastName, westName} {
		want, got := direct.rows(spoke), viaProxy.rows(spoke)
		if len(got) != len(want) || len(want) < 3 {
			t.Errorf("%s: %d rows through the proxy, %d direct", spoke, len(got), len(want))
		}
		for key, w := range want {
			g, ok := got[key]
			if !ok {
				t.Errorf("%s: %s missing through the proxy", spoke, key)
				continue
			}
			for field, wv := range w {
				switch field {
				case "access", "accessNote", "observedAt", "generation", "since":
					continue // differ by path or by moment
				}
				if !reflect.DeepEqual(g[field], wv) {
					t.Errorf("%s %s: %s = %v through the proxy, %v direct", spoke, key, field, g[field], wv)
				}
			}
		}
		row := got["ManagedCluster /"+spoke]
		if row["access"] != "proxy" || direct.rows(spoke)["ManagedCluster /"+spoke]["access"] != "ctx" {
			t.Errorf("%s: access %v through the proxy (want proxy), %v direct (want ctx)", spoke, row["access"], direct.rows(spoke)["ManagedCluster /"+spoke]["access"])
		}
		if p.Requests(spoke) == 0 {
			t.Errorf("%s: no request went through the proxy", spoke)
		}
	}
	// Every request the proxy made on cluster-east acted as the hub user.
	seen := 0
	for _, e := range s.East.auditEvents(t) {
		if e.ImpersonatedUser != nil && e.ImpersonatedUser.Username == username && e.Stage == "ResponseComplete" {
			seen++
			if e.ObjectRef != nil && e.ObjectRef.Resource == "secrets" {
				t.Errorf("a Secret was read through the proxy: %s", e.RequestURI)
			}
		}
	}
	if seen == 0 {
		t.Errorf("cluster-east's audit log has no request impersonating %s", username)
	}
}

// statusJSONFull is statusJSON keeping every field.
func (s *Suite) statusJSONFull(t *testing.T, kubeconfig string) (fullDoc, result) {
	t.Helper()
	r := s.mcgtui(t, kubeconfig, "status", "-o", "json", "--timeout", "60s")
	var doc fullDoc
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("status output is not JSON (exit %d): %v\nstderr: %s", r.code, err, r.stderr)
	}
	return doc, r
}

// A hub user the spokes grant nothing to: through the proxy each spoke's products are
// Forbidden, and the reason says what to grant and how (a ClusterPermission); nothing is
// invented for the objects that cannot be read.
func TestClusterProxyWithoutRightsOnTheSpoke(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	p := s.clusterProxy(t)
	token, _ := s.hubTokenUser(t, "proxy-nobody", readerRole)
	doc, r := s.proxyStatus(t, s.hubOnlyKubeconfig(t, token), proxyConfigFile(t, p, nil))
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (Forbidden sources are Warnings)\nstderr: %s", r.code, r.stderr)
	}
	for _, spoke := range []string{eastName, westName} {
		rows := doc.rows(spoke)
		src := rows["Source /argocd"]
		if src["sourceState"] != "Forbidden" || !strings.Contains(str(src["reason"]), "ClusterPermission") ||
			!strings.Contains(str(src["reason"]), "system:serviceaccount:"+hubUsersNS+":proxy-nobody") {
			t.Errorf("%s argocd: %v %q, want Forbidden naming the user and a ClusterPermission", spoke, src["sourceState"], src["reason"])
		}
		for key := range rows {
			if strings.HasPrefix(key, "Application ") || strings.HasPrefix(key, "ExternalSecret ") {
				t.Errorf("%s: %s listed although nothing could be read", spoke, key)
			}
		}
	}
}

// The dashboard with a kubeconfig that holds the hub alone: both spokes are listed with
// ACCESS proxy and their own data, the hub with ctx; the spokes' Applications are in the
// fleet-wide list; a spoke's Conditions tab names the path.
func TestDashboardWithOnlyTheHub(t *testing.T) {
	s := requireSuite(t)
	seedExamples(t, s)
	p := s.clusterProxy(t)
	token, username := s.hubTokenUser(t, proxyViewer, readerRole)
	for _, spoke := range []*Plane{s.East, s.West} {
		bindUser(t, spoke, username, readerRole)
	}
	u := s.dashboardWith(t, s.hubOnlyKubeconfig(t, token), proxyConfigFile(t, p, nil))
	u.WaitFor(60*time.Second, "Fleet (3)", "ACCESS")
	for _, spoke := range []string{eastName, westName} {
		u.waitRow(60*time.Second, spoke, "reached through the proxy", func(r string) bool {
			return hasWords(r, "proxy") && !strings.Contains(r, "no access") && !strings.Contains(r, "syncing")
		})
	}
	u.waitRow(screenWait, "hub (hub)", "reached through its context", func(r string) bool { return hasWords(r, "ctx") })
	u.command("apps")
	u.WaitFor(screenWait, "Apps · all clusters")
	u.filter("velero-test")
	u.waitRow(screenWait, eastName, "the spoke's app listed", func(r string) bool { return hasWords(r, "velero-test") })
	u.quit()
}
