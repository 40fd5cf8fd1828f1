package demo

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"path"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The demo's model of what an Application manages: every managed resource is rendered from the
// app and a generation, the number of the app's last deployment (status.history's last id).
// The cluster runs the deployed generation; Git asks for the next one for the resources that
// are OutOfSync. Values that do not depend on the generation come from a hash of the
// resource's identity, so the same resource always renders the same.

// appModel is what the rendering needs to know about an app.
type appModel struct {
	cluster, app string
	chart        string // Helm chart name: spec.source.chart, else the last element of its path
	image        string // the image the workloads run (status.summary.images)
	gen          int64  // the deployed generation
	syncError    bool   // the last sync failed (a SyncError condition): Git asks for too much memory
}

func newAppModel(cluster string, u *unstructured.Unstructured) appModel {
	a := appModel{cluster: cluster, app: u.GetName()}
	a.chart, _, _ = unstructured.NestedString(u.Object, "spec", "source", "chart")
	if a.chart == "" {
		p, _, _ := unstructured.NestedString(u.Object, "spec", "source", "path")
		a.chart = path.Base(p)
	}
	if images, _, _ := unstructured.NestedStringSlice(u.Object, "status", "summary", "images"); len(images) > 0 {
		a.image = images[0]
	}
	history, _, _ := unstructured.NestedSlice(u.Object, "status", "history")
	if len(history) > 0 {
		a.gen, _, _ = unstructured.NestedInt64(history[len(history)-1].(m), "id")
	}
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		if c, ok := c.(m); ok && c["type"] == "SyncError" {
			a.syncError = true
		}
	}
	return a
}

// render returns a managed resource's manifest at the deployed generation, or at the one Git
// asks for (next).
func (a appModel) render(res m, next bool) m {
	rt := resourceOf(res)
	ns, _ := res["namespace"].(string)
	g := a.gen
	image := a.image
	if next {
		g++
		image = nextImage(a.image)
	}
	h := a.hash(rt.kind + "/" + ns + "/" + rt.name)
	labels := m{"app.kubernetes.io/instance": a.app, "app.kubernetes.io/managed-by": "Helm",
		"app.kubernetes.io/name": rt.name, "app.kubernetes.io/version": appVersion(image, g),
		"helm.sh/chart": a.chart}
	meta := m{"name": rt.name, "labels": labels}
	if ns != "" {
		meta["namespace"] = ns
	}
	apiVersion := rt.version
	if rt.group != "" {
		apiVersion = rt.group + "/" + rt.version
	}
	obj := m{"apiVersion": apiVersion, "kind": rt.kind, "metadata": meta}
	selector := func() m { return m{"app.kubernetes.io/instance": a.app, "app.kubernetes.io/name": rt.name} }
	switch rt.kind {
	case "Deployment", "StatefulSet":
		obj["spec"] = a.workload(rt, selector(), image, g, h, next)
	case "ConfigMap":
		obj["data"] = a.configData(rt.name, g, h)
	case "Secret":
		obj["type"] = "Opaque"
		obj["data"] = secretData(rt.name, g, h)
	case "Service":
		spec := m{"type": "ClusterIP", "selector": selector(),
			"ports": []any{m{"name": "http", "port": int64(8080), "protocol": "TCP", "targetPort": "http"}}}
		if strings.HasSuffix(rt.name, "-headless") || strings.HasSuffix(rt.name, "-internal") {
			spec["clusterIP"] = "None"
		}
		obj["spec"] = spec
	case "Route":
		obj["spec"] = m{"host": rt.name + "-" + ns + ".apps." + domain(a.cluster), "port": m{"targetPort": "http"},
			"to":  m{"kind": "Service", "name": rt.name, "weight": int64(100)},
			"tls": m{"termination": "edge", "insecureEdgeTerminationPolicy": "Redirect"}}
	case "HorizontalPodAutoscaler":
		obj["spec"] = m{"minReplicas": int64(2), "maxReplicas": int64(6 + 2*((h+uint64(g))%3)),
			"scaleTargetRef": m{"apiVersion": "apps/v1", "kind": "Deployment", "name": rt.name},
			"metrics": []any{m{"type": "Resource", "resource": m{"name": "cpu",
				"target": m{"type": "Utilization", "averageUtilization": int64(75)}}}}}
	case "PodDisruptionBudget":
		obj["spec"] = m{"minAvailable": int64(1), "selector": m{"matchLabels": selector()}}
	case "NetworkPolicy":
		obj["spec"] = m{"podSelector": m{"matchLabels": selector()}, "policyTypes": strs("Ingress"),
			"ingress": []any{m{"from": []any{m{"namespaceSelector": m{"matchLabels": m{
				"policy-group.network.openshift.io/ingress": ""}}}}}}}
	case "ServiceMonitor":
		obj["spec"] = m{"selector": m{"matchLabels": selector()},
			"endpoints": []any{m{"port": "http", "path": "/metrics", "interval": "30s"}}}
	case "ExternalSecret":
		obj["spec"] = m{"refreshInterval": "1h", "secretStoreRef": m{"kind": "ClusterSecretStore", "name": vaultStoreName},
			"target":   m{"name": rt.name, "creationPolicy": "Owner"},
			"dataFrom": []any{m{"extract": m{"key": "secret/data/global/" + a.app}}}}
	case "Subscription":
		obj["spec"] = m{"channel": "stable", "installPlanApproval": "Automatic", "name": rt.name,
			"source": "redhat-operators", "sourceNamespace": "openshift-marketplace"}
	}
	return obj
}

