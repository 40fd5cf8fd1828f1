package demo

import (
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Strings the ESO controllers write (examples externalsecret-*.yaml; the secretstore controller's
// common.go; the pushsecret and clusterexternalsecret controllers).
const (
	esoGroup             = "external-secrets.io"
	msgSecretSynced      = "secret synced"
	msgSecretSyncedOld   = "Secret was synced" // ESO releases before v0.10
	msgSecretDataFailed  = "could not get secret data from provider"
	msgStoreValidated    = "store validated"
	msgStoreClientFailed = "unable to create client" // the detailed provider error goes to an Event only
	msgPushSynced        = "PushSecret synced successfully"
	vaultStoreName       = "vault-backend"
	secretsNamespace     = "payments" // where the namespaced, cloud-native SecretStore lives
)

// secretTemplate is one ExternalSecret of the catalogue.
type secretTemplate struct {
	name, namespace string
	key             string   // remoteRef.key, or the dataFrom extract key
	properties      []string // one data entry per property; none means dataFrom.extract
	cloudStore      bool     // read from the namespace's cloud SecretStore instead of Vault
	interval        string
}

var secretCatalogue = []secretTemplate{
	{name: "config-demo-secret", namespace: "config-demo", key: "secret/data/global/config-demo", properties: []string{"secret"}, interval: "1h"},
	{name: "hello-world-secret", namespace: "hello-world", key: "secret/data/global/hello-world", properties: []string{"message"}, interval: "1h"},
	{name: "database-credentials", namespace: "payments", key: "secret/data/payments/database", properties: []string{"username", "password"}, interval: "1h"},
	{name: "stripe-api-key", namespace: "payments", key: "prod/payments/stripe", cloudStore: true, interval: "15m"},
	{name: "grafana-admin", namespace: "observability", key: "secret/data/global/grafana", properties: []string{"admin-user", "admin-password"}, interval: "1h"},
	{name: "private-repo-creds", namespace: "openshift-gitops", key: "secret/data/hub/git", properties: []string{"url", "username", "password"}, interval: "1h"},
	{name: "redis-password", namespace: "cache", key: "secret/data/region/redis", properties: []string{"redis-password"}, interval: "1h"},
	{name: "kafka-user-checkout", namespace: "kafka", key: "secret/data/region/kafka-checkout", properties: []string{"password"}, interval: "1h"},
	{name: "keycloak-db", namespace: "sso", key: "secret/data/region/keycloak-db", properties: []string{"username", "password"}, interval: "1h"},
	{name: "checkout-api-token", namespace: "checkout", key: "secret/data/region/checkout", properties: []string{"token"}, interval: "1h"},
	{name: "inventory-db", namespace: "inventory", key: "secret/data/region/inventory-db", properties: []string{"username", "password"}, interval: "1h"},
	{name: "dns-credentials", namespace: "cert-manager", key: "secret/data/global/dns", properties: []string{"api-token"}, interval: "24h"},
	{name: "minio-root", namespace: "minio", key: "secret/data/region/minio", properties: []string{"rootUser", "rootPassword"}, interval: "1h"},
	{name: "smtp-credentials", namespace: "notifications", key: "secret/data/global/smtp", properties: []string{"username", "password"}, interval: "1h"},
	{name: "catalog-db", namespace: "catalog", key: "secret/data/region/catalog-db", properties: []string{"username", "password"}, interval: "1h"},
	{name: "search-api-key", namespace: "search", key: "secret/data/region/search", properties: []string{"api-key"}, interval: "1h"},
	{name: "s3-credentials", namespace: "reports", key: "secret/data/region/s3", properties: []string{"access-key", "secret-key"}, interval: "1h"},
	{name: "gateway-tls", namespace: "gateway", key: "secret/data/region/gateway-tls", interval: "24h"},
	{name: "legacy-api-token", namespace: "payments", key: "secret/data/payments/legacy-api", properties: []string{"token"}, interval: "1h"},
	{name: "otel-exporter-token", namespace: "observability", key: "secret/data/global/otel", properties: []string{"token"}, interval: "1h"},
}

// esoAPIVersion is the version ESO objects are stored at on this cluster.
func (b *clusterBuilder) esoAPIVersion() string { return esoGroup + "/" + b.p.eso[0] }

// externalSecrets adds the cluster's stores, ExternalSecrets and, on the hub, a
// ClusterExternalSecret and a PushSecret.
func (b *clusterBuilder) externalSecrets() {
	vaultBroken := b.p.scenarios&storeInvalid != 0
	b.add(b.vaultStore(vaultBroken))
	cloudStore := b.cloudStore()
	b.add(cloudStore)

	synced := msgSecretSynced
	if b.p.eso[0] == "v1beta1" {
		synced = msgSecretSyncedOld
	}
	for i := range b.opts.SecretsPerCluster {
		t := secretCatalogue[i%len(secretCatalogue)]
		t.name = nthName(t.name, i/len(secretCatalogue))
		storeKind, storeName := "ClusterSecretStore", vaultStoreName
		if t.cloudStore {
			t.namespace, storeKind, storeName = secretsNamespace, "SecretStore", cloudStore.GetName()
		}
		u := b.externalSecret(t, storeKind, storeName, synced)
		switch {
		case vaultBroken && storeName == vaultStoreName:
			// The first failing secret is new and never synced; the others synced before the
			// store broke, keep their old refreshTime, and fail on every retry since.
			failExternalSecret(u, ago(b.r, b.now, 2*time.Hour, 3*time.Hour), i == 0)
			b.addTrouble(ScenarioSecretFailing, u, true)
		case b.p.scenarios&secretStale != 0 && i == 2:
			// Ready but not refreshed for 9 hours on a 1h interval: a stuck controller.
			unstructured.SetNestedField(u.Object, stamp(b.now.Add(-9*time.Hour-17*time.Minute)), "status", "refreshTime")
			b.addTrouble(ScenarioSecretStale, u, true)
		}
		b.add(u)
	}
	if b.p.hub {
		b.clusterExternalSecret(synced)
		b.pushSecret()
	}
}

// vaultStore is the Multicloud GitOps ClusterSecretStore: the hub's Vault through Kubernetes
// auth, with a mount per cluster.
func (b *clusterBuilder) vaultStore(broken bool) *unstructured.Unstructured {
	u := newObject(b.esoAPIVersion(), "ClusterSecretStore", "", vaultStoreName, b.r, b.created())
	mount, role := b.p.name, b.p.name+"-role"
	if b.p.hub {
		mount, role = "hub", "hub-role"
	}
	u.Object["spec"] = m{"provider": m{"vault": m{
		"server":  vaultServer,
		"path":    "secret",
		"version": "v2",
		"caProvider": m{"type": "ConfigMap", "name": "kube-root-ca.crt", "key": "ca.crt",
			"namespace": "golang-external-secrets"},
		"auth": m{"kubernetes": m{"mountPath": mount, "role": role,
			"serviceAccountRef": m{"name": "golang-external-secrets", "namespace": "golang-external-secrets"}}},
	}}}
	validated := ago(b.r, b.now, 5*time.Minute, 24*time.Hour)
	cond := condition("Ready", "True", "Valid", msgStoreValidated, validated)
	if broken {
		cond = condition("Ready", "False", "InvalidProviderConfig", msgStoreClientFailed, ago(b.r, b.now, 3*time.Hour, 4*time.Hour))
		b.addTrouble(ScenarioStoreInvalid, u, true)
	}
	u.Object["status"] = m{"capabilities": "ReadWrite", "conditions": []any{cond}}
	return u
}

// cloudStore is a namespaced SecretStore for the cluster's cloud secret manager (Vault again
// where the cloud has none).
func (b *clusterBuilder) cloudStore() *unstructured.Unstructured {
	sa := m{"serviceAccountRef": m{"name": "payments-secrets-reader"}}
	var name string
	var provider m
	switch b.p.cloud {
	case "Amazon":
		name, provider = "aws-secretsmanager", m{"aws": m{"service": "SecretsManager", "region": b.p.region, "auth": m{"jwt": sa}}}
	case "Azure":
		name, provider = "azure-keyvault", m{"azurekv": m{"vaultUrl": "https://payments-" + b.p.region + ".vault.azure.net",
			"authType": "WorkloadIdentity", "serviceAccountRef": sa["serviceAccountRef"]}}
	case "Google":
		name, provider = "gcp-secretmanager", m{"gcpsm": m{"projectID": "mcg-demo-payments",
			"auth": m{"workloadIdentity": m{"clusterLocation": b.p.region, "clusterName": b.p.name,
				"serviceAccountRef": sa["serviceAccountRef"]}}}}
	default:
		name, provider = "vault-payments", m{"vault": m{"server": vaultServer, "path": "payments", "version": "v2",
			"auth": m{"kubernetes": m{"mountPath": b.p.name, "role": "payments-reader"}}}}
	}
	u := newObject(b.esoAPIVersion(), "SecretStore", secretsNamespace, name, b.r, b.created())
	u.Object["spec"] = m{"provider": provider}
	u.Object["status"] = m{"capabilities": "ReadWrite", "conditions": []any{
		condition("Ready", "True", "Valid", msgStoreValidated, ago(b.r, b.now, 5*time.Minute, 24*time.Hour))}}
	return u
}

// externalSecret renders a synced ExternalSecret in the layout of externalsecret-ready-true.yaml.
func (b *clusterBuilder) externalSecret(t secretTemplate, storeKind, storeName, syncedMsg string) *unstructured.Unstructured {
	u := newObject(b.esoAPIVersion(), "ExternalSecret", t.namespace, t.name, b.r, b.created())
	spec := m{
		"refreshInterval": t.interval,
		"secretStoreRef":  m{"kind": storeKind, "name": storeName},
		"target":          m{"name": t.name, "creationPolicy": "Owner", "deletionPolicy": "Retain"},
	}
	if len(t.properties) == 0 {
		spec["dataFrom"] = []any{m{"extract": m{"key": t.key}}}
	} else {
		data := make([]any, 0, len(t.properties))
		for _, p := range t.properties {
			data = append(data, m{"secretKey": p, "remoteRef": m{"key": t.key, "property": p}})
		}
		spec["data"] = data
	}
	u.Object["spec"] = spec
	interval, _ := time.ParseDuration(t.interval)
	u.Object["status"] = m{
		"binding":               m{"name": t.name},
		"conditions":            []any{condition("Ready", "True", "SecretSynced", syncedMsg, ago(b.r, b.now, 24*time.Hour, 30*24*time.Hour))},
		"refreshTime":           stamp(ago(b.r, b.now, 0, interval)),
		"syncedResourceVersion": "1-" + hexString(b.r, 56),
	}
	return u
}

// failExternalSecret marks an ExternalSecret as failing the way the controller does when the
// provider call fails (externalsecret-ready-false.yaml). A never-synced secret has no
// refreshTime, binding or syncedResourceVersion.
func failExternalSecret(u *unstructured.Unstructured, since time.Time, neverSynced bool) {
	status := u.Object["status"].(m)
	status["conditions"] = []any{condition("Ready", "False", "SecretSyncedError", msgSecretDataFailed, since)}
	if neverSynced {
		delete(status, "refreshTime")
		delete(status, "binding")
		delete(status, "syncedResourceVersion")
	} else {
		status["refreshTime"] = stamp(since.Add(-37 * time.Minute))
	}
}

// clusterExternalSecret adds the hub's ClusterExternalSecret and the ExternalSecrets it has
// provisioned in two namespaces.
func (b *clusterBuilder) clusterExternalSecret(syncedMsg string) {
	namespaces := []string{"config-demo", "hello-world"}
	t := secretTemplate{name: "registry-pull-secret", key: "secret/data/hub/registry", properties: []string{".dockerconfigjson"}, interval: "1h"}
	u := newObject(b.esoAPIVersion(), "ClusterExternalSecret", "", t.name, b.r, b.created())
	u.Object["spec"] = m{
		"externalSecretName": t.name,
		"namespaceSelectors": []any{m{"matchExpressions": []any{m{"key": "kubernetes.io/metadata.name",
			"operator": "In", "values": strs(namespaces...)}}}},
		"refreshTime": "1m",
		"externalSecretSpec": m{
			"refreshInterval": t.interval,
			"secretStoreRef":  m{"kind": "ClusterSecretStore", "name": vaultStoreName},
			"target":          m{"name": t.name, "template": m{"type": "kubernetes.io/dockerconfigjson"}},
			"data": []any{m{"secretKey": ".dockerconfigjson",
				"remoteRef": m{"key": t.key, "property": "dockerconfigjson"}}},
		},
	}
	u.Object["status"] = m{
		"externalSecretName":    t.name,
		"provisionedNamespaces": strs(namespaces...),
		"conditions":            []any{m{"type": "Ready", "status": "True"}},
	}
	b.add(u)
	for _, ns := range namespaces {
		t.namespace = ns
		child := b.externalSecret(t, "ClusterSecretStore", vaultStoreName, syncedMsg)
		setLabels(child, "external-secrets.io/cluster-external-secret", "true")
		b.add(child)
	}
}

// pushSecret adds a PushSecret that copies a generated signing key from the hub into Vault.
func (b *clusterBuilder) pushSecret() {
	u := newObject(esoGroup+"/v1alpha1", "PushSecret", secretsNamespace, "payments-signing-key", b.r, b.created())
	match := func() m {
		return m{"secretKey": "signing-key", "remoteRef": m{"remoteKey": "payments/signing-key", "property": "key"}}
	}
	u.Object["spec"] = m{
		"refreshInterval": "1h",
		"deletionPolicy":  "Delete",
		"updatePolicy":    "Replace",
		"secretStoreRefs": []any{m{"kind": "ClusterSecretStore", "name": vaultStoreName}},
		"selector":        m{"secret": m{"name": "payments-signing-key"}},
		"data":            []any{m{"match": match()}},
	}
	u.Object["status"] = m{
		"conditions":            []any{condition("Ready", "True", "Synced", msgPushSynced, ago(b.r, b.now, 24*time.Hour, 10*24*time.Hour))},
		"refreshTime":           stamp(ago(b.r, b.now, 0, time.Hour)),
		"syncedResourceVersion": "1-" + hexString(b.r, 56),
		"syncedPushSecrets": m{"ClusterSecretStore/" + vaultStoreName: m{
			"payments/signing-key": m{"match": match()}}},
	}
	b.add(u)
}
