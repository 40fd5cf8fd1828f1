package causes

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
)

// now is the moment the test fleets are judged at.
var now = time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) time.Time { return now.Add(-d) }

func meta(cluster, kind, namespace, name string) model.Meta {
	return model.Meta{Ref: model.Ref{Cluster: cluster, Kind: kind, Namespace: namespace, Name: name}, Created: ago(48 * time.Hour)}
}

func ready() [model.NumProducts]model.SourceStatus {
	var s [model.NumProducts]model.SourceStatus
	for i := range s {
		s[i].State = model.StateReady
	}
	return s
}

// cluster is a spoke with every source Ready and an Available ManagedCluster record.
func cluster(name string) *model.ClusterSnapshot {
	c := &model.ClusterSnapshot{Name: name, Generation: 1, Sources: ready()}
	c.Managed = &model.ManagedCluster{Meta: meta("hub", "ManagedCluster", "", name), HubAcceptsClient: true,
		Accepted: model.Condition{Status: "True"}, Joined: model.Condition{Status: "True"},
		Available: model.Condition{Status: "True", LastTransition: ago(30 * 24 * time.Hour)}}
	return c
}

func hub() *model.ClusterSnapshot {
	return &model.ClusterSnapshot{Name: "hub", Hub: true, Generation: 1, Sources: ready()}
}

// fleet judges every cluster with the real health rules, as the sources do.
func fleet(clusters ...*model.ClusterSnapshot) *model.Fleet {
	f := &model.Fleet{Generation: 7, HubName: "hub", Clusters: clusters}
	for _, c := range clusters {
		health.Apply(c, now)
		c.Summary = model.Summarize(c)
	}
	return f
}

func vaultStore(cluster string, broken bool) model.SecretStore {
	st := model.SecretStore{Meta: meta(cluster, "ClusterSecretStore", "", "vault-backend"), Provider: "vault",
		ProviderServer: "https://vault.hub.example", Ready: model.Condition{Type: "Ready", Status: "True", Reason: "Valid"}}
	if broken {
		st.Ready = model.Condition{Type: "Ready", Status: "False", Reason: "InvalidProviderConfig",
			Message: "unable to create client", LastTransition: ago(3 * time.Hour)}
	}
	return st
}

func failingSecret(cluster, ns, name string, since time.Duration) model.ExternalSecret {
	return model.ExternalSecret{Meta: meta(cluster, "ExternalSecret", ns, name), StoreKind: "ClusterSecretStore", StoreName: "vault-backend",
		Ready: model.Condition{Type: "Ready", Status: "False", Reason: "SecretSyncedError",
			Message: "could not get secret data from provider", LastTransition: ago(since)},
		RefreshInterval: time.Hour, RefreshIntervalRaw: "1h"}
}

// degradedApp is an in-cluster app that manages the given resources and is Degraded.
func degradedApp(cluster, name, ns string, resources ...model.AppResource) model.App {
	return model.App{Meta: meta(cluster, "Application", "openshift-gitops", name), SyncStatus: "Synced", HealthStatus: "Degraded",
		HealthSince: ago(20 * time.Minute), DestCluster: cluster, Destination: model.Destination{Server: "https://kubernetes.default.svc", Namespace: ns},
		Resources: resources}
}

func res(group, kind, ns, name string) model.AppResource {
	return model.AppResource{Group: group, Kind: kind, Namespace: ns, Name: name, Status: "Synced"}
}

func pendingClaim(cluster, ns, name, provisioner string, age time.Duration) model.Volume {
	m := meta(cluster, "PersistentVolumeClaim", ns, name)
	m.Created = ago(age)
	return model.Volume{Meta: m, Phase: "Pending", StorageClass: "px-csi-db", Provisioner: provisioner}
}

func storageNode(cluster, name, phase string) model.StorageNode {
	return model.StorageNode{Meta: meta(cluster, "StorageNode", "portworx", name), Phase: phase,
		Conditions: []model.Condition{{Type: "NodeState", Status: phase, LastTransition: ago(50 * time.Minute)}}}
}

func storageCluster(cluster, phase string) model.StorageCluster {
	return model.StorageCluster{Meta: meta(cluster, "StorageCluster", "portworx", "px-cluster"), Phase: phase,
		Conditions: []model.Condition{{Type: "RuntimeState", Status: "Online", LastTransition: ago(45 * time.Minute)}}}
}

// leaseStopped makes c's ManagedCluster record say its agent stopped renewing the lease.
func leaseStopped(c *model.ClusterSnapshot, since time.Duration) {
	c.Managed.Available = model.Condition{Status: "Unknown", Reason: "ManagedClusterLeaseUpdateStopped",
		Message: "Registration agent stopped updating its lease.", LastTransition: ago(since)}
}
