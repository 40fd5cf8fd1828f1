package demo

import "strings"

// appTemplate is one kind of Argo CD Application the demo deploys.
type appTemplate struct {
	name      string
	namespace string // destination namespace
	// path is the chart's folder in the Git repository; for an app installed from a Helm
	// repository it is empty and chart, chartRepo and chartVersion are set instead.
	path                           string
	chart, chartRepo, chartVersion string
	image                          string
	resources                      []resourceTemplate // the managed resources, status.resources
}

// resourceTemplate is one managed resource of an app.
type resourceTemplate struct {
	group, version, kind, name string
	clusterScoped              bool
}

// clusterScopedKinds are the kinds in the catalogue that have no namespace.
var clusterScopedKinds = map[string]bool{
	"Namespace": true, "ClusterRole": true, "ClusterRoleBinding": true, "ClusterSecretStore": true,
	"ValidatingWebhookConfiguration": true, "ManagedClusterSet": true, "ConsoleLink": true,
	"CustomResourceDefinition": true,
}

// parseResources reads "group/version/Kind/name" specs; core resources omit the group
// ("v1/Service/web"). The namespace is the app's destination namespace.
func parseResources(specs ...string) []resourceTemplate {
	out := make([]resourceTemplate, 0, len(specs))
	for _, s := range specs {
		parts := strings.Split(s, "/")
		if len(parts) == 3 {
			parts = append([]string{""}, parts...)
		}
		out = append(out, resourceTemplate{group: parts[0], version: parts[1], kind: parts[2], name: parts[3],
			clusterScoped: clusterScopedKinds[parts[2]]})
	}
	return out
}

// serviceApp is the common shape of an application team's service: a Deployment behind a
// Route with its config, secret and policies.
func serviceApp(name, namespace, path, image string) appTemplate {
	return appTemplate{name: name, namespace: namespace, path: path, image: image, resources: parseResources(
		"v1/Namespace/"+namespace,
		"v1/ServiceAccount/"+name,
		"v1/ConfigMap/"+name+"-config",
		"v1/Service/"+name,
		"apps/v1/Deployment/"+name,
		"route.openshift.io/v1/Route/"+name,
		"external-secrets.io/v1/ExternalSecret/"+name+"-secret",
		"networking.k8s.io/v1/NetworkPolicy/"+name+"-allow-ingress",
		"autoscaling/v2/HorizontalPodAutoscaler/"+name,
		"policy/v1/PodDisruptionBudget/"+name,
		"monitoring.coreos.com/v1/ServiceMonitor/"+name,
	)}
}

// rootApp is the Multicloud GitOps clustergroup app that creates the group's Argo CD instance
// and its applications.
func rootApp(group string) appTemplate {
	ns := "multicloud-gitops-" + group
	return appTemplate{name: ns, namespace: ns, path: "common/clustergroup",
		image: "quay.io/validatedpatterns/utility-container:latest", resources: parseResources(
			"v1/Namespace/"+ns,
			"argoproj.io/v1beta1/ArgoCD/"+group+"-gitops-server",
			"argoproj.io/v1alpha1/AppProject/"+group,
			"argoproj.io/v1alpha1/Application/config-demo",
			"argoproj.io/v1alpha1/Application/hello-world",
			"argoproj.io/v1alpha1/Application/golang-external-secrets",
			"operators.coreos.com/v1alpha1/Subscription/openshift-gitops-operator",
			"rbac.authorization.k8s.io/v1/ClusterRoleBinding/"+group+"-gitops-argocd-application-controller",
			"batch/v1/Job/imperative-cronjob",
			"v1/ConfigMap/trusted-ca-bundle",
		)}
}

