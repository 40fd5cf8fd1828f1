package peers

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/test/internal/controlplane"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

var (
	externalSecretsGVR        = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "externalsecrets"}
	secretStoresGVR           = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "secretstores"}
	clusterSecretStoresGVR    = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "clustersecretstores"}
	clusterExternalSecretsGVR = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "clusterexternalsecrets"}
	pushSecretsGVR            = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1alpha1", Resource: "pushsecrets"}
)

// ESO is the running External Secrets Operator controller (no webhook, no cert-controller: the
// test installs its CRDs itself).
type ESO struct {
	plane *controlplane.Plane
	proc  *proc
}

// startESO starts the controller against the plane with the admin's credentials, and waits
// until its liveness endpoint answers.
func startESO(dir string, plane *controlplane.Plane) (*ESO, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := controlplane.WriteKubeconfig(kubeconfig, "eso", "", plane.Admin); err != nil {
		return nil, err
	}
	metrics, err := freePort()
	if err != nil {
		return nil, err
	}
	live, err := freePort()
	if err != nil {
		return nil, err
	}
	bin, _ := controlplane.Folder(controlplane.ESOFolder)
	p, err := startProc(dir, "external-secrets", filepath.Join(bin, "external-secrets"),
		[]string{"KUBECONFIG=" + kubeconfig, "HOME=" + dir},
		"--enable-leader-election=false",
		"--metrics-addr", "127.0.0.1:"+strconv.Itoa(metrics),
		"--live-addr", "127.0.0.1:"+strconv.Itoa(live),
		"--loglevel", "debug", "--zap-time-encoding", "iso8601")
	if err != nil {
		return nil, err
	}
	e := &ESO{plane: plane, proc: p}
	if err := waitListening(p, "127.0.0.1:"+strconv.Itoa(live), 60*time.Second); err != nil {
		e.stop()
		return e, err // with its log, for the error message
	}
	return e, nil
}

func (e *ESO) stop() {
	if e != nil {
		e.proc.stop(10 * time.Second)
	}
}

// FakeStore creates a namespace and a SecretStore of ESO's built-in fake provider in it,
// serving data (key → value).
func (e *ESO) FakeStore(t *testing.T, namespace, name string, data map[string]string) {
	t.Helper()
	e.namespace(t, namespace, nil)
	store := fakeStore("SecretStore", namespace, name, data)
	if _, err := e.plane.Dyn.Resource(secretStoresGVR).Namespace(namespace).Create(context.Background(), store, metav1.CreateOptions{}); err != nil {
		t.Fatalf("SecretStore %s/%s: %v", namespace, name, err)
	}
}

// FakeClusterStore creates a ClusterSecretStore of ESO's fake provider, serving data.
func (e *ESO) FakeClusterStore(t *testing.T, name string, data map[string]string) {
	t.Helper()
	store := fakeStore("ClusterSecretStore", "", name, data)
	if _, err := e.plane.Dyn.Resource(clusterSecretStoresGVR).Create(context.Background(), store, metav1.CreateOptions{}); err != nil {
		t.Fatalf("ClusterSecretStore %s: %v", name, err)
	}
}

func fakeStore(kind, namespace, name string, data map[string]string) *unstructured.Unstructured {
	var items []any
	for _, k := range sortedKeys(data) {
		items = append(items, map[string]any{"key": k, "value": data[k]})
	}
	meta := map[string]any{"name": name}
	if namespace != "" {
		meta["namespace"] = namespace
	}
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "external-secrets.io/v1", "kind": kind, "metadata": meta,
		"spec": map[string]any{"provider": map[string]any{"fake": map[string]any{"data": items}}},
	}}
}

// namespace creates a namespace with labels.
func (e *ESO) namespace(t *testing.T, name string, labels map[string]string) {
	t.Helper()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
	if _, err := e.plane.Kube.CoreV1().Namespaces().Create(context.Background(), ns, metav1.CreateOptions{}); err != nil {
		t.Fatalf("namespace %s: %v", name, err)
	}
}

// ClusterExternalSecret creates a namespace labelled for it and a ClusterExternalSecret that
// provisions, there only, an ExternalSecret of its own name reading remoteKey from a
// ClusterSecretStore hourly.
func (e *ESO) ClusterExternalSecret(t *testing.T, name, namespace, store, remoteKey string) {
	t.Helper()
	e.namespace(t, namespace, map[string]string{"mcgtui-peers/ces": name})
	ces := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "external-secrets.io/v1", "kind": "ClusterExternalSecret",
		"metadata": map[string]any{"name": name},
		"spec": map[string]any{
			"externalSecretName": name,
			"namespaceSelectors": []any{map[string]any{"matchLabels": map[string]any{"mcgtui-peers/ces": name}}},
			"refreshTime":        "1h",
			"externalSecretSpec": map[string]any{
				"refreshInterval": "1h",
				"secretStoreRef":  map[string]any{"name": store, "kind": "ClusterSecretStore"},
				"target":          map[string]any{"name": name},
				"data": []any{map[string]any{
					"secretKey": "value", "remoteRef": map[string]any{"key": remoteKey},
				}},
			},
		},
	}}
	if _, err := e.plane.Dyn.Resource(clusterExternalSecretsGVR).Create(context.Background(), ces, metav1.CreateOptions{}); err != nil {
		t.Fatalf("ClusterExternalSecret %s: %v", name, err)
	}
}

