package peers

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
	"github.com/mcgtui/mcgtui/test/internal/controlplane"
)

// inProcess is mcgtui's real backend without its UI: the fleet manager watching the cluster
// as one user, and the executor that sends actions as that user, auditing to a file.
type inProcess struct {
	mgr       *fleet.Manager
	exec      *fleet.Executor
	auditPath string
}

// startMcgtui runs the fleet manager for a kubeconfig until the test ends.
func startMcgtui(t *testing.T, kubeconfig, auditPath string) *inProcess {
	t.Helper()
	kc, err := kube.LoadKubeconfig(kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	hub, err := kc.Conn(clusterName, clusterName, true)
	if err != nil {
		t.Fatal(err)
	}
	mgr := fleet.New(fleet.Options{
		Hub:      hub,
		Connect:  fleet.KubeconfigConnector(kc, nil, clusterName),
		Products: fleet.DefaultProducts(""),
	})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { mgr.Run(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
	return &inProcess{mgr: mgr, exec: fleet.NewExecutor(mgr, &actions.AuditLog{Path: auditPath}), auditPath: auditPath}
}

// app waits until mcgtui's fleet holds the Application and ok accepts it.
func (m *inProcess) app(t *testing.T, name, what string, ok func(model.App) bool) model.App {
	t.Helper()
	var found model.App
	eventually(t, 60*time.Second, "mcgtui's view of Application "+name+": "+what, func() (bool, string) {
		c := m.mgr.Latest().Cluster(clusterName)
		if c == nil {
			return false, "no cluster " + clusterName + " in the fleet yet"
		}
		for _, a := range c.Apps {
			if a.Namespace == argoNS && a.Name == name {
				found = a
				return ok(a), "sync=" + a.SyncStatus + " health=" + a.HealthStatus + " revision=" + a.Revision
			}
		}
		return false, "not listed"
	})
	return found
}

// externalSecret waits until mcgtui's fleet holds the ExternalSecret and ok accepts it.
func (m *inProcess) externalSecret(t *testing.T, namespace, name, what string, ok func(model.ExternalSecret) bool) model.ExternalSecret {
	t.Helper()
	var found model.ExternalSecret
	eventually(t, 60*time.Second, "mcgtui's view of ExternalSecret "+namespace+"/"+name+": "+what, func() (bool, string) {
		c := m.mgr.Latest().Cluster(clusterName)
		if c == nil {
			return false, "no cluster " + clusterName + " in the fleet yet"
		}
		for _, s := range c.Secrets {
			if s.Kind == "ExternalSecret" && s.Namespace == namespace && s.Name == name {
				found = s
				return ok(s), "ready=" + s.Ready.Status + " reason=" + s.Ready.Reason + " refreshTime=" + s.RefreshTime.String()
			}
		}
		return false, "not listed"
	})
	return found
}

// clusterExternalSecret waits until mcgtui's fleet holds the ClusterExternalSecret and ok
// accepts it.
func (m *inProcess) clusterExternalSecret(t *testing.T, name, what string, ok func(model.ExternalSecret) bool) model.ExternalSecret {
	t.Helper()
	var found model.ExternalSecret
	eventually(t, 60*time.Second, "mcgtui's view of ClusterExternalSecret "+name+": "+what, func() (bool, string) {
		c := m.mgr.Latest().Cluster(clusterName)
		if c == nil {
			return false, "no cluster " + clusterName + " in the fleet yet"
		}
		for _, s := range c.Secrets {
			if s.Kind == "ClusterExternalSecret" && s.Name == name {
				found = s
				return ok(s), "ready=" + s.Ready.Status + " provisioned=" + strings.Join(s.ProvisionedNamespaces, ",")
			}
		}
		return false, "not listed"
	})
	return found
}

// do sends one request through the executor, as the views do after the dialog's Yes.
func (m *inProcess) do(kind actions.Kind, opts actions.SyncOptions, refs ...model.Ref) []actions.Result {
	req := actions.Request{Kind: kind, Sync: opts}
	for _, r := range refs {
		req.Targets = append(req.Targets, m.mgr.Target(r))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return m.exec.Execute(ctx, req)
}

// mustDo is do, failing the test on any target's error.
func (m *inProcess) mustDo(t *testing.T, kind actions.Kind, opts actions.SyncOptions, refs ...model.Ref) {
	t.Helper()
	for _, r := range m.do(kind, opts, refs...) {
		if r.Err != nil {
			t.Fatalf("%s %s: %v", kind, r.Target.Ref.Name, r.Err)
		}
	}
}

// readAudit reads mcgtui's audit file; a missing file is no entries.
func readAudit(t *testing.T, path string) []actions.AuditEntry {
	t.Helper()
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []actions.AuditEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e actions.AuditEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("audit line is not an entry: %v\n%s", err, sc.Text())
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// auditPath is a fresh audit file location for one test.
func auditPath(t *testing.T) string { return filepath.Join(t.TempDir(), "audit.log") }

// writes are the API server's audit events of one user changing one resource (any verb that
// writes), ResponseComplete stage only.
func writes(t *testing.T, plane *controlplane.Plane, user, resource, name string) []controlplane.AuditEvent {
	t.Helper()
	events, err := plane.AuditEvents()
	if err != nil {
		t.Fatal(err)
	}
	var out []controlplane.AuditEvent
	for _, e := range events {
		if e.Stage != "ResponseComplete" || e.User.Username != user || e.ObjectRef == nil {
			continue
		}
		switch e.Verb {
		case "get", "list", "watch":
			continue
		}
		if e.ObjectRef.Resource == resource && (name == "" || e.ObjectRef.Name == name) {
			out = append(out, e)
		}
	}
	return out
}

// verbs lists the events' verbs, for messages.
func verbs(events []controlplane.AuditEvent) string {
	var v []string
	for _, e := range events {
		v = append(v, e.Verb+" "+e.RequestURI)
	}
	return strings.Join(v, "; ")
}