// hubApps is the hub cluster group's catalogue; spokeApps continues it for larger counts.
var hubApps = []appTemplate{
	rootApp("hub"),
	{name: "acm", namespace: "open-cluster-management", path: "common/acm", image: "registry.redhat.io/rhacm2/multiclusterhub-rhel9:v2.11",
		resources: parseResources(
			"operator.open-cluster-management.io/v1/MultiClusterHub/multiclusterhub",
			"operators.coreos.com/v1alpha1/Subscription/advanced-cluster-management",
			"cluster.open-cluster-management.io/v1beta2/ManagedClusterSet/production",
			"cluster.open-cluster-management.io/v1beta2/ManagedClusterSetBinding/production",
			"cluster.open-cluster-management.io/v1beta1/Placement/group-one-placement",
			"policy.open-cluster-management.io/v1/Policy/group-one-clustergroup-policy",
			"policy.open-cluster-management.io/v1/Policy/hub-argo-ca-policy",
			"policy.open-cluster-management.io/v1/PlacementBinding/group-one-placement-binding",
			"v1/Namespace/open-cluster-management",
		)},
	{name: "vault", namespace: "vault", path: "common/hashicorp-vault", image: "registry.connect.redhat.com/hashicorp/vault:1.17.6-ubi",
		resources: parseResources(
			"v1/Namespace/vault",
			"v1/ServiceAccount/vault",
			"v1/ConfigMap/vault-config",
			"v1/Service/vault",
			"v1/Service/vault-internal",
			"apps/v1/StatefulSet/vault",
			"route.openshift.io/v1/Route/vault",
			"rbac.authorization.k8s.io/v1/ClusterRoleBinding/vault-server-binding",
			"policy/v1/PodDisruptionBudget/vault",
		)},
	{name: "golang-external-secrets", namespace: "golang-external-secrets", path: "common/golang-external-secrets",
		image: "ghcr.io/external-secrets/external-secrets:v0.16.2-ubi", resources: parseResources(
			"v1/Namespace/golang-external-secrets",
			"v1/ServiceAccount/golang-external-secrets",
			"apps/v1/Deployment/golang-external-secrets",
			"apps/v1/Deployment/golang-external-secrets-cert-controller",
			"apps/v1/Deployment/golang-external-secrets-webhook",
			"v1/Service/golang-external-secrets-webhook",
			"external-secrets.io/v1/ClusterSecretStore/vault-backend",
			"admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration/secretstore-validate",
			"rbac.authorization.k8s.io/v1/ClusterRole/golang-external-secrets-controller",
		)},
	serviceApp("config-demo", "config-demo", "charts/all/config-demo", "registry.access.redhat.com/ubi9/httpd-24:1-301"),
	serviceApp("hello-world", "hello-world", "charts/all/hello-world", "registry.access.redhat.com/ubi9/httpd-24:1-301"),
	{name: "openshift-gitops", namespace: "openshift-gitops", path: "common/openshift-gitops",
		image: "registry.redhat.io/openshift-gitops-1/argocd-rhel8:v1.14.1", resources: parseResources(
			"argoproj.io/v1beta1/ArgoCD/openshift-gitops",
			"operators.coreos.com/v1alpha1/Subscription/openshift-gitops-operator",
			"console.openshift.io/v1/ConsoleLink/hub-gitops",
			"rbac.authorization.k8s.io/v1/ClusterRoleBinding/openshift-gitops-cluster-admin",
			"v1/ConfigMap/argocd-cm-overrides",
		)},
}

