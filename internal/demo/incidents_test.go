package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// incidentDemo is the demo as `mcgtui demo` runs it: the real sources watch the simulated
// fleet, the simulator reacts to actions; the tests step it by hand.
type incidentDemo struct {
	*actionsDemo
	sim *demo.Simulator
	mgr *fleet.Manager
}

func startIncidentDemo(t *testing.T) *incidentDemo {
	t.Helper()
	f := demo.Build(demo.Options{Seed: 1, Now: time.Now().Add(-time.Minute)})
	hub, spokes := demo.Conns(f)
	d := &incidentDemo{actionsDemo: &actionsDemo{fleet: f, conns: map[string]kube.Conn{hub.Cluster: hub}}}
	for _, c := range spokes {
		d.conns[c.Cluster] = c
	}
	d.mgr = fleet.New(fleet.Options{Hub: hub, Demo: true, Coalesce: 10 * time.Millisecond,
		Connect: func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
			c, ok := d.conns[mc.Name]
			return c, ok && mc.Name != hub.Cluster, "no kubeconfig context for " + mc.Name
		}})
	d.sim = demo.NewSimulator(f, hub, spokes, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 2)
	go func() { d.mgr.Run(ctx); done <- struct{}{} }()
	go func() { d.sim.Run(ctx, time.Hour); done <- struct{}{} }()
	t.Cleanup(func() { cancel(); <-done; <-done })
	return d
}

// waitCause waits until the published fleet's graph has a cause that want accepts.
func (d *incidentDemo) waitCause(t *testing.T, what string, want func(g *causes.Graph, c int) bool) (*causes.Graph, int) {
	t.Helper()
	var g *causes.Graph
	found := -1
	eventually(t, what, func() bool {
		g = causes.Build(d.mgr.Latest())
		for c := range g.Causes {
			if want(g, c) {
				found = c
				return true
			}
		}
		return false
	})
	return g, found
}

// waitGone waits until no cause or symptom of the graph has the given ID.
func (d *incidentDemo) waitGone(t *testing.T, id string) {
	t.Helper()
	eventually(t, id+" to recover", func() bool {
		if _, err := d.sim.Step(context.Background()); err != nil {
			t.Fatalf("step: %v", err)
		}
		g := causes.Build(d.mgr.Latest())
		n, ok := g.Lookup(id)
		return !ok || !g.Nodes[n].Problem && g.CausedBy(n) == nil
	})
}

func inject(t *testing.T, d *incidentDemo, name string) {
	t.Helper()
	if _, err := d.sim.Inject(context.Background(), name); err != nil {
		t.Fatalf("inject %s: %v", name, err)
	}
	if got := d.sim.Active(); !strings.Contains(strings.Join(got, ","), name) {
		t.Fatalf("active incidents %v lack %s", got, name)
	}
}

// symptom finds a symptom of cause c by kind and name.
func symptom(g *causes.Graph, c int, kind, name string) (causes.Symptom, bool) {
	for _, s := range g.Causes[c].Symptoms {
		if n := g.Nodes[s.Node]; n.Ref.Kind == kind && n.Ref.Name == name {
			return s, true
		}
	}
	return causes.Symptom{}, false
}

