package scale

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/mcgtui/mcgtui/internal/demo"
)

// peerApps is the number of Applications the peers benchmark loads: MCGTUI_PEERS_APPS,
// default 20,000 (the hub). Half as many ExternalSecrets go with them.
func peerApps() int {
	if n, err := strconv.Atoi(os.Getenv("MCGTUI_PEERS_APPS")); err == nil && n > 0 {
		return n
	}
	return 20000
}

var (
	appsGVR    = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "applications"}
	secretsGVR = schema.GroupVersionResource{Group: "external-secrets.io", Version: "v1", Resource: "externalsecrets"}
)

// historyEntries is how many status.history entries every loaded Application has.
const historyEntries = 5

// loadPeerHub creates, on the one control plane, n Applications with realistic status (10
// status.resources, 5 history entries, the last sync's results) and n/2 ExternalSecrets, taken
// from the reference fleet's managed clusters: each cluster's objects keep their namespaces,
// and their names are prefixed with the cluster's index so that they stay unique. It returns
// how many objects it created.
func loadPeerHub(t *testing.T, e *env, n int) (apps, secrets int) {
	t.Helper()
	start := time.Now()
	f := demo.Build(demo.ReferenceOptions(n/20 + n/200 + 2)) // some clusters have fewer apps
	var appObjs, secretObjs []*unstructured.Unstructured
	namespaces := map[string]bool{}
	for i, c := range f.Clusters {
		if c.Hub {
			continue // its Applications have 2 resources each; the managed clusters' have 10
		}
		prefix := fmt.Sprintf("c%04d-", i)
		for _, u := range c.Objects {
			switch {
			case u.GetKind() == "Application" && len(appObjs) < n:
				u = u.DeepCopy()
				padHistory(u, historyEntries)
				appObjs = append(appObjs, u)
			case u.GetKind() == "ExternalSecret" && len(secretObjs) < n/2:
				u = u.DeepCopy()
				secretObjs = append(secretObjs, u)
			default:
				continue
			}
			u.SetName(prefix + u.GetName())
			namespaces[u.GetNamespace()] = true
		}
	}
	if len(appObjs) < n || len(secretObjs) < n/2 {
		t.Fatalf("the reference fleet has %d Applications and %d ExternalSecrets, want %d and %d", len(appObjs), len(secretObjs), n, n/2)
	}
	cfg := rest.CopyConfig(e.plane.Admin)
	cfg.QPS, cfg.Burst = 5000, 10000
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	nsGVR := schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}
	var nsObjs []*unstructured.Unstructured
	for ns := range namespaces {
		u := &unstructured.Unstructured{}
		u.SetAPIVersion("v1")
		u.SetKind("Namespace")
		u.SetName(ns)
		nsObjs = append(nsObjs, u)
	}
	ctx := context.Background()
	create(t, ctx, dyn, nsObjs, func(*unstructured.Unstructured) schema.GroupVersionResource { return nsGVR })
	create(t, ctx, dyn, appObjs, func(*unstructured.Unstructured) schema.GroupVersionResource { return appsGVR })
	create(t, ctx, dyn, secretObjs, func(u *unstructured.Unstructured) schema.GroupVersionResource {
		gvr, _ := resourceOf(u)
		return gvr
	})
	t.Logf("loaded %d Applications and %d ExternalSecrets (+%d namespaces) in %s",
		len(appObjs), len(secretObjs), len(nsObjs), time.Since(start).Round(time.Second))
	return len(appObjs), len(secretObjs)
}

// padHistory repeats an Application's oldest history entry, with ever smaller ids, until it
// has want entries (the demo keeps one per commit it knows, 4).
func padHistory(u *unstructured.Unstructured, want int) {
	history, _, _ := unstructured.NestedSlice(u.Object, "status", "history")
	if len(history) == 0 || len(history) >= want {
		return
	}
	first, _ := history[0].(map[string]any)
	id, _, _ := unstructured.NestedInt64(first, "id")
	for len(history) < want {
		id--
		entry := runtimeDeepCopy(first)
		entry["id"] = id
		history = append([]any{entry}, history...)
	}
	_ = unstructured.SetNestedSlice(u.Object, history, "status", "history")
}

func runtimeDeepCopy(m map[string]any) map[string]any {
	return (&unstructured.Unstructured{Object: m}).DeepCopy().Object
}

// listFloor is one LIST of every Application as JSON over plain HTTP, read to the end and not
// decoded: what the API server and the wire cost, the least any client can wait. It returns
// how long that took and how many bytes came.
func listFloor(t *testing.T, cfg *rest.Config) (time.Duration, int64) {
	t.Helper()
	client, err := rest.HTTPClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodGet, strings.TrimRight(cfg.Host, "/")+"/apis/argoproj.io/v1alpha1/applications", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	took := time.Since(start)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("LIST applications: HTTP %d, %v", resp.StatusCode, err)
	}
	return took, n
}
