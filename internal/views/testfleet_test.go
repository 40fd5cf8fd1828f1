package views

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// testNow is the fixed clock of every test: ages in golden files never move.
var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) time.Time { return testNow.Add(-d) }

func ok() model.Health { return model.Health{Verdict: model.VerdictOK} }

func bad(v model.Verdict, reason string) model.Health {
	return model.Health{Verdict: v, Reason: reason}
}

func meta(cluster, apiVersion, resource, kind, ns, name string) model.Meta {
	return model.Meta{
		Ref:     model.Ref{Cluster: cluster, APIVersion: apiVersion, Resource: resource, Kind: kind, Namespace: ns, Name: name},
		Created: ago(30 * 24 * time.Hour),
	}
}

func app(cluster, name, dest, sync, health string, h model.Health) model.App {
	return model.App{
		Meta:         meta(cluster, "argoproj.io/v1alpha1", "applications", "Application", "openshift-gitops", name),
		Project:      "default",
		SyncStatus:   sync,
		HealthStatus: health,
		Revision:     "4f2c9e1a7b3d5f6e8a9b0c1d2e3f4a5b6c7d8e9f",
		Destination:  model.Destination{Name: dest, Namespace: name},
		Sources:      []model.AppSource{{RepoURL: "https://git.example.com/fleet/gitops.git", Path: "apps/" + name, TargetRevision: "main"}},
		AutoSync:     true,
		SelfHeal:     true,
		ReconciledAt: ago(40 * time.Second),
		DestCluster:  dest,
		Health:       h,
	}
}

func readyCond(status, reason, msg string) model.Condition {
	return model.Condition{Type: "Ready", Status: status, Reason: reason, Message: msg, LastTransition: ago(2 * time.Hour)}
}

func externalSecret(cluster, ns, name, store string, ready model.Condition, h model.Health) model.ExternalSecret {
	return model.ExternalSecret{
		Meta:               meta(cluster, "external-secrets.io/v1", "externalsecrets", "ExternalSecret", ns, name),
		Ready:              ready,
		Conditions:         []model.Condition{ready},
		RefreshTime:        ago(7 * time.Minute),
		RefreshInterval:    time.Hour,
		RefreshIntervalRaw: "1h",
		StoreKind:          "ClusterSecretStore",
		StoreName:          store,
		TargetName:         name,
		Health:             h,
	}
}

func store(cluster, name string, ready model.Condition, h model.Health) model.SecretStore {
	return model.SecretStore{
		Meta:           meta(cluster, "external-secrets.io/v1", "clustersecretstores", "ClusterSecretStore", "", name),
		Provider:       "vault",
		ProviderServer: "https://vault.example.com:8200",
		Ready:          ready,
		Capabilities:   "ReadWrite",
		Conditions:     []model.Condition{ready},
		Health:         h,
	}
}

func volume(cluster, ns, name, phase string, size int64, h model.Health) model.Volume {
	v := model.Volume{
		Meta:         meta(cluster, "v1", "persistentvolumeclaims", "PersistentVolumeClaim", ns, name),
		Phase:        phase,
		StorageClass: "px-csi-db",
		Provisioner:  "pxd.portworx.com",
		Requested:    size,
		AccessModes:  []string{"ReadWriteOnce"},
		Health:       h,
	}
	if phase == "Bound" {
		v.Capacity, v.VolumeName, v.PVPhase = size, "pvc-"+name, "Bound"
	}
	return v
}

func portworx(cluster string, nodes int) ([]model.StorageCluster, []model.StorageNode) {
	sc := []model.StorageCluster{{
		Meta:        meta(cluster, "core.libopenstorage.org/v1", "storageclusters", "StorageCluster", "portworx", "px-"+cluster),
		Phase:       "Running",
		Version:     "3.2.1",
		ClusterName: "px-" + cluster,
		Health:      ok(),
	}}
	var sn []model.StorageNode
	for i := 1; i <= nodes; i++ {
		name := cluster + "-worker-" + string(rune('0'+i))
		sn = append(sn, model.StorageNode{
			Meta:         meta(cluster, "core.libopenstorage.org/v1", "storagenodes", "StorageNode", "portworx", name),
			Phase:        "Online",
			Version:      "3.2.1",
			IP:           "10.0.1." + string(rune('0'+i)),
			StorageUsed:  120 << 30,
			StorageTotal: 512 << 30,
			Health:       ok(),
		})
	}
	return sc, sn
}

