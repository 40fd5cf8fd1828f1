package scale

import (
	"context"
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

	mscale "github.com/mcgtui/mcgtui/internal/scale"
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

// loadPeerHub creates, on the one control plane, scale.PeerObjects(n): n Applications with
// realistic status (10 status.resources, 5 history entries, the last sync's results) and n/2
// ExternalSecrets, taken from the reference fleet's managed clusters. It returns how many
// objects it created, and how many Applications the filter benchmark's query matches.
func loadPeerHub(t *testing.T, e *env, n int) (apps, secrets, matching int) {
	t.Helper()
	start := time.Now()
	appObjs, secretObjs, ok := mscale.PeerObjects(n)
	if !ok {
		t.Fatalf("the reference fleet has %d Applications and %d ExternalSecrets, want %d and %d", len(appObjs), len(secretObjs), n, n/2)
	}
	namespaces := map[string]bool{}
	for _, u := range append(append([]*unstructured.Unstructured{}, appObjs...), secretObjs...) {
		namespaces[u.GetNamespace()] = true
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
	return len(appObjs), len(secretObjs), matchingApps(appObjs)
}

// matchingApps counts the Applications whose names hold filterQuery.
func matchingApps(apps []*unstructured.Unstructured) int {
	n := 0
	for _, u := range apps {
		if strings.Contains(u.GetName(), filterQuery) {
			n++
		}
	}
	return n
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
