package causes

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// vaultOutage is a store broken on three spokes behind one Vault, each with two failing
// secrets and an app Degraded because of one of them; plus a lone Portworx node down on c4.
func vaultOutage() *model.Fleet {
	h := hub()
	clusters := []*model.ClusterSnapshot{h}
	for i, name := range []string{"c1", "c2", "c3"} {
		c := cluster(name)
		st := vaultStore(name, true)
		st.Ready.LastTransition = ago(time.Duration(3*60-i) * time.Minute)
		c.Stores = []model.SecretStore{st}
		c.Secrets = []model.ExternalSecret{failingSecret(name, "config-demo", "config-demo-secret", 170*time.Minute),
			failingSecret(name, "payments", "db", 160*time.Minute)}
		c.Apps = []model.App{degradedApp(name, "config-demo", "config-demo",
			res("external-secrets.io", "ExternalSecret", "config-demo", "config-demo-secret"))}
		clusters = append(clusters, c)
	}
	c4 := cluster("c4")
	c4.StorageNodes = []model.StorageNode{storageNode("c4", "worker-3", "Offline")}
	c4.Volumes = []model.Volume{pendingClaim("c4", "payments", "data-postgres-0", "pxd.portworx.com", 30*time.Minute)}
	c5 := cluster("c5")
	c5.Apps = []model.App{{Meta: meta("c5", "Application", "openshift-gitops", "drifted"), SyncStatus: "OutOfSync",
		HealthStatus: "Healthy", DestCluster: "c5"}}
	return fleet(append(clusters, c4, c5)...)
}

func TestOneCausePerVaultOutage(t *testing.T) {
	g := Build(vaultOutage())
	if len(g.Causes) != 3 {
		t.Fatalf("want 3 causes (Vault, Portworx node, drifted app), got %d", len(g.Causes))
	}
	vault := g.Causes[0]
	if len(vault.Roots) != 3 || vault.Clusters != 3 || len(vault.Symptoms) != 9 || vault.Problems != 9 {
		t.Errorf("Vault cause: %d roots, %d clusters, %d symptoms (%d problems); want 3, 3, 9 (9)",
			len(vault.Roots), vault.Clusters, len(vault.Symptoms), vault.Problems)
	}
	// The store that broke first is the cause's first root, and the cause's since.
	if g.Nodes[vault.Roots[0]].Ref.Cluster != "c1" || !vault.Since.Equal(ago(180*time.Minute)) {
		t.Errorf("first root %s since %v", g.Nodes[vault.Roots[0]].ID, vault.Since)
	}
	// Each store's tree: secrets (certain), then the app beneath its secret (certain).
	var tree []string
	for _, s := range vault.Symptoms[:3] {
		tree = append(tree, g.Nodes[s.Node].ID+" "+s.Certainty.String())
	}
	want := []string{
		"c1/ExternalSecret/config-demo/config-demo-secret certain",
		"c1/Application/openshift-gitops/config-demo certain",
		"c1/ExternalSecret/payments/db certain",
	}
	if !reflect.DeepEqual(tree, want) {
		t.Errorf("tree of c1:\n got %q\nwant %q", tree, want)
	}
	if vault.Symptoms[1].Depth != 2 || g.Nodes[vault.Symptoms[1].Via].ID != want[0][:len(want[0])-len(" certain")] {
		t.Errorf("the app should hang from its secret at depth 2: %+v", vault.Symptoms[1])
	}
	// Ranking: Critical with the largest blast radius first; Warning last.
	if g.Root(1).Ref.Kind != "StorageNode" || g.Root(2).Ref.Kind != "Application" {
		t.Errorf("ranking: %s, %s", g.Root(1).ID, g.Root(2).ID)
	}
	if g.Problems != 3+9+2+1 {
		t.Errorf("problems = %d, want 15", g.Problems)
	}
	app, _ := g.Lookup("c2/Application/openshift-gitops/config-demo")
	if got := g.CausedBy(app); !slices.Equal(got, []int{0}) {
		t.Errorf("CausedBy(app on c2) = %v, want [0]", got)
	}
	root, _ := g.Lookup("c1/ClusterSecretStore/vault-backend")
	if g.CausedBy(root) != nil {
		t.Errorf("a root is caused by nothing")
	}
}

func TestNothingHidden(t *testing.T) {
	// Two apps of apps managing each other (a cycle) and an unlinked problem: every problem is
	// in some cause's tree or is a cause itself.
	c := cluster("c1")
	a := degradedApp("c1", "a", "x", res("argoproj.io", "Application", "openshift-gitops", "b"))
	b := degradedApp("c1", "b", "x", res("argoproj.io", "Application", "openshift-gitops", "a"))
	b.HealthSince = ago(time.Hour)
	c.Apps = []model.App{a, b}
	g := Build(fleet(c))
	if len(g.Causes) != 1 || g.Root(0).Ref.Name != "b" || len(g.Causes[0].Symptoms) != 1 {
		t.Fatalf("the cycle should be one cause rooted at the earliest app (b): %d causes", len(g.Causes))
	}
	for i, n := range g.Nodes {
		if n.Problem && g.CausedBy(i) == nil && !isRoot(g, i) {
			t.Errorf("problem %s is hidden", n.ID)
		}
	}
}