// workload is a Deployment's or StatefulSet's spec: the image, the replicas and the config
// checksum follow the generation.
func (a appModel) workload(rt resourceTemplate, selector m, image string, g int64, h uint64, next bool) m {
	memory := "256Mi"
	if next && a.syncError {
		memory = "2Gi" // what the broken app's Git asks for, which the API server refuses
	}
	checksum := sha256.Sum256([]byte(fmt.Sprint(a.configData(rt.name+"-config", g, h))))
	container := m{"name": rt.name, "image": image, "imagePullPolicy": "IfNotPresent",
		"ports":   []any{m{"name": "http", "containerPort": int64(8080), "protocol": "TCP"}},
		"envFrom": []any{m{"configMapRef": m{"name": rt.name + "-config"}}},
		"resources": m{"requests": m{"cpu": "100m", "memory": memory},
			"limits": m{"cpu": "1", "memory": "512Mi"}},
		"readinessProbe": m{"httpGet": m{"path": "/healthz", "port": "http"}, "periodSeconds": int64(10)}}
	podLabels := shallowCopy(selector)
	spec := m{"replicas": int64(2 + (h+uint64(g/2))%3), "revisionHistoryLimit": int64(10),
		"selector": m{"matchLabels": selector},
		"template": m{
			"metadata": m{"labels": podLabels, "annotations": m{"checksum/config": hex.EncodeToString(checksum[:])}},
			"spec":     m{"serviceAccountName": rt.name, "containers": []any{container}},
		}}
	if rt.kind == "StatefulSet" {
		spec["serviceName"] = rt.name + "-headless"
		spec["volumeClaimTemplates"] = []any{m{"metadata": m{"name": "data"}, "spec": m{
			"accessModes": strs("ReadWriteOnce"), "storageClassName": "px-csi-db",
			"resources": m{"requests": m{"storage": "8Gi"}}}}}
	}
	return spec
}

// configData is a ConfigMap's data at generation g; consecutive generations always differ.
func (a appModel) configData(name string, g int64, h uint64) m {
	ttl := 60 * (5 + (h+uint64(g))%6)
	if !strings.HasSuffix(name, "-config") {
		return m{"config.yaml": fmt.Sprintf("cluster: %s\ntimeoutSeconds: %d\nretries: %d\n", a.cluster, 30+10*((h+uint64(g))%4), 3)}
	}
	flags := []string{"new-checkout", "async-audit", "otel-tracing", "regional-failover", "batch-export"}
	level := "info"
	if g%4 == 3 {
		level = "debug"
	}
	return m{
		"LOG_LEVEL":                   level,
		"CACHE_TTL_SECONDS":           strconv.FormatUint(ttl, 10),
		"FEATURE_FLAGS":               strings.Join(flags[:1+int(uint64(g)%uint64(len(flags)))], ","),
		"CLUSTER_NAME":                a.cluster,
		"OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector.observability.svc:4317",
	}
}

// secretData is a Secret's data: base64 of a value derived from the generation.
func secretData(name string, g int64, h uint64) m {
	keys := []string{"password"}
	switch {
	case strings.HasPrefix(name, "redis"):
		keys = []string{"redis-password"}
	case strings.HasPrefix(name, "minio"):
		keys = []string{"rootPassword", "rootUser"}
	}
	out := m{}
	for i, k := range keys {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d/%d/%d", k, h, g, i)))
		out[k] = base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(sum[:12])))
	}
	return out
}

// appVersion is the app.kubernetes.io/version label: the image tag, or a version that follows
// the generation when the tag has no number ("latest").
func appVersion(image string, g int64) string {
	tag := image[strings.LastIndex(image, ":")+1:]
	if image == "" || !strings.ContainsAny(tag, "0123456789") || strings.Contains(tag, "/") {
		return fmt.Sprintf("0.%d.0", g)
	}
	return tag
}

func (a appModel) hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(a.cluster + "/" + a.app + "/" + s))
	return h.Sum64()
}

// maskSecretData hides a Secret's values the way Argo CD does before it shows a diff: each
// distinct value of a key becomes a run of '+', the same run on both sides when equal.
func maskSecretData(target, live m) {
	keys := map[string]bool{}
	for _, obj := range []m{target, live} {
		data, _ := obj["data"].(m)
		for k := range data {
			keys[k] = true
		}
	}
	for k := range keys {
		next := "++++++++"
		seen := map[any]string{}
		for _, obj := range []m{target, live} {
			data, _ := obj["data"].(m)
			v, ok := data[k]
			if !ok {
				continue
			}
			r, ok := seen[v]
			if !ok {
				r, next = next, next+"++++"
				seen[v] = r
			}
			data[k] = r
		}
	}
}