// ExternalSecret creates an ExternalSecret that reads remoteKey from the store into a Secret
// of the same name, refreshing only hourly (so that only a force-sync refreshes it within a
// test).
func (e *ESO) ExternalSecret(t *testing.T, namespace, name, store, remoteKey string) {
	t.Helper()
	es := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
		"metadata": map[string]any{"name": name, "namespace": namespace},
		"spec": map[string]any{
			"refreshInterval": "1h",
			"secretStoreRef":  map[string]any{"name": store, "kind": "SecretStore"},
			"target":          map[string]any{"name": name},
			"data": []any{map[string]any{
				"secretKey": "value", "remoteRef": map[string]any{"key": remoteKey},
			}},
		},
	}}
	if _, err := e.plane.Dyn.Resource(externalSecretsGVR).Namespace(namespace).Create(context.Background(), es, metav1.CreateOptions{}); err != nil {
		t.Fatalf("ExternalSecret %s/%s: %v", namespace, name, err)
	}
}

// esState is an ExternalSecret's Ready condition and refresh time.
type esState struct {
	Ready, Reason string
	RefreshTime   string
}

// PushSecret creates a Secret holding token and a PushSecret that pushes it to the store
// hourly.
func (e *ESO) PushSecret(t *testing.T, namespace, name, store string) {
	t.Helper()
	ctx := context.Background()
	secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name + "-source", Namespace: namespace},
		StringData: map[string]string{"token": "t0ken"}}
	if _, err := e.plane.Kube.CoreV1().Secrets(namespace).Create(ctx, secret, metav1.CreateOptions{}); err != nil {
		t.Fatalf("Secret %s/%s: %v", namespace, secret.Name, err)
	}
	ps := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "external-secrets.io/v1alpha1", "kind": "PushSecret",
		"metadata": map[string]any{"name": name, "namespace": namespace},
		"spec": map[string]any{
			"refreshInterval": "1h",
			"secretStoreRefs": []any{map[string]any{"name": store, "kind": "SecretStore"}},
			"selector":        map[string]any{"secret": map[string]any{"name": secret.Name}},
			"data": []any{map[string]any{"match": map[string]any{
				"secretKey": "token", "remoteRef": map[string]any{"remoteKey": name + "-pushed"},
			}}},
		},
	}}
	if _, err := e.plane.Dyn.Resource(pushSecretsGVR).Namespace(namespace).Create(ctx, ps, metav1.CreateOptions{}); err != nil {
		t.Fatalf("PushSecret %s/%s: %v", namespace, name, err)
	}
}

// PushSecretState reads a PushSecret's Ready condition and refresh time as the admin.
func (e *ESO) PushSecretState(t *testing.T, namespace, name string) esState {
	t.Helper()
	u, err := e.plane.Dyn.Resource(pushSecretsGVR).Namespace(namespace).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("get PushSecret %s/%s: %v", namespace, name, err)
	}
	return stateOfESO(u)
}

// TryExternalSecretState is ExternalSecretState for an ExternalSecret that may not exist yet
// (a zero state).
func (e *ESO) TryExternalSecretState(t *testing.T, namespace, name string) esState {
	t.Helper()
	if _, err := e.plane.Dyn.Resource(externalSecretsGVR).Namespace(namespace).Get(context.Background(), name, metav1.GetOptions{}); apierrors.IsNotFound(err) {
		return esState{}
	}
	s, _ := e.ExternalSecretState(t, namespace, name)
	return s
}

// ExternalSecretState reads an ExternalSecret as the admin.
func (e *ESO) ExternalSecretState(t *testing.T, namespace, name string) (esState, *unstructured.Unstructured) {
	t.Helper()
	u, err := e.plane.Dyn.Resource(externalSecretsGVR).Namespace(namespace).Get(context.Background(), name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("get ExternalSecret %s/%s: %v", namespace, name, err)
	}
	return stateOfESO(u), u
}

// stateOfESO is the Ready condition and refresh time of an ESO object.
func stateOfESO(u *unstructured.Unstructured) esState {
	var s esState
	s.RefreshTime, _, _ = unstructured.NestedString(u.Object, "status", "refreshTime")
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		if m, ok := c.(map[string]any); ok && m["type"] == "Ready" {
			s.Ready, _ = m["status"].(string)
			s.Reason, _ = m["reason"].(string)
		}
	}
	return s
}