func TestIncidents(t *testing.T) {
	d := startIncidentDemo(t)
	eventually(t, "the first fleet", func() bool { return fleet.Settled(d.mgr.Latest()) })

	t.Run(demo.IncidentVaultOutage, func(t *testing.T) {
		before := appHealths(d.mgr.Latest())
		inject(t, d, demo.IncidentVaultOutage)
		g, c := d.waitCause(t, "one Vault cause over three clusters with apps beneath", func(g *causes.Graph, c int) bool {
			_, app := symptom(g, c, "Application", "config-demo")
			_, parent := symptom(g, c, "Application", "multicloud-gitops-group-one")
			return g.Root(c).Ref.Name == "vault-backend" && len(g.Causes[c].Roots) >= 3 && app && parent
		})
		s, _ := symptom(g, c, "Application", "multicloud-gitops-group-one")
		if s.Link.Kind != causes.LinkAppOfApps || s.Certainty != causes.Certain || s.Depth != 3 {
			t.Errorf("parent app: %s %s at depth %d", s.Link.Kind, s.Certainty, s.Depth)
		}
		if _, err := d.sim.Inject(context.Background(), demo.IncidentVaultOutage); err == nil {
			t.Errorf("a second vault-outage should be refused")
		}
		// Vault is back: a force-sync fixes a secret at once, the rest on the next steps.
		if _, err := d.sim.Heal(context.Background(), demo.IncidentVaultOutage); err != nil {
			t.Fatal(err)
		}
		first := g.Nodes[g.Causes[c].Roots[1]].Ref.Cluster // roots[0] is the sticky broken store
		ref := model.Ref{Cluster: first, APIVersion: "external-secrets.io/v1", Resource: "externalsecrets",
			Kind: "ExternalSecret", Namespace: "config-demo", Name: "config-demo-secret"}
		d.run(t, actions.ForceSync, ref, actions.SyncOptions{})
		eventually(t, "the force-synced secret to be Ready", func() bool {
			u := d.get(t, first, "external-secrets.io/v1", "externalsecrets", "config-demo", "config-demo-secret")
			return strings.Contains(str(u, "status", "refreshTime"), "T") && readyStatus(u) == "True"
		})
		d.waitGone(t, causes.ID(first, "Application", "multicloud-gitops-group-one", "multicloud-gitops-group-one"))
		// Healed, every app on the clusters it touched is as healthy as before it.
		touched := map[string]bool{}
		for _, r := range g.Causes[c].Roots[1:] {
			touched[g.Nodes[r].Ref.Cluster] = true
		}
		eventually(t, "the apps to be as before the outage", func() bool {
			if _, err := d.sim.Step(context.Background()); err != nil {
				t.Fatal(err)
			}
			for key, h := range appHealths(d.mgr.Latest()) {
				if touched[strings.SplitN(key, "/", 2)[0]] && before[key] != h {
					return false
				}
			}
			return true
		})
	})

	t.Run(demo.IncidentPXNodeDown, func(t *testing.T) {
		inject(t, d, demo.IncidentPXNodeDown)
		g, c := d.waitCause(t, "a Portworx node with the redis claim and app beneath", func(g *causes.Graph, c int) bool {
			_, app := symptom(g, c, "Application", "redis")
			return g.Root(c).Ref.Kind == "StorageNode" && app
		})
		claim, _ := symptom(g, c, "PersistentVolumeClaim", "redis-data-redis-master-1")
		app, _ := symptom(g, c, "Application", "redis")
		if claim.Link.Kind != causes.LinkPortworx || app.Link.Kind != causes.LinkStatefulSetClaim || app.Certainty != causes.Likely {
			t.Errorf("chain: claim %s, app %s %s", claim.Link.Kind, app.Link.Kind, app.Certainty)
		}
		node := g.Root(c).ID
		if _, err := d.sim.Heal(context.Background(), demo.IncidentPXNodeDown); err != nil {
			t.Fatal(err)
		}
		d.waitGone(t, node)
		d.waitGone(t, causes.ID(g.Root(c).Ref.Cluster, "PersistentVolumeClaim", "cache", "redis-data-redis-master-1"))
	})

	t.Run(demo.IncidentClusterLost, func(t *testing.T) {
		inject(t, d, demo.IncidentClusterLost)
		g, c := d.waitCause(t, "an unavailable cluster with its hub app beneath", func(g *causes.Graph, c int) bool {
			root := g.Root(c)
			_, app := symptom(g, c, "Application", "guestbook-"+root.About)
			return root.Ref.Kind == "ManagedCluster" && app
		})
		id := g.Root(c).ID
		if _, err := d.sim.Heal(context.Background(), demo.IncidentClusterLost); err != nil {
			t.Fatal(err)
		}
		d.waitGone(t, id)
	})

	t.Run(demo.IncidentBadCommit, func(t *testing.T) {
		inject(t, d, demo.IncidentBadCommit)
		g, c := d.waitCause(t, "hello-world with its app-of-apps beneath", func(g *causes.Graph, c int) bool {
			s, parent := symptom(g, c, "Application", "multicloud-gitops-group-one")
			return g.Root(c).Ref.Name == "hello-world" && parent && s.Certainty == causes.Certain
		})
		root := g.Root(c)
		ref := appRef(root.Ref.Cluster, root.Ref.Namespace, root.Ref.Name)
		// Syncing the bad commit fails again.
		d.run(t, actions.Sync, ref, actions.SyncOptions{})
		eventually(t, "the sync to fail", func() bool {
			u := d.app(t, ref)
			_, pending := u.Object["operation"]
			return !pending && phase(u) == "Failed"
		})
		// Reverted: a sync from the dashboard brings it back.
		if _, err := d.sim.Heal(context.Background(), demo.IncidentBadCommit); err != nil {
			t.Fatal(err)
		}
		d.run(t, actions.Sync, ref, actions.SyncOptions{})
		eventually(t, "the sync to succeed", func() bool {
			u := d.app(t, ref)
			_, pending := u.Object["operation"]
			return !pending && phase(u) == "Succeeded"
		})
		d.waitGone(t, root.ID)
		d.waitGone(t, causes.ID(root.Ref.Cluster, "Application", "openshift-gitops", "multicloud-gitops-group-one"))
	})

	t.Run(demo.IncidentPolicyDrift, func(t *testing.T) {
		inject(t, d, demo.IncidentPolicyDrift)
		policy := "open-cluster-management.openshift-gitops-policy"
		g, c := d.waitCause(t, "the NonCompliant bootstrap policy with its cluster's Argo CD beneath", func(g *causes.Graph, c int) bool {
			_, argocd := symptom(g, c, "Source", "argocd")
			return g.Root(c).Ref.Kind == "Policy" && g.Root(c).Ref.Name == policy && argocd
		})
		root := g.Root(c)
		spoke := root.Ref.Namespace // a replicated policy lives in its cluster's namespace
		s, _ := symptom(g, c, "Source", "argocd")
		product := g.Nodes[s.Node]
		if s.Link.Kind != causes.LinkPolicyProduct || s.Certainty != causes.Certain || product.Ref.Cluster != spoke ||
			!strings.HasPrefix(product.Reason, "NotInstalled: ") || product.Problem {
			t.Errorf("argocd beneath the policy: %s %s %+v", s.Link.Kind, s.Certainty, product)
		}
		if !strings.Contains(root.Reason, "NonCompliant: openshift-gitops-config: NonCompliant; violation - subscriptions [openshift-gitops-operator] not found") {
			t.Errorf("policy reason %q", root.Reason)
		}
		// The products' own fields: the replicated copy's history, the root's per-cluster status.
		replicated := d.get(t, d.fleet.Hub, "policy.open-cluster-management.io/v1", "policies", spoke, policy)
		details := replicated.Object["status"].(map[string]any)["details"].([]any)[0].(map[string]any)
		newest := details["history"].([]any)[0].(map[string]any)
		if str(replicated, "status", "compliant") != "NonCompliant" || details["compliant"] != "NonCompliant" ||
			!strings.HasPrefix(newest["message"].(string), "NonCompliant; violation - ") || str(replicated, "spec", "remediationAction") != "inform" {
			t.Errorf("replicated policy status %v spec %v", replicated.Object["status"], replicated.Object["spec"])
		}
		rootPolicy := d.get(t, d.fleet.Hub, "policy.open-cluster-management.io/v1", "policies", "open-cluster-management", "openshift-gitops-policy")
		for _, e := range rootPolicy.Object["status"].(map[string]any)["status"].([]any) {
			if e := e.(map[string]any); e["clustername"] == spoke && e["compliant"] != "NonCompliant" {
				t.Errorf("root status.status[] for %s: %v", spoke, e)
			}
		}
		if str(rootPolicy, "status", "compliant") != "NonCompliant" {
			t.Errorf("root status.compliant %q", str(rootPolicy, "status", "compliant"))
		}
		// The cluster's own reason names the policy (health.CorrelatePolicies).
		for _, cl := range d.mgr.Latest().Clusters {
			if cl.Name == spoke && !strings.Contains(cl.Summary.Health.Reason, "argocd not installed; policy "+policy) {
				t.Errorf("cluster reason %q", cl.Summary.Health.Reason)
			}
		}
		if _, err := d.sim.Heal(context.Background(), demo.IncidentPolicyDrift); err != nil {
			t.Fatal(err)
		}
		d.waitGone(t, root.ID)
		eventually(t, "Argo CD back on "+spoke+" with its apps", func() bool {
			for _, cl := range d.mgr.Latest().Clusters {
				if cl.Name == spoke {
					return cl.Sources[model.ProductArgoCD].State == model.StateReady && len(cl.Apps) > 0
				}
			}
			return false
		})
		if str(d.get(t, d.fleet.Hub, "policy.open-cluster-management.io/v1", "policies", spoke, policy), "spec", "remediationAction") != "enforce" {
			t.Errorf("the policy should enforce again")
		}
	})

	t.Run("heal-all", func(t *testing.T) {
		inject(t, d, demo.IncidentClusterLost)
		inject(t, d, demo.IncidentPXNodeDown)
		if _, err := d.sim.HealAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := d.sim.Active(); len(got) != 0 {
			t.Errorf("still active after HealAll: %v", got)
		}
		if _, err := d.sim.Heal(context.Background(), demo.IncidentClusterLost); err == nil {
			t.Errorf("healing an incident that is not going on should fail")
		}
	})

	if _, err := d.sim.Inject(context.Background(), "meteor"); err == nil || !strings.Contains(err.Error(), "vault-outage") {
		t.Errorf("an unknown incident should be refused with the list, got %v", err)
	}
}

func readyStatus(u interface{ UnstructuredContent() map[string]any }) string {
	conds, _ := u.UnstructuredContent()["status"].(map[string]any)["conditions"].([]any)
	for _, c := range conds {
		if c, ok := c.(map[string]any); ok && c["type"] == "Ready" {
			s, _ := c["status"].(string)
			return s
		}
	}
	return ""
}

// appHealths maps "cluster/namespace/name" to each app's health status.
func appHealths(f *model.Fleet) map[string]string {
	out := map[string]string{}
	for _, c := range f.Clusters {
		for i := range c.Apps {
			a := &c.Apps[i]
			out[c.Name+"/"+a.Namespace+"/"+a.Name] = a.HealthStatus
		}
	}
	return out
}
