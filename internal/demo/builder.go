// Package demo builds a simulated Multicloud GitOps fleet — an ACM hub plus managed clusters
// running Argo CD, External Secrets Operator with Vault, and Portworx — and serves it through
// client-go's fake clients, so that `mcgtui demo`, the tests and the benchmarks run exactly the
// source code that watches a real fleet.
//
// Everything is generated from a seed: the same Options always give the same fleet. The default
// fleet carries a fixed set of realistic trouble (see Fleet.Trouble) so the dashboard always has
// something to show; larger fleets add a little seeded drift on top.
//
// mcgtui's actions work on the demo as on a real fleet: the fake clients answer the review APIs
// (DemoUser; RestrictedNamespace refuses), the Simulator answers syncs, refreshes and
// force-syncs as Argo CD and ESO do, and Fleet.DiffProvider serves the apps' diffs.
package demo

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	clusterv1 "open-cluster-management.io/api/cluster/v1"
)

// HubName is the fleet name of the hub cluster.
const HubName = "hub"

// Defaults applied by Build to zero Options fields.
const (
	// DefaultClusters is eight reachable managed clusters plus cluster-edge-9, which the hub
	// manages but mcgtui has no kubeconfig context for.
	DefaultClusters          = 9
	DefaultAppsPerCluster    = 7
	DefaultSecretsPerCluster = 5
	DefaultVolumesPerCluster = 4
)

// Options size and seed a fleet. Zero fields take the defaults above; a negative per-cluster
// count means none.
type Options struct {
	// Clusters is the number of managed clusters, not counting the hub.
	Clusters int
	// Seed drives every random choice; equal Options give an identical fleet.
	Seed int64
	// AppsPerCluster is the number of Argo CD Applications deployed in-cluster on every reachable
	// cluster. The hub additionally holds one Application per managed cluster that deploys to it.
	AppsPerCluster int
	// SecretsPerCluster is the number of ExternalSecrets on every reachable cluster.
	SecretsPerCluster int
	// VolumesPerCluster is the number of Portworx PersistentVolumeClaims on every reachable cluster.
	VolumesPerCluster int
	// ResourcesPerApp is the number of status.resources of a generated service Application,
	// capped by its template's (11); zero means 5 to 10 at random.
	ResourcesPerApp int
	// Now anchors every timestamp (creation, sync, refresh, lease); zero means the current time.
	Now time.Time
}

// Fleet is a generated fleet: the hub and its managed clusters with every object on their APIs.
type Fleet struct {
	// Hub is the hub's cluster name (HubName).
	Hub string
	// Clusters lists the hub first, then the managed clusters.
	Clusters []Cluster
	// Trouble lists the deliberately unhealthy objects, grouped by the cluster they concern.
	Trouble []Trouble
}

// Cluster is one cluster of the fleet.
type Cluster struct {
	// Name is the fleet name: the ManagedCluster's name, "hub" for the hub.
	Name string
	// Cloud is the ACM "cloud" label value: Amazon, Azure, Google, VSphere, OpenStack, BareMetal.
	Cloud string
	// Region is the cloud region (region.open-cluster-management.io claim).
	Region string
	// Hub is set on the hub only.
	Hub bool
	// NoAccess marks a managed cluster mcgtui has no kubeconfig context for: Conns returns no
	// connection and Objects is empty, so only the hub's facts about it are visible.
	NoAccess bool
	// KubeVersion is the API server's git version, as discovery reports it.
	KubeVersion string
	// ESOVersions are the external-secrets.io versions the cluster serves for ExternalSecrets and
	// stores, the storage version first. ESO objects in Objects carry the storage version; Conns
	// also serves them at the others, as an API server converts between served versions.
	ESOVersions []string
	// DeniedNamespaces are the namespaces in which the demo user may not patch objects: the
	// cluster's SelfSubjectAccessReviews answer allowed=false there (RestrictedNamespace on
	// RestrictedCluster in the default fleet).
	DeniedNamespaces []string
	// Managed is the hub-side ManagedCluster record; nil for the hub, which is kept unmanaged
	// (not registered as local-cluster) for simplicity.
	Managed *clusterv1.ManagedCluster
	// Objects is everything on the cluster's API that mcgtui reads, except the ManagedClusters:
	// those are the managed clusters' Managed records, which Conns serves on the hub. Treat the
	// objects as read-only; the fake clients hold their own copies.
	Objects []*unstructured.Unstructured
}

// Trouble names one deliberately unhealthy object of the fleet.
type Trouble struct {
	// Scenario is a short identifier, one of the Scenario… constants.
	Scenario string
	// Cluster is the cluster whose API holds the object (the hub for ManagedClusters and for
	// hub Applications that deploy to a managed cluster).
	Cluster string
	// Kind, Namespace and Name identify the object.
	Kind      string
	Namespace string
	Name      string
	// Sticky trouble is kept in place by the Simulator so the demo always has it to show; the
	// rest heals as the simulated controllers catch up.
	Sticky bool
}