func managed(name, ocp, kube, cloud string, available model.Condition, h model.Health) *model.ManagedCluster {
	return &model.ManagedCluster{
		Meta:             meta(name, "cluster.open-cluster-management.io/v1", "managedclusters", "ManagedCluster", "", name),
		HubAcceptsClient: true,
		Available:        available,
		Joined:           model.Condition{Type: "ManagedClusterJoined", Status: "True", Reason: "ManagedClusterJoined"},
		Accepted:         model.Condition{Type: "HubAcceptedManagedCluster", Status: "True", Reason: "HubClusterAdminAccepted"},
		Conditions: []model.Condition{
			{Type: "HubAcceptedManagedCluster", Status: "True", Reason: "HubClusterAdminAccepted", Message: "Accepted by hub cluster admin", LastTransition: ago(60 * 24 * time.Hour)},
			{Type: "ManagedClusterJoined", Status: "True", Reason: "ManagedClusterJoined", Message: "Managed cluster joined", LastTransition: ago(60 * 24 * time.Hour)},
			available,
		},
		KubeVersion:      kube,
		OpenShiftVersion: ocp,
		Cloud:            cloud,
		Vendor:           "OpenShift",
		ClusterSet:       "default",
		Claims:           map[string]string{"id.k8s.io": name + "-1a2b", "region.open-cluster-management.io": "eu-west-1"},
		ClientURLs:       []string{"https://api." + name + ".example.com:6443"},
		Health:           h,
	}
}

func available() model.Condition {
	return model.Condition{Type: "ManagedClusterConditionAvailable", Status: "True", Reason: "ManagedClusterAvailable",
		Message: "Managed cluster is available", LastTransition: ago(10 * 24 * time.Hour)}
}

func sources(states ...model.SourceStatus) [model.NumProducts]model.SourceStatus {
	var s [model.NumProducts]model.SourceStatus
	copy(s[:], states)
	return s
}

func ready() model.SourceStatus {
	return model.SourceStatus{State: model.StateReady, Since: ago(3 * time.Hour), Updated: ago(12 * time.Second)}
}

func state(s model.SourceState, reason string) model.SourceStatus {
	return model.SourceStatus{State: s, Reason: reason, Since: ago(5 * time.Minute)}
}