// spokeApps is the managed clusters' catalogue (cluster group "group-one").
var spokeApps = []appTemplate{
	rootApp("group-one"),
	serviceApp("config-demo", "config-demo", "charts/all/config-demo", "registry.access.redhat.com/ubi9/httpd-24:1-301"),
	serviceApp("hello-world", "hello-world", "charts/all/hello-world", "registry.access.redhat.com/ubi9/httpd-24:1-301"),
	{name: "golang-external-secrets", namespace: "golang-external-secrets", path: "common/golang-external-secrets",
		image: "ghcr.io/external-secrets/external-secrets:v0.16.2-ubi", resources: parseResources(
			"v1/Namespace/golang-external-secrets",
			"v1/ServiceAccount/golang-external-secrets",
			"apps/v1/Deployment/golang-external-secrets",
			"apps/v1/Deployment/golang-external-secrets-webhook",
			"v1/Service/golang-external-secrets-webhook",
			"external-secrets.io/v1/ClusterSecretStore/vault-backend",
			"rbac.authorization.k8s.io/v1/ClusterRole/golang-external-secrets-controller",
		)},
	serviceApp("payments-api", "payments", "charts/region/payments-api", "quay.io/mcg-demo/payments-api:2.14.3"),
	serviceApp("inventory-service", "inventory", "charts/region/inventory-service", "quay.io/mcg-demo/inventory-service:1.9.0"),
	{name: "redis", namespace: "cache", chart: "redis", chartRepo: "https://charts.bitnami.com/bitnami", chartVersion: "19.6.4",
		image: "docker.io/bitnami/redis:7.2.5-debian-12-r4", resources: parseResources(
			"v1/Namespace/cache",
			"v1/ServiceAccount/redis-master",
			"v1/ConfigMap/redis-configuration",
			"v1/ConfigMap/redis-health",
			"v1/Secret/redis",
			"v1/Service/redis-headless",
			"v1/Service/redis-master",
			"apps/v1/StatefulSet/redis-master",
			"networking.k8s.io/v1/NetworkPolicy/redis",
			"policy/v1/PodDisruptionBudget/redis-master",
		)},
	serviceApp("checkout-web", "checkout", "charts/region/checkout-web", "quay.io/mcg-demo/checkout-web:3.2.0"),
	{name: "kafka", namespace: "kafka", path: "charts/region/kafka", image: "registry.redhat.io/amq-streams/kafka-37-rhel9:2.7.0",
		resources: parseResources(
			"v1/Namespace/kafka",
			"kafka.strimzi.io/v1beta2/Kafka/events",
			"kafka.strimzi.io/v1beta2/KafkaNodePool/broker",
			"kafka.strimzi.io/v1beta2/KafkaTopic/orders",
			"kafka.strimzi.io/v1beta2/KafkaTopic/payments",
			"kafka.strimzi.io/v1beta2/KafkaUser/checkout",
			"operators.coreos.com/v1alpha1/Subscription/amq-streams",
		)},
	serviceApp("grafana", "observability", "charts/all/grafana", "docker.io/grafana/grafana:11.1.4"),
	serviceApp("cert-manager-config", "cert-manager", "charts/all/cert-manager-config", "quay.io/jetstack/cert-manager-controller:v1.15.3"),
	serviceApp("openshift-logging", "openshift-logging", "charts/all/openshift-logging", "registry.redhat.io/openshift-logging/cluster-logging-rhel9-operator:v6.0.2"),
	serviceApp("opentelemetry-collector", "observability", "charts/all/otel-collector", "ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib:0.108.0"),
	serviceApp("keycloak", "sso", "charts/all/keycloak", "quay.io/keycloak/keycloak:25.0.4"),
	{name: "minio", namespace: "minio", chart: "minio", chartRepo: "https://charts.min.io", chartVersion: "5.2.0",
		image: "quay.io/minio/minio:RELEASE.2024-08-17T01-24-54Z", resources: parseResources(
			"v1/Namespace/minio",
			"v1/ServiceAccount/minio-sa",
			"v1/Secret/minio",
			"v1/ConfigMap/minio",
			"v1/Service/minio",
			"v1/Service/minio-console",
			"apps/v1/StatefulSet/minio",
		)},
	serviceApp("notifications", "notifications", "charts/region/notifications", "quay.io/mcg-demo/notifications:1.4.7"),
	serviceApp("catalog-service", "catalog", "charts/region/catalog-service", "quay.io/mcg-demo/catalog-service:2.0.1"),
	serviceApp("search-indexer", "search", "charts/region/search-indexer", "quay.io/mcg-demo/search-indexer:0.12.5"),
	serviceApp("report-generator", "reports", "charts/region/report-generator", "quay.io/mcg-demo/report-generator:1.1.0"),
	serviceApp("api-gateway", "gateway", "charts/region/api-gateway", "quay.io/mcg-demo/api-gateway:4.3.2"),
}

// guestbookApp is what the hub's ApplicationSet deploys to every managed cluster.
var guestbookApp = appTemplate{name: "guestbook", namespace: "guestbook", path: "guestbook",
	image: "gcr.io/heptio-images/ks-guestbook-demo:0.2", resources: parseResources(
		"v1/Service/guestbook-ui",
		"apps/v1/Deployment/guestbook-ui",
	)}

// Repositories the apps come from: the pattern in the hub's Gitea (hub) or on GitHub (spokes).
const (
	hubRepo       = "https://gitea-route-vp-gitea.apps." + HubName + ".demo.example/gitea_admin/multicloud-gitops.git"
	spokeRepo     = "https://github.com/validatedpatterns/multicloud-gitops.git"
	guestbookRepo = "https://github.com/argoproj/argocd-example-apps.git"
	inCluster     = "https://kubernetes.default.svc"
)

// catalogue returns the apps of a cluster: the first n of its group's catalogue, then the
// rest of the spoke catalogue, then again with numbered names.
func catalogue(hub bool, n int) []appTemplate {
	base := spokeApps
	if hub {
		base = append(append([]appTemplate{}, hubApps...), spokeApps[4:]...)
	}
	out := make([]appTemplate, 0, n)
	for i := 0; i < n; i++ {
		t := base[i%len(base)]
		if round := i / len(base); round > 0 {
			t.name = nthName(t.name, round)
		}
		out = append(out, t)
	}
	return out
}
