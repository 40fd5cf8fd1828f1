package causes

import (
	"slices"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
)

// wantLink fails unless g links from → to with the kind and certainty.
func wantLink(t *testing.T, g *Graph, from, to string, kind LinkKind, c Certainty) {
	t.Helper()
	l, ok := findLink(g, from, to)
	if !ok {
		t.Fatalf("no link %s → %s; links:\n%s", from, to, dumpLinks(g))
	}
	if l.Kind != kind || l.Certainty != c || l.Why == "" {
		t.Errorf("link %s → %s is %s %s (%q), want %s %s with a why", from, to, l.Kind, l.Certainty, l.Why, kind, c)
	}
}

func wantNoLink(t *testing.T, g *Graph, from, to string) {
	t.Helper()
	if l, ok := findLink(g, from, to); ok {
		t.Errorf("unexpected link %s → %s (%s %s: %s)", from, to, l.Kind, l.Certainty, l.Why)
	}
}

func findLink(g *Graph, from, to string) (Link, bool) {
	f, ok1 := g.Lookup(from)
	tt, ok2 := g.Lookup(to)
	if !ok1 || !ok2 {
		return Link{}, false
	}
	for _, l := range g.Links {
		if l.From == f && l.To == tt {
			return l, true
		}
	}
	return Link{}, false
}

func dumpLinks(g *Graph) string {
	s := ""
	for _, l := range g.Links {
		s += "  " + g.Nodes[l.From].ID + " → " + g.Nodes[l.To].ID + " " + l.Kind.String() + " " + l.Certainty.String() + "\n"
	}
	return s
}

func TestLinkStore(t *testing.T) {
	c := cluster("c1")
	c.Stores = []model.SecretStore{vaultStore("c1", true),
		{Meta: meta("c1", "SecretStore", "payments", "aws"), Ready: model.Condition{Status: "False", Reason: "InvalidProviderConfig"}}}
	stale := model.ExternalSecret{Meta: meta("c1", "ExternalSecret", "cache", "redis-password"), StoreKind: "ClusterSecretStore",
		StoreName: "vault-backend", Ready: model.Condition{Status: "True", Reason: "SecretSynced"},
		RefreshInterval: time.Hour, RefreshTime: ago(5 * time.Hour)}
	push := model.ExternalSecret{Meta: meta("c1", "PushSecret", "payments", "signing-key"), StoreKind: "ClusterSecretStore",
		StoreName: "other, vault-backend", Ready: model.Condition{Status: "False", Reason: "Errored"}}
	namespaced := model.ExternalSecret{Meta: meta("c1", "ExternalSecret", "payments", "stripe"), StoreKind: "SecretStore",
		StoreName: "aws", Ready: model.Condition{Status: "False", Reason: "SecretSyncedError"}}
	ces := model.ExternalSecret{Meta: meta("c1", "ClusterExternalSecret", "", "registry"), StoreKind: "SecretStore",
		StoreName: "aws", Ready: model.Condition{Status: "False", Reason: "Errored"}}
	c.Secrets = []model.ExternalSecret{failingSecret("c1", "payments", "db", time.Hour), stale, push, namespaced, ces}
	g := Build(fleet(c))

	wantLink(t, g, "c1/ClusterSecretStore/vault-backend", "c1/ExternalSecret/payments/db", LinkStore, Certain)
	wantLink(t, g, "c1/ClusterSecretStore/vault-backend", "c1/ExternalSecret/cache/redis-password", LinkStore, Likely)
	wantLink(t, g, "c1/ClusterSecretStore/vault-backend", "c1/PushSecret/payments/signing-key", LinkStore, Certain)
	wantLink(t, g, "c1/SecretStore/payments/aws", "c1/ExternalSecret/payments/stripe", LinkStore, Certain)
	// A namespaced store named by a cluster-wide object is one store per namespace: no link.
	wantNoLink(t, g, "c1/SecretStore/payments/aws", "c1/ClusterExternalSecret/registry")
}

