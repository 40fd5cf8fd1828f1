package health

import (
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// meta names an object for the Apply tests.
func meta(kind, namespace, name string) model.Meta {
	return model.Meta{Ref: model.Ref{Cluster: "cluster1", Kind: kind, Namespace: namespace, Name: name}}
}

// invalidStore is the Ready condition of a store whose provider rejects its credentials.
var invalidStore = model.Condition{Type: "Ready", Status: "False", Reason: "InvalidProviderConfig", Message: "unable to log in to auth method: permission denied"}

// eso builds a secret whose store references are "Kind/name" items, separated by commas.
func eso(kind, namespace, name, refs string, ready model.Condition) model.ExternalSecret {
	e := model.ExternalSecret{Meta: meta(kind, namespace, name), Ready: ready}
	for _, ref := range strings.Split(refs, ",") {
		k, n, _ := strings.Cut(strings.TrimSpace(ref), "/")
		e.Stores = append(e.Stores, model.StoreRef{Kind: k, Name: n})
	}
	return e
}

func TestApplySecretCorrelation(t *testing.T) {
	s := &model.ClusterSnapshot{
		Name: "cluster1",
		Stores: []model.SecretStore{
			{Meta: meta("ClusterSecretStore", "", "vault-backend"), Ready: invalidStore},
			{Meta: meta("SecretStore", "payments", "aws-secretsmanager"), Ready: model.Condition{Status: "False", Reason: "ValidationFailed", Message: "AccessDenied"}},
			{Meta: meta("SecretStore", "payments", "fake"), Ready: model.Condition{Status: "True", Reason: "Valid"}},
			{Meta: meta("SecretStore", "billing", "aws-secretsmanager"), Ready: model.Condition{Status: "True", Reason: "Valid"}},
		},
		Secrets: []model.ExternalSecret{
			eso("ExternalSecret", "payments", "database-credentials", "ClusterSecretStore/vault-backend", secretSyncedError),
			eso("ExternalSecret", "payments", "stripe-api-key", "SecretStore/aws-secretsmanager", secretSyncedError),
			eso("ExternalSecret", "billing", "stripe-api-key", "SecretStore/aws-secretsmanager", secretSyncedError),
			eso("ExternalSecret", "payments", "ready-despite-store", "ClusterSecretStore/vault-backend", secretSynced),
			eso("ExternalSecret", "payments", "missing-store", "SecretStore/nope", secretSyncedError),
			eso("ExternalSecret", "payments", "not-yet", "ClusterSecretStore/vault-backend", model.Condition{}),
			eso("PushSecret", "payments", "push", "SecretStore/fake,SecretStore/aws-secretsmanager", model.Condition{Status: "False", Reason: "Errored", Message: "push failed"}),
			eso("ClusterExternalSecret", "", "everywhere", "SecretStore/aws-secretsmanager", model.Condition{Status: "False", Reason: "NotReady"}),
			eso("ClusterExternalSecret", "", "everywhere-cluster", "ClusterSecretStore/vault-backend", model.Condition{Status: "False", Reason: "NotReady"}),
			// A PushSecret names stores of both kinds; each is looked up as its own kind.
			eso("PushSecret", "payments", "push-mixed", "SecretStore/fake,ClusterSecretStore/vault-backend", model.Condition{Status: "False", Reason: "Errored"}),
			eso("PushSecret", "payments", "push-wrong-kind", "SecretStore/aws-secretsmanager,ClusterSecretStore/fake", model.Condition{Status: "False", Reason: "Errored"}),
		},
	}
	s.Sources[model.ProductESO].State = model.StateReady
	Apply(s, now)

	vaultProblem := "store vault-backend not valid: InvalidProviderConfig: unable to log in to auth method: permission denied"
	wants := []want{
		{model.VerdictCritical, "SecretSyncedError; " + vaultProblem},
		{model.VerdictCritical, "SecretSyncedError; store aws-secretsmanager not valid: ValidationFailed: AccessDenied"},
		{model.VerdictCritical, "SecretSyncedError: could not get secret data from provider"},
		{model.VerdictOK, ""},
		{model.VerdictCritical, "SecretSyncedError; store nope not found"},
		{model.VerdictUnknown, "no Ready condition yet; " + vaultProblem},
		{model.VerdictCritical, "Errored; SecretStore aws-secretsmanager not valid: ValidationFailed: AccessDenied"},
		{model.VerdictCritical, "NotReady"},
		{model.VerdictCritical, "NotReady; " + vaultProblem},
		{model.VerdictCritical, "Errored; ClusterSecretStore " + vaultProblem[len("store "):]},
		{model.VerdictCritical, "Errored; SecretStore aws-secretsmanager not valid: ValidationFailed: AccessDenied; ClusterSecretStore fake not found"},
	}
	for i, w := range wants {
		t.Run(s.Secrets[i].Name, func(t *testing.T) { w.check(t, s.Secrets[i].Health) })
	}
	want{model.VerdictCritical, "InvalidProviderConfig: unable to log in to auth method: permission denied"}.check(t, s.Stores[0].Health)
	want{model.VerdictOK, ""}.check(t, s.Stores[2].Health)
}

func TestApplyMissingStoreNeedsCompleteList(t *testing.T) {
	s := &model.ClusterSnapshot{Secrets: []model.ExternalSecret{
		eso("ExternalSecret", "payments", "missing-store", "SecretStore/nope", secretSyncedError),
	}}
	s.Sources[model.ProductESO].State = model.StateForbidden
	Apply(s, now)
	want{model.VerdictCritical, "SecretSyncedError: could not get secret data from provider"}.check(t, s.Secrets[0].Health)
}

func TestApplyVolumeCorrelation(t *testing.T) {
	pending := func(name, provisioner string) model.Volume {
		m := meta("PersistentVolumeClaim", "payments", name)
		m.Created = now.Add(-14 * time.Minute)
		return model.Volume{Meta: m, Phase: "Pending", Provisioner: provisioner, StorageClass: "px-csi-db"}
	}
	s := &model.ClusterSnapshot{
		StorageClusters: []model.StorageCluster{{Meta: meta("StorageCluster", "portworx", "px"), Phase: "Degraded"}},
		StorageNodes: []model.StorageNode{
			{Meta: meta("StorageNode", "portworx", "worker-1"), Phase: "Online"},
			{Meta: meta("StorageNode", "portworx", "worker-2"), Phase: "Offline"},
		},
		Volumes: []model.Volume{
			pending("csi", "pxd.portworx.com"),
			pending("in-tree", "kubernetes.io/portworx-volume"),
			pending("ebs", "ebs.csi.aws.com"),
			{Meta: meta("PersistentVolumeClaim", "payments", "bound"), Phase: "Bound", Provisioner: "pxd.portworx.com"},
		},
	}
	Apply(s, now)
	want{model.VerdictCritical, "Pending for 14m; portworx node worker-2 Offline"}.check(t, s.Volumes[0].Health)
	want{model.VerdictCritical, "Pending for 14m; portworx node worker-2 Offline"}.check(t, s.Volumes[1].Health)
	want{model.VerdictCritical, "Pending for 14m"}.check(t, s.Volumes[2].Health)
	want{model.VerdictOK, ""}.check(t, s.Volumes[3].Health)
	want{model.VerdictCritical, "Offline"}.check(t, s.StorageNodes[1].Health)
	want{model.VerdictWarning, "Degraded"}.check(t, s.StorageClusters[0].Health)

	// With every node up, the unhealthy StorageCluster is the likely cause.
	s.StorageNodes = s.StorageNodes[:1]
	Apply(s, now)
	want{model.VerdictCritical, "Pending for 14m; portworx cluster px Degraded"}.check(t, s.Volumes[0].Health)

	// Several nodes down are listed, a few at most.
	s.StorageClusters = nil
	for _, name := range []string{"worker-2", "worker-3", "worker-4"} {
		s.StorageNodes = append(s.StorageNodes, model.StorageNode{Meta: meta("StorageNode", "portworx", name), Phase: "NotInQuorum"})
	}
	Apply(s, now)
	want{model.VerdictCritical, "Pending for 14m; portworx nodes worker-2 NotInQuorum, worker-3 NotInQuorum (+1 more)"}.check(t, s.Volumes[0].Health)
}

func TestApplySetsEveryHealth(t *testing.T) {
	s := &model.ClusterSnapshot{
		Managed: &model.ManagedCluster{HubAcceptsClient: true, Accepted: hubAccepted, Joined: joined, Available: leaseStopped},
		Apps:    []model.App{{SyncStatus: "OutOfSync", HealthStatus: "Healthy"}},
		AppSets: []model.AppSet{{Conditions: []model.Condition{{Type: "ErrorOccurred", Status: "True", Reason: "ApplicationGenerationFromParamsError"}}}},
	}
	Apply(s, now)
	want{model.VerdictCritical, "ManagedClusterLeaseUpdateStopped: Registration agent stopped updating its lease."}.check(t, s.Managed.Health)
	want{model.VerdictWarning, "OutOfSync"}.check(t, s.Apps[0].Health)
	want{model.VerdictCritical, "ApplicationGenerationFromParamsError"}.check(t, s.AppSets[0].Health)

	// The roll-up reads the verdicts Apply set.
	if sum := model.Summarize(s); sum.Health.Verdict != model.VerdictCritical {
		t.Errorf("Summarize after Apply: got %v, want Critical", sum.Health)
	}
	Apply(nil, now) // must not panic
}