// Trouble scenarios.
const (
	ScenarioLeaseStopped  = "lease-stopped"        // ManagedCluster Available Unknown, unreachable taint
	ScenarioSyncFailed    = "sync-failed"          // Application OutOfSync/Degraded with a Failed operation
	ScenarioOutOfSync     = "out-of-sync"          // Application OutOfSync, not (yet) synced
	ScenarioStoreInvalid  = "store-invalid"        // ClusterSecretStore Ready False, InvalidProviderConfig
	ScenarioSecretFailing = "secret-sync-error"    // ExternalSecret Ready False, SecretSyncedError
	ScenarioSecretStale   = "secret-stale"         // ExternalSecret Ready True but refreshTime far too old
	ScenarioNodeOffline   = "storage-node-offline" // Portworx StorageNode phase Offline
	ScenarioPVCPending    = "pvc-pending"          // Portworx PVC Pending
)

// Build generates a fleet. Clusters are built in parallel, each from its own random stream
// seeded by (Seed, cluster index), so the result does not depend on scheduling and cluster i
// is the same whatever the fleet size.
func Build(opts Options) *Fleet {
	opts = opts.withDefaults()
	profiles := fleetProfiles(opts.Clusters)
	f := &Fleet{Hub: HubName, Clusters: make([]Cluster, len(profiles))}
	trouble := make([][]Trouble, len(profiles))

	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(profiles)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(profiles); i = int(next.Add(1) - 1) {
				b := newClusterBuilder(opts, i, profiles)
				f.Clusters[i] = b.build()
				trouble[i] = b.trouble
			}
		})
	}
	wg.Wait()
	for _, t := range trouble {
		f.Trouble = append(f.Trouble, t...)
	}
	return f
}

func (o Options) withDefaults() Options {
	o.Clusters = orDefault(o.Clusters, DefaultClusters)
	o.AppsPerCluster = orDefault(o.AppsPerCluster, DefaultAppsPerCluster)
	o.SecretsPerCluster = orDefault(o.SecretsPerCluster, DefaultSecretsPerCluster)
	o.VolumesPerCluster = orDefault(o.VolumesPerCluster, DefaultVolumesPerCluster)
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC().Truncate(time.Second)
	return o
}

// orDefault maps 0 to the default and negative counts to none.
func orDefault(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// clusterBuilder accumulates one cluster's objects. It is used by one goroutine only.
type clusterBuilder struct {
	opts  Options
	p     profile
	fleet []profile // every cluster, hub first: the hub deploys apps to the managed ones
	r     *rand.Rand
	now   time.Time
	// gitHead is the commit the cluster's GitOps repository is at; gitHistory holds older
	// commits, oldest first. Apps from one repository share them, as they do in reality.
	gitHead    string
	gitHistory []string
	objs       []*unstructured.Unstructured
	namespaces []string
	seenNS     map[string]bool
	trouble    []Trouble
}

func newClusterBuilder(opts Options, index int, fleet []profile) *clusterBuilder {
	r := rand.New(rand.NewPCG(uint64(opts.Seed), uint64(index)))
	b := &clusterBuilder{opts: opts, p: fleet[index], fleet: fleet, r: r, now: opts.Now, seenNS: map[string]bool{}}
	b.gitHead = gitRevision(r)
	for range 3 {
		b.gitHistory = append(b.gitHistory, gitRevision(r))
	}
	return b
}

func (b *clusterBuilder) build() Cluster {
	c := Cluster{
		Name: b.p.name, Cloud: b.p.cloud, Region: b.p.region, Hub: b.p.hub, NoAccess: b.p.noAccess,
		KubeVersion: b.p.kube, ESOVersions: b.p.eso,
	}
	if !b.p.hub {
		c.Managed = b.managedCluster()
	}
	if b.p.noAccess {
		return c
	}
	if b.p.scenarios&teamRestricted != 0 {
		c.DeniedNamespaces = []string{RestrictedNamespace}
	}
	b.argoCD()
	b.externalSecrets()
	b.portworx()
	if b.p.hub {
		b.governance()
	}
	b.namespaceObjects()
	c.Objects = b.objs
	return c
}

// add appends an object and records its namespace so that a Namespace object is created.
func (b *clusterBuilder) add(u *unstructured.Unstructured) {
	b.objs = append(b.objs, u)
	b.useNamespace(u.GetNamespace())
}

func (b *clusterBuilder) useNamespace(ns string) {
	if ns != "" && !b.seenNS[ns] {
		b.seenNS[ns] = true
		b.namespaces = append(b.namespaces, ns)
	}
}

func (b *clusterBuilder) addTrouble(scenario string, u *unstructured.Unstructured, sticky bool) {
	b.trouble = append(b.trouble, Trouble{
		Scenario: scenario, Cluster: b.p.name, Kind: u.GetKind(),
		Namespace: u.GetNamespace(), Name: u.GetName(), Sticky: sticky,
	})
}

// created returns a creation time for an object installed with the cluster, weeks ago.
func (b *clusterBuilder) created() time.Time {
	return ago(b.r, b.now, 20*24*time.Hour, 120*24*time.Hour)
}

// namespaceObjects adds a Namespace for every namespace the cluster's objects use.
func (b *clusterBuilder) namespaceObjects() {
	if b.p.hub {
		// OCM convention: every ManagedCluster has a namespace of its name on the hub.
		for _, p := range b.fleet[1:] {
			b.useNamespace(p.name)
		}
	}
	for _, ns := range b.namespaces {
		u := newObject("v1", "Namespace", "", ns, b.r, b.created())
		setLabels(u, "kubernetes.io/metadata.name", ns)
		u.Object["spec"] = m{"finalizers": strs("kubernetes")}
		u.Object["status"] = m{"phase": "Active"}
		b.objs = append(b.objs, u)
	}
}