func TestLinkAppResource(t *testing.T) {
	c := cluster("c1")
	c.Stores = []model.SecretStore{vaultStore("c1", true)}
	c.Secrets = []model.ExternalSecret{failingSecret("c1", "config-demo", "config-demo-secret", time.Hour),
		failingSecret("c1", "hello-world", "hello-world-secret", time.Hour)}
	healthy := degradedApp("c1", "hello-world", "hello-world", res("external-secrets.io", "ExternalSecret", "hello-world", "hello-world-secret"))
	healthy.HealthStatus = "Healthy"
	c.Apps = []model.App{
		degradedApp("c1", "config-demo", "config-demo", res("external-secrets.io", "ExternalSecret", "config-demo", "config-demo-secret")),
		healthy,
	}
	g := Build(fleet(c))
	wantLink(t, g, "c1/ExternalSecret/config-demo/config-demo-secret", "c1/Application/openshift-gitops/config-demo", LinkAppResource, Certain)
	// A Healthy app is not explained by its resources, whatever they do.
	wantNoLink(t, g, "c1/ExternalSecret/hello-world/hello-world-secret", "c1/Application/openshift-gitops/hello-world")
}

func TestLinkAppResourceAcrossClusters(t *testing.T) {
	h, c := hub(), cluster("c1")
	c.Stores = []model.SecretStore{vaultStore("c1", true)}
	c.Secrets = []model.ExternalSecret{failingSecret("c1", "payments", "db", time.Hour)}
	app := degradedApp("hub", "payments-c1", "payments", res("external-secrets.io", "ExternalSecret", "payments", "db"))
	app.DestCluster = "c1"
	h.Apps = []model.App{app}
	g := Build(fleet(h, c))
	wantLink(t, g, "c1/ExternalSecret/payments/db", "hub/Application/openshift-gitops/payments-c1", LinkAppResource, Certain)
	if n, _ := g.Lookup("hub/Application/openshift-gitops/payments-c1"); g.Nodes[n].About != "c1" {
		t.Errorf("a hub app is about its destination, got %q", g.Nodes[n].About)
	}
}

func TestLinkStatefulSetClaim(t *testing.T) {
	c := cluster("c1")
	c.StorageNodes = []model.StorageNode{storageNode("c1", "worker-3", "Offline")}
	c.Volumes = []model.Volume{
		pendingClaim("c1", "cache", "redis-data-redis-master-1", "pxd.portworx.com", 20*time.Minute),
		pendingClaim("c1", "cache", "scratch", "pxd.portworx.com", 20*time.Minute),
		pendingClaim("c1", "other", "redis-data-redis-master-2", "pxd.portworx.com", 20*time.Minute),
	}
	app := degradedApp("c1", "redis", "cache", res("apps", "StatefulSet", "cache", "redis-master"))
	app.HealthStatus = "Progressing"
	c.Apps = []model.App{app}
	g := Build(fleet(c))
	wantLink(t, g, "c1/PersistentVolumeClaim/cache/redis-data-redis-master-1", "c1/Application/openshift-gitops/redis", LinkStatefulSetClaim, Likely)
	wantNoLink(t, g, "c1/PersistentVolumeClaim/cache/scratch", "c1/Application/openshift-gitops/redis")
	wantNoLink(t, g, "c1/PersistentVolumeClaim/other/redis-data-redis-master-2", "c1/Application/openshift-gitops/redis")

	// The app is Progressing, which is OK: a symptom, not a problem of its own.
	n, _ := g.Lookup("c1/Application/openshift-gitops/redis")
	if g.Nodes[n].Problem || len(g.CausedBy(n)) != 1 {
		t.Errorf("the Progressing app should be a symptom only: problem %v, caused by %v", g.Nodes[n].Problem, g.CausedBy(n))
	}
	// A claim listed in status.resources and named like the set's is linked once, certain.
	app.Resources = append(app.Resources, res("", "PersistentVolumeClaim", "cache", "redis-data-redis-master-1"))
	c2 := cluster("c1")
	c2.StorageNodes, c2.Volumes, c2.Apps = c.StorageNodes, c.Volumes, []model.App{app}
	g = Build(fleet(c2))
	wantLink(t, g, "c1/PersistentVolumeClaim/cache/redis-data-redis-master-1", "c1/Application/openshift-gitops/redis", LinkAppResource, Certain)
}