// testFleet is a hub and four spokes covering the cases an SRE meets: a degraded hub app
// deploying to a spoke, an unavailable cluster, a cluster without access, a cluster without
// Portworx, an invalid secret store, a Pending PVC.
func testFleet() *model.Fleet {
	hubSC, hubSN := portworx("hub", 3)
	hub := &model.ClusterSnapshot{
		Name: "hub", Context: "hub-admin", Hub: true, Generation: 7, Updated: ago(12 * time.Second),
		Sources: sources(ready(), ready(), ready(), ready()),
		Managed: managed("hub", "4.16.12", "v1.29.8", "Amazon", available(), ok()),
		Apps: []model.App{
			app("hub", "cluster-config", "hub", "Synced", "Healthy", ok()),
			app("hub", "config-cluster-east-1", "cluster-east-1", "Synced", "Healthy", ok()),
			app("hub", "config-cluster-edge-9", "cluster-edge-9", "OutOfSync", "Degraded",
				bad(model.VerdictCritical, "Degraded: Deployment edge-agent has 0/1 ready replicas")),
			app("hub", "config-cluster-north-4", "cluster-north-4", "Unknown", "Unknown",
				bad(model.VerdictUnknown, "cluster cluster-north-4 is unreachable")),
		},
		Secrets:         []model.ExternalSecret{externalSecret("hub", "openshift-gitops", "repo-credentials", "vault-backend", readyCond("True", "SecretSynced", "secret synced"), ok())},
		Stores:          []model.SecretStore{store("hub", "vault-backend", readyCond("True", "Valid", "store validated"), ok())},
		Volumes:         []model.Volume{volume("hub", "observability", "data-thanos-store-0", "Bound", 100<<30, ok())},
		StorageClusters: hubSC, StorageNodes: hubSN,
	}

	eastSC, eastSN := portworx("cluster-east-1", 3)
	payments := app("cluster-east-1", "payments", "cluster-east-1", "OutOfSync", "Healthy",
		bad(model.VerdictWarning, "OutOfSync: 2 resources differ"))
	payments.Resources = []model.AppResource{
		{Kind: "Service", Namespace: "payments", Name: "payments-api", Status: "Synced", Health: "Healthy"},
		{Group: "apps", Kind: "Deployment", Namespace: "payments", Name: "payments-api", Status: "OutOfSync", Health: "Healthy"},
		{Kind: "ConfigMap", Namespace: "payments", Name: "payments-config", Status: "OutOfSync"},
	}
	payments.Conditions = []model.Condition{{Type: "SyncError", Message: "one or more objects failed to apply", LastTransition: ago(9 * time.Minute)}}
	payments.Operation = &model.Operation{
		Phase: "Failed", Message: `one or more objects failed to apply, reason: admission webhook "validate.kyverno.svc" denied the request`, StartedAt: ago(9 * time.Minute),
		FinishedAt: ago(9*time.Minute - 4*time.Second), RetryCount: 2, Revision: payments.Revision,
		Results: []model.SyncResult{
			{Group: "apps", Kind: "Deployment", Namespace: "payments", Name: "payments-api", Status: "SyncFailed",
				Message: `admission webhook "validate.kyverno.svc" denied the request: resources.limits.memory is required`},
			{Kind: "ConfigMap", Namespace: "payments", Name: "payments-config", Status: "Synced", Message: "configmap/payments-config configured"},
			{Group: "batch", Kind: "Job", Namespace: "payments", Name: "db-migrate", Status: "Synced", HookPhase: "Succeeded"},
		},
	}
	payments.History = []model.HistoryEntry{
		{ID: 11, Revision: "9b1e0c7d2a4f6e8b0c1d2e3f4a5b6c7d8e9f0a1b", DeployedAt: ago(26 * time.Hour), InitiatedBy: "automated"},
		{ID: 12, Revision: payments.Revision, DeployedAt: ago(3 * time.Hour), InitiatedBy: "jane@example.com"},
	}
	east := &model.ClusterSnapshot{
		Name: "cluster-east-1", Context: "east-admin", Generation: 42, Updated: ago(3 * time.Second),
		Sources: sources(ready(), ready(), ready(), ready()),
		Managed: managed("cluster-east-1", "4.15.30", "v1.28.12", "Azure", available(), ok()),
		Apps: []model.App{
			app("cluster-east-1", "guestbook", "cluster-east-1", "Synced", "Healthy", ok()),
			payments,
		},
		Secrets: []model.ExternalSecret{
			externalSecret("cluster-east-1", "payments", "db-credentials", "vault-backend", readyCond("True", "SecretSynced", "secret synced"), ok()),
			externalSecret("cluster-east-1", "payments", "api-token", "vault-backend",
				readyCond("False", "SecretSyncedError", "could not get secret data from provider"),
				bad(model.VerdictCritical, "SecretSyncedError: could not get secret data from provider")),
		},
		Stores: []model.SecretStore{store("cluster-east-1", "vault-backend", readyCond("True", "Valid", "store validated"), ok())},
		Volumes: []model.Volume{
			volume("cluster-east-1", "payments", "data-postgres-0", "Bound", 20<<30, ok()),
			volume("cluster-east-1", "payments", "scratch", "Pending", 5<<30,
				bad(model.VerdictWarning, "Pending for 2h: waiting for a volume to be created")),
		},
		StorageClusters: eastSC, StorageNodes: eastSN,
	}

	westGuestbook := app("cluster-west-2", "guestbook", "cluster-west-2", "Synced", "Healthy", ok())
	westGuestbook.Operation = &model.Operation{Phase: "Running", Message: "waiting for healthy state of apps/Deployment/guestbook-ui",
		StartedAt: ago(20 * time.Second)}
	west := &model.ClusterSnapshot{
		Name: "cluster-west-2", Context: "west-admin", Generation: 9, Updated: ago(5 * time.Second),
		Sources: sources(ready(), ready(), ready(), state(model.StateNotInstalled, "core.libopenstorage.org/v1 not served")),
		Managed: managed("cluster-west-2", "4.16.12", "v1.29.8", "Google", available(), ok()),
		Apps:    []model.App{westGuestbook},
		Secrets: []model.ExternalSecret{externalSecret("cluster-west-2", "web", "tls-cert", "vault-backend",
			readyCond("False", "SecretSyncedError", "store vault-backend is not ready"),
			bad(model.VerdictWarning, "SecretSyncedError: store vault-backend is not ready"))},
		Stores: []model.SecretStore{store("cluster-west-2", "vault-backend",
			readyCond("False", "InvalidProviderConfig", "unable to log in to Vault: permission denied"),
			bad(model.VerdictCritical, "InvalidProviderConfig: unable to log in to Vault: permission denied"))},
	}

	lost := model.Condition{Type: "ManagedClusterConditionAvailable", Status: "Unknown", Reason: "ManagedClusterLeaseUpdateStopped",
		Message: "Registration agent stopped updating its lease.", LastTransition: ago(6 * time.Minute)}
	northManaged := managed("cluster-north-4", "4.14.38", "v1.27.16", "VSphere", lost,
		bad(model.VerdictCritical, "Unavailable: ManagedClusterLeaseUpdateStopped"))
	northManaged.Taints = []model.Taint{{Key: "cluster.open-cluster-management.io/unavailable", Effect: "NoSelect"}}
	timeout := "dial tcp 10.0.4.12:6443: i/o timeout"
	north := &model.ClusterSnapshot{
		Name: "cluster-north-4", Context: "north-admin", Generation: 3, Updated: ago(6 * time.Minute),
		Sources: sources(ready(), state(model.StateUnreachable, timeout), state(model.StateUnreachable, timeout),
			state(model.StateUnreachable, timeout)),
		Managed: northManaged,
	}

	noCtx := "no kubeconfig context for cluster-edge-9"
	edgeManaged := managed("cluster-edge-9", "", "v1.30.4", "Other", available(), ok())
	edgeManaged.Vendor = "K3s"
	edge := &model.ClusterSnapshot{
		Name: "cluster-edge-9", Generation: 2, Updated: ago(12 * time.Second),
		Sources: sources(ready(), state(model.StateNoAccess, noCtx), state(model.StateNoAccess, noCtx),
			state(model.StateNoAccess, noCtx)),
		Managed: edgeManaged,
	}

	addPolicies(hub, east, west, north, edge)
	withPortworxSDK(east)
	return newTestFleet(100, hub, east, west, north, edge)
}

// newTestFleet summarises each snapshot and rolls hub apps up by destination, as the
// sources do.
func newTestFleet(gen uint64, clusters ...*model.ClusterSnapshot) *model.Fleet {
	f := &model.Fleet{Generation: gen, HubName: "hub", HubContext: "hub-admin", Clusters: clusters,
		Remote: map[string]model.AppCounts{}}
	for _, c := range clusters {
		c.Summary = model.Summarize(c)
		for dest, counts := range c.Summary.Remote {
			r := f.Remote[dest]
			r.Merge(counts)
			f.Remote[dest] = r
		}
	}
	return f
}
