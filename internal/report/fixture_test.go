package report

import (
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/health"
	"github.com/mcgtui/mcgtui/internal/model"
)

// now is the fixed moment the test fleet is judged at.
var now = time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC)

const gi = int64(1) << 30

func meta(cluster, kind, namespace, name string) model.Meta {
	return model.Meta{Ref: model.Ref{Cluster: cluster, Kind: kind, Namespace: namespace, Name: name}, Created: now.Add(-48 * time.Hour)}
}

// allReady marks every product source Ready.
func allReady() [model.NumProducts]model.SourceStatus {
	var s [model.NumProducts]model.SourceStatus
	for i := range s {
		s[i].State = model.StateReady
	}
	return s
}

// testFleet is a hub and two managed clusters modelled on the example objects: a healthy hub
// with a failing Application, cluster1 with ESO and Portworx problems, and cluster2 whose agent
// stopped renewing its lease. Verdicts come from the real health rules.
func testFleet() *model.Fleet {
	hub := &model.ClusterSnapshot{Name: "hub", Hub: true, Generation: 12, Sources: allReady()}
	hub.Sources[model.ProductPortworx] = model.SourceStatus{State: model.StateNotInstalled}
	hub.Apps = []model.App{
		{Meta: meta("hub", "Application", "argocd", "velero-test"), Project: "sre", SyncStatus: "Synced", HealthStatus: "Healthy",
			Revision: "ea8759964626a583667a2bfd08f334ec2070040a", DestCluster: "cluster1", Destination: model.Destination{Name: "cluster1", Namespace: "test-lla"}},
		{Meta: meta("hub", "Application", "argocd", "guestbook-cluster2"), Project: "default", SyncStatus: "OutOfSync", HealthStatus: "Degraded",
			Revision: "53e28ff20cc530b9ada2173fbbd64d48338583ba", DestCluster: "cluster2", Destination: model.Destination{Name: "cluster2", Namespace: "guestbook"},
			Operation: &model.Operation{Phase: "Failed", RetryCount: 5, Message: `one or more objects failed to apply, reason: Deployment.apps "guestbook-ui" is invalid: ` +
				`spec.template.spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 512Mi (retried 5 times).`}},
		{Meta: meta("hub", "Application", "openshift-gitops", "cluster-config"), Project: "default", SyncStatus: "Synced", HealthStatus: "Progressing",
			Revision: "v1.4.2", Destination: model.Destination{Server: "https://kubernetes.default.svc", Namespace: "openshift-config"}},
	}
	hub.AppSets = []model.AppSet{{Meta: meta("hub", "ApplicationSet", "argocd", "guestbook"), Conditions: []model.Condition{
		{Type: "ErrorOccurred", Status: "False"}, {Type: "ResourcesUpToDate", Status: "True"}}}}

	cluster1 := &model.ClusterSnapshot{Name: "cluster1", Context: "cluster1", Generation: 40, Sources: allReady()}
	cluster1.Sources[model.ProductArgoCD] = model.SourceStatus{State: model.StateForbidden, Reason: "forbidden: cannot list applications.argoproj.io", Since: now.Add(-5 * time.Minute)}
	cluster1.Managed = &model.ManagedCluster{Meta: meta("hub", "ManagedCluster", "", "cluster1"), HubAcceptsClient: true, Cloud: "Other", OpenShiftVersion: "4.9.21",
		KubeVersion: "v1.22.3+fdba464", Accepted: model.Condition{Status: "True"}, Joined: model.Condition{Status: "True"}, Available: model.Condition{Status: "True"}}
	cluster1.Stores = []model.SecretStore{
		{Meta: meta("cluster1", "ClusterSecretStore", "", "vault-backend"), Provider: "vault", Ready: model.Condition{Status: "False", Reason: "InvalidProviderConfig",
			Message: "unable to log in to auth method: permission denied"}},
		{Meta: meta("cluster1", "SecretStore", "payments", "aws-secretsmanager"), Provider: "aws", Ready: model.Condition{Status: "True", Reason: "Valid"}},
	}
	cluster1.Secrets = []model.ExternalSecret{
		{Meta: meta("cluster1", "ExternalSecret", "payments", "stripe-api-key"), StoreKind: "SecretStore", StoreName: "aws-secretsmanager", Stores: []model.StoreRef{{Kind: "SecretStore", Name: "aws-secretsmanager"}},
			Ready: model.Condition{Status: "True", Reason: "SecretSynced"}, RefreshInterval: 15 * time.Minute, RefreshIntervalRaw: "15m", RefreshTime: now.Add(-2 * time.Hour)},
		{Meta: meta("cluster1", "ExternalSecret", "payments", "database-credentials"), StoreKind: "ClusterSecretStore", StoreName: "vault-backend", Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault-backend"}},
			Ready: model.Condition{Status: "False", Reason: "SecretSyncedError", Message: "could not get secret data from provider"}, RefreshInterval: time.Hour},
		{Meta: meta("cluster1", "ExternalSecret", "payments", "legacy-api-token"), StoreKind: "SecretStore", StoreName: "aws-secretsmanager", Stores: []model.StoreRef{{Kind: "SecretStore", Name: "aws-secretsmanager"}},
			Ready: model.Condition{Status: "True", Reason: "SecretSynced"}, RefreshInterval: time.Hour, RefreshTime: now.Add(-10 * time.Minute)},
	}
	cluster1.StorageClusters = []model.StorageCluster{{Meta: meta("cluster1", "StorageCluster", "portworx", "px-cluster-6f3c9b1e"), Phase: "Running",
		Version: "3.1.4.0-ab9c1a4", Conditions: []model.Condition{{Type: "RuntimeState", Status: "Online"}}}}
	cluster1.StorageNodes = []model.StorageNode{
		{Meta: meta("cluster1", "StorageNode", "portworx", "worker-1"), Phase: "Online", Version: "3.1.4.0-ab9c1a4", StorageUsed: 14612 << 20, StorageTotal: 300 * gi},
		{Meta: meta("cluster1", "StorageNode", "portworx", "worker-2"), Phase: "Offline", Version: "3.1.4.0-ab9c1a4", StorageTotal: 300 * gi},
	}
	pending := meta("cluster1", "PersistentVolumeClaim", "payments", "ledger-data")
	pending.Created = now.Add(-14 * time.Minute)
	cluster1.Volumes = []model.Volume{
		{Meta: meta("cluster1", "PersistentVolumeClaim", "payments", "db-data"), Phase: "Bound", StorageClass: "px-csi-db", Provisioner: "pxd.portworx.com",
			Requested: 20 * gi, Capacity: 20 * gi, VolumeName: "pvc-0c1f3a9d", PVPhase: "Bound"},
		{Meta: pending, Phase: "Pending", StorageClass: "px-csi-db", Provisioner: "pxd.portworx.com", Requested: 50 * gi},
	}

	cluster2 := &model.ClusterSnapshot{Name: "cluster2", Generation: 3}
	cluster2.Sources[model.ProductACM].State = model.StateReady
	for _, p := range []model.Product{model.ProductArgoCD, model.ProductESO, model.ProductPortworx} {
		cluster2.Sources[p] = model.SourceStatus{State: model.StateNoAccess}
	}
	cluster2.Managed = &model.ManagedCluster{Meta: meta("hub", "ManagedCluster", "", "cluster2"), HubAcceptsClient: true, Cloud: "Amazon",
		KubeVersion: "v1.30.4-eks-a737599", Accepted: model.Condition{Status: "True"}, Joined: model.Condition{Status: "True"},
		Available: model.Condition{Status: "Unknown", Reason: "ManagedClusterLeaseUpdateStopped", Message: "Registration agent stopped updating its lease."},
		Taints:    []model.Taint{{Key: "cluster.open-cluster-management.io/unreachable", Effect: "NoSelect"}}}

	f := &model.Fleet{Generation: 55, HubName: "hub", Clusters: []*model.ClusterSnapshot{hub, cluster1, cluster2}}
	for _, c := range f.Clusters {
		health.Apply(c, now)
		c.Summary = model.Summarize(c)
	}
	return f
}

// longReason is longer than the table format shows.
var longReason = strings.Repeat("very long reason ", 10)