func TestClaimOf(t *testing.T) {
	tests := []struct {
		claim, set string
		want       bool
	}{
		{"data-postgres-0", "postgres", true},
		{"redis-data-redis-master-12", "redis-master", true},
		{"postgres-0", "postgres", false},
		{"data-postgres-x", "postgres", false},
		{"data-postgres-", "postgres", false},
		{"data-xpostgres-0", "postgres", false},
	}
	for _, tt := range tests {
		if got := claimOf(tt.claim, tt.set); got != tt.want {
			t.Errorf("claimOf(%q, %q) = %v", tt.claim, tt.set, got)
		}
	}
}

func TestLinkPortworx(t *testing.T) {
	c := cluster("c1")
	c.StorageClusters = []model.StorageCluster{storageCluster("c1", "Degraded")}
	c.StorageNodes = []model.StorageNode{storageNode("c1", "worker-1", "Online"), storageNode("c1", "worker-3", "Offline")}
	c.Volumes = []model.Volume{
		pendingClaim("c1", "payments", "data-postgres-0", "pxd.portworx.com", 30*time.Minute),
		pendingClaim("c1", "monitoring", "prometheus-0", "ebs.csi.aws.com", 30*time.Minute),
	}
	g := Build(fleet(c))
	wantLink(t, g, "c1/StorageNode/portworx/worker-3", "c1/PersistentVolumeClaim/payments/data-postgres-0", LinkPortworx, Likely)
	wantLink(t, g, "c1/StorageNode/portworx/worker-3", "c1/StorageCluster/portworx/px-cluster", LinkPortworx, Likely)
	wantNoLink(t, g, "c1/StorageNode/portworx/worker-3", "c1/PersistentVolumeClaim/monitoring/prometheus-0")
	// While a node is down, the node is blamed rather than the cluster it degrades.
	wantNoLink(t, g, "c1/StorageCluster/portworx/px-cluster", "c1/PersistentVolumeClaim/payments/data-postgres-0")

	// No node down: the unhealthy StorageCluster is the likely cause.
	c2 := cluster("c1")
	c2.StorageClusters = []model.StorageCluster{storageCluster("c1", "Degraded")}
	c2.Volumes = c.Volumes[:1]
	g = Build(fleet(c2))
	wantLink(t, g, "c1/StorageCluster/portworx/px-cluster", "c1/PersistentVolumeClaim/payments/data-postgres-0", LinkPortworx, Likely)
}

func TestLinkAppOfApps(t *testing.T) {
	c := cluster("c1")
	child := degradedApp("c1", "hello-world", "hello-world")
	child.Namespace = "multicloud-gitops-group-one"
	assessed := res("argoproj.io", "Application", "multicloud-gitops-group-one", "hello-world")
	assessed.Health = "Degraded"
	parent := degradedApp("c1", "multicloud-gitops-group-one", "multicloud-gitops-group-one", assessed)
	c.Apps = []model.App{parent, child}
	g := Build(fleet(c))
	wantLink(t, g, "c1/Application/multicloud-gitops-group-one/hello-world", "c1/Application/openshift-gitops/multicloud-gitops-group-one", LinkAppOfApps, Certain)

	// Argo CD did not record the child's health in the parent: likely.
	parent.Resources = []model.AppResource{res("argoproj.io", "Application", "multicloud-gitops-group-one", "hello-world")}
	c2 := cluster("c1")
	c2.Apps = []model.App{parent, child}
	g = Build(fleet(c2))
	wantLink(t, g, "c1/Application/multicloud-gitops-group-one/hello-world", "c1/Application/openshift-gitops/multicloud-gitops-group-one", LinkAppOfApps, Likely)
	if len(g.Causes) != 1 || g.Root(0).ID != "c1/Application/multicloud-gitops-group-one/hello-world" {
		t.Errorf("the child should be the one cause, got %d causes", len(g.Causes))
	}
}