func isRoot(g *Graph, n int) bool {
	for _, c := range g.Causes {
		if slices.Contains(c.Roots, n) {
			return true
		}
	}
	return false
}

func TestOKSymptomIsNeverACause(t *testing.T) {
	// A Progressing child under a Degraded parent: the child is fine, so the parent is the cause.
	c := cluster("c1")
	child := degradedApp("c1", "child", "x")
	child.HealthStatus = "Progressing"
	parent := degradedApp("c1", "parent", "x", res("argoproj.io", "Application", "openshift-gitops", "child"))
	c.Apps = []model.App{parent, child}
	g := Build(fleet(c))
	if len(g.Causes) != 1 || g.Root(0).Ref.Name != "parent" || len(g.Causes[0].Symptoms) != 0 {
		t.Errorf("want the parent alone as the cause, got %d causes", len(g.Causes))
	}
}

func TestBuilderIsIncremental(t *testing.T) {
	f := vaultOutage()
	b := NewBuilder()
	first := b.Build(f)
	parts := map[string]*part{}
	for k, v := range b.parts {
		parts[k] = v
	}

	// c2's store is fixed: a new snapshot for c2 only.
	next := *f
	next.Generation++
	next.Clusters = slices.Clone(f.Clusters)
	c2 := *f.Clusters[2]
	c2.Generation++
	c2.Stores = []model.SecretStore{vaultStore("c2", false)}
	c2.Secrets = nil
	c2.Apps = nil
	next.Clusters[2] = &c2
	g := b.Build(&next)
	for name, p := range b.parts {
		if (p == parts[name]) == (name == "c2") {
			t.Errorf("cluster %s: reused %v", name, p == parts[name])
		}
	}
	if !reflect.DeepEqual(g, Build(&next)) {
		t.Errorf("an incremental build differs from a full one")
	}
	if len(g.Causes[0].Roots) != 2 || len(first.Causes[0].Roots) != 3 {
		t.Errorf("the Vault cause should have lost c2: %d roots", len(g.Causes[0].Roots))
	}
	// A cluster that left the fleet is forgotten.
	next.Clusters = next.Clusters[:2]
	b.Build(&next)
	if len(b.parts) != 2 {
		t.Errorf("%d parts cached for 2 clusters", len(b.parts))
	}
}

func TestNilAndEmpty(t *testing.T) {
	if g := Build(nil); len(g.Causes) != 0 || g.CausedBy(0) != nil {
		t.Errorf("Build(nil) = %+v", g)
	}
	var g *Graph
	if _, ok := g.Lookup("x"); ok || g.CausedBy(0) != nil {
		t.Errorf("nil graph")
	}
	healthy := Build(fleet(hub(), cluster("c1")))
	if len(healthy.Causes) != 0 || healthy.Problems != 0 {
		t.Errorf("a healthy fleet has no causes: %+v", healthy.Causes)
	}
}

func TestTimeline(t *testing.T) {
	g := Build(vaultOutage())
	want := "3 ClusterSecretStores from 3h ago → 6 ExternalSecrets from 2h50m ago → 3 Applications from 20m ago"
	if got := g.Timeline(0, now); got != want {
		t.Errorf("Timeline = %q\nwant %q", got, want)
	}
	first := g.FirstBroke(now, 1)
	if want := "first ClusterSecretStore vault-backend on c1, c2, c3 3h ago (+1 more)"; first != want {
		t.Errorf("FirstBroke = %q\nwant %q", first, want)
	}
}

func TestUnavailableClusterDoesNotTakeTheBlameForABadManifest(t *testing.T) {
	h, c := hub(), cluster("c1")
	leaseStopped(c, 40*time.Minute)
	failed := model.App{Meta: meta("hub", "Application", "openshift-gitops", "guestbook-c1"), SyncStatus: "OutOfSync",
		HealthStatus: "Degraded", DestCluster: "c1",
		Operation: &model.Operation{Phase: "Failed", Message: `Deployment.apps "guestbook-ui" is invalid`, FinishedAt: ago(time.Hour)}}
	h.Apps = []model.App{failed}
	g := Build(fleet(h, c))
	wantNoLink(t, g, "hub/ManagedCluster/c1", "hub/Application/openshift-gitops/guestbook-c1")
	if len(g.Causes) != 2 {
		t.Errorf("want the app and the cluster as two causes, got %d", len(g.Causes))
	}
}

func TestTreeLines(t *testing.T) {
	g := Build(vaultOutage())
	lines := g.TreeLines(0)
	var got []string
	for _, l := range lines[:4] {
		got = append(got, l.Prefix+g.Nodes[l.Node].Ref.Kind+" "+g.Nodes[l.Node].Ref.Cluster)
	}
	want := []string{"ClusterSecretStore c1", "├─ ExternalSecret c1", "│  └─ Application c1", "└─ ExternalSecret c1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tree lines:\n got %q\nwant %q", got, want)
	}
	if len(lines) != 3+9 || lines[4].Symptom != nil {
		t.Errorf("%d lines; the second root should follow the first's tree", len(lines))
	}
}