func TestLinkAppSet(t *testing.T) {
	h := hub()
	h.AppSets = []model.AppSet{{Meta: meta("hub", "ApplicationSet", "openshift-gitops", "guestbook"),
		Conditions: []model.Condition{{Type: "ErrorOccurred", Status: "True", Reason: "ApplicationGenerationFromParamsError",
			Message: "template: bad", LastTransition: ago(time.Hour)}},
		Resources: []model.AppResource{res("argoproj.io", "Application", "openshift-gitops", "guestbook-c1"),
			res("argoproj.io", "Application", "openshift-gitops", "guestbook-c2")}}}
	outOfSync := model.App{Meta: meta("hub", "Application", "openshift-gitops", "guestbook-c1"), SyncStatus: "OutOfSync",
		HealthStatus: "Healthy", DestCluster: "c1"}
	fine := outOfSync
	fine.Name, fine.SyncStatus, fine.DestCluster = "guestbook-c2", "Synced", "c2"
	h.Apps = []model.App{outOfSync, fine}
	g := Build(fleet(h))
	wantLink(t, g, "hub/ApplicationSet/openshift-gitops/guestbook", "hub/Application/openshift-gitops/guestbook-c1", LinkAppSet, Likely)
	if _, ok := g.Lookup("hub/Application/openshift-gitops/guestbook-c2"); ok {
		t.Errorf("a Synced, Healthy app is not part of the graph")
	}
}

func TestLinkClusterUnavailable(t *testing.T) {
	h, c := hub(), cluster("c1")
	leaseStopped(c, 4*time.Hour) // before the store broke: the store may be stale
	c.Sources[model.ProductArgoCD] = model.SourceStatus{State: model.StateUnreachable, Reason: "dial tcp: i/o timeout", Since: ago(39 * time.Minute)}
	c.Stores = []model.SecretStore{vaultStore("c1", true)}
	c.Secrets = []model.ExternalSecret{failingSecret("c1", "payments", "db", time.Hour)}
	unknown := model.App{Meta: meta("hub", "Application", "openshift-gitops", "guestbook-c1"), SyncStatus: "Unknown",
		HealthStatus: "Unknown", DestCluster: "c1"}
	h.Apps = []model.App{unknown}
	g := Build(fleet(h, c))
	mc := "hub/ManagedCluster/c1"
	wantLink(t, g, mc, "c1/Source/argocd", LinkClusterUnavailable, Certain)
	wantLink(t, g, mc, "c1/ClusterSecretStore/vault-backend", LinkClusterUnavailable, Likely)
	wantLink(t, g, mc, "hub/Application/openshift-gitops/guestbook-c1", LinkClusterUnavailable, Likely)
	// The secret is already explained by its store, which hangs from the cluster.
	wantNoLink(t, g, mc, "c1/ExternalSecret/payments/db")
	if len(g.Causes) != 1 || g.Root(0).ID != mc {
		t.Fatalf("want the cluster as the one cause, got %d causes", len(g.Causes))
	}
	cause := g.Causes[0]
	if len(cause.Symptoms) != 4 || cause.Problems != 3 {
		t.Errorf("cluster cause: %d symptoms (%d problems), want 4 (3)", len(cause.Symptoms), cause.Problems)
	}
	// An Available cluster explains nothing.
	c.Managed.Available = model.Condition{Status: "True"}
	g = Build(fleet(h, c))
	wantNoLink(t, g, mc, "c1/Source/argocd")
}

func TestLinkReplication(t *testing.T) {
	c := cluster("c1")
	down := storageNode("c1", "worker-3", "Offline")
	down.SDK = &model.PXNode{ID: "node-3", Hostname: "worker-3", Status: "STATUS_OFFLINE"}
	up := storageNode("c1", "worker-1", "Online")
	up.SDK = &model.PXNode{ID: "node-1", Hostname: "worker-1", Status: "STATUS_OK"}
	c.StorageNodes = []model.StorageNode{up, down}
	// The SDK's poll, as the source hands it over: claims and nodes point into it.
	c.Portworx = &model.PortworxSDK{Nodes: []model.PXNode{*up.SDK, *down.SDK}}
	c.StorageNodes[0].SDK, c.StorageNodes[1].SDK = &c.Portworx.Nodes[0], &c.Portworx.Nodes[1]
	names := []string{"data-postgres-0", "data-redis-0"}
	currents := [][]string{{"node-1"}, {"node-1", "node-3"}}
	for i, name := range names {
		sdk := model.PXVolume{ID: name + "-id", AttachedOn: "node-1",
			ReplicaSets: []model.PXReplicaSet{{Nodes: []string{"node-1", "node-3"}, Current: currents[i], RuntimeState: "clean"}}}
		sdk.Replication = pxReplication(&sdk)
		c.Portworx.Volumes = append(c.Portworx.Volumes, sdk)
	}
	health.PortworxSDK(c.Portworx) // as the poller does, before it shares the poll
	for i, name := range names {
		v := pendingClaim("c1", "payments", name, "pxd.portworx.com", time.Hour)
		v.Phase, v.SDK = "Bound", &c.Portworx.Volumes[i]
		c.Volumes = append(c.Volumes, v)
	}
	g := Build(fleet(c))
	wantLink(t, g, "c1/StorageNode/portworx/worker-3", "c1/PersistentVolumeClaim/payments/data-postgres-0", LinkPortworx, Certain)
	wantNoLink(t, g, "c1/StorageNode/portworx/worker-3", "c1/PersistentVolumeClaim/payments/data-redis-0")
	wantNoLink(t, g, "c1/StorageNode/portworx/worker-1", "c1/PersistentVolumeClaim/payments/data-postgres-0")
}

// pxReplication is the replication summary the SDK source derives (pxsdk.Replication), for
// the replica sets these tests build: nodes outside the current set are down.
func pxReplication(v *model.PXVolume) model.PXReplication {
	var r model.PXReplication
	for _, set := range v.ReplicaSets {
		r.Total += len(set.Nodes)
		r.Current += len(set.Current)
		for _, n := range set.Nodes {
			if !slices.Contains(set.Current, n) {
				r.Down = append(r.Down, n)
			}
		}
	}
	r.State = model.ReplUp
	if len(r.Down) > 0 {
		r.State = model.ReplDegraded
	}
	return r
}

// A NonCompliant policy on a cluster is a problem of its own on the triage page (nothing is
// hidden), with its since from the history's newest NonCompliant run.
func TestPolicyIsACause(t *testing.T) {
	c := cluster("c1")
	pol := model.Policy{Meta: meta("c1", "Policy", "c1", "policies.openshift-gitops"), Compliant: model.NonCompliant,
		RemediationAction: "enforce",
		Details: []model.TemplateStatus{{Name: "openshift-gitops-subscription", Compliant: model.NonCompliant, History: []model.ComplianceEvent{
			{Time: ago(5 * time.Minute), Message: "NonCompliant; violation - subscriptions not found"},
			{Time: ago(30 * time.Minute), Message: "NonCompliant; violation - subscriptions not found"},
			{Time: ago(2 * time.Hour), Message: "Compliant; notification - subscriptions found as specified"},
		}}}}
	pol.Health = health.Policy(&pol)
	c.Policies = []model.Policy{pol}
	g := Build(fleet(c))
	i, ok := g.Lookup(ID("c1", "Policy", "c1", "policies.openshift-gitops"))
	if !ok {
		t.Fatalf("the NonCompliant policy is not in the graph:\n%s", dumpLinks(g))
	}
	n := g.Nodes[i]
	if !n.Problem || n.Verdict != model.VerdictCritical || !n.Since.Equal(ago(30*time.Minute)) {
		t.Errorf("policy node %+v", n)
	}
	found := false
	for ci := range g.Causes {
		found = found || g.Root(ci).ID == n.ID
	}
	if !found {
		t.Errorf("the policy is not a cause of its own")
	}
}

// TestUnavailableClusterDoesNotExplainOlderProblems: a node in maintenance for weeks on a
// cluster whose lease stopped 40 minutes ago was a problem while the cluster still reported;
// the outage is not why. A problem with no known start (storage filling up) still hangs from
// the cluster, and is not dated by the NodeState of a node Online for weeks.
func TestUnavailableClusterDoesNotExplainOlderProblems(t *testing.T) {
	c := cluster("c1")
	leaseStopped(c, 40*time.Minute)
	const gi = 1 << 30
	maintenance := storageNode("c1", "worker-1", "Maintenance") // put there weeks ago
	maintenance.Conditions[0].LastTransition = ago(39 * 24 * time.Hour)
	full := storageNode("c1", "worker-2", "Online") // no field says since when it is full
	full.StorageUsed, full.StorageTotal = 95*gi, 100*gi
	full.Conditions[0].LastTransition = ago(39 * 24 * time.Hour)
	c.StorageNodes = []model.StorageNode{maintenance, full}
	g := Build(fleet(c))
	wantNoLink(t, g, "hub/ManagedCluster/c1", "c1/StorageNode/portworx/worker-1")
	wantLink(t, g, "hub/ManagedCluster/c1", "c1/StorageNode/portworx/worker-2", LinkClusterUnavailable, Likely)
	if i, _ := g.Lookup("c1/StorageNode/portworx/worker-2"); !g.Nodes[i].Since.IsZero() {
		t.Errorf("a full node dated %v: no field says since when it is full", g.Nodes[i].Since)
	}
}

// TestLinkReplicationFromAWarningNodeIsLikely: the SDK names the node where the replica is
// missing, but a node that is only Warning (a pool filling up) is not proven to be why.
func TestLinkReplicationFromAWarningNodeIsLikely(t *testing.T) {
	c := cluster("c1")
	const gi = 1 << 30
	n := storageNode("c1", "worker-3", "Online")
	c.StorageNodes = []model.StorageNode{n}
	c.Portworx = &model.PortworxSDK{Nodes: []model.PXNode{{ID: "node-3", Hostname: "worker-3", Status: "STATUS_OK",
		Pools: []model.PXPool{{ID: 1, Total: 100 * gi, Used: 94 * gi}}}}}
	c.StorageNodes[0].SDK = &c.Portworx.Nodes[0]
	sdk := model.PXVolume{ID: "pg-id", AttachedOn: "node-1",
		ReplicaSets: []model.PXReplicaSet{{Nodes: []string{"node-1", "node-3"}, Current: []string{"node-1"}, RuntimeState: "clean"}}}
	sdk.Replication = pxReplication(&sdk)
	c.Portworx.Volumes = []model.PXVolume{sdk}
	health.PortworxSDK(c.Portworx)
	v := pendingClaim("c1", "payments", "data-postgres-0", "pxd.portworx.com", time.Hour)
	v.Phase, v.SDK = "Bound", &c.Portworx.Volumes[0]
	c.Volumes = []model.Volume{v}
	g := Build(fleet(c))
	if i, ok := g.Lookup("c1/StorageNode/portworx/worker-3"); !ok || g.Nodes[i].Verdict != model.VerdictWarning {
		t.Fatalf("the node with a 94%% full pool should be a Warning (found %v)", ok)
	}
	wantLink(t, g, "c1/StorageNode/portworx/worker-3", "c1/PersistentVolumeClaim/payments/data-postgres-0", LinkPortworx, Likely)
}
