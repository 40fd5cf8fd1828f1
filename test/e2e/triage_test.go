package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// triageDoc is the part of `mcgtui status -o json` the triage test reads.
type triageDoc struct {
	Items []struct {
		statusRow
		CausedBy []string `json:"causedBy"`
	} `json:"items"`
	Causes []struct {
		ID        string `json:"id"`
		Verdict   string `json:"verdict"`
		Instances []struct {
			Cluster, Kind, Name string
		} `json:"instances"`
		Clusters int `json:"clusters"`
		Symptoms []struct {
			Cluster   string `json:"cluster"`
			Kind      string `json:"kind"`
			Namespace string `json:"namespace"`
			Name      string `json:"name"`
			Link      string `json:"link"`
			Certainty string `json:"certainty"`
			Via       string `json:"via"`
			Depth     int    `json:"depth"`
		} `json:"symptoms"`
	} `json:"causes"`
}

// One broken store on two spokes, behind one Vault, with the ExternalSecrets that use it and
// the apps that manage those: `mcgtui status -o json` reports one cause with both stores as
// its instances, the secrets beneath them and the apps beneath the secrets; the text triage
// says the same. Objects are created as their controllers leave them, on real API servers
// with the real CRDs (ESO v0.16.2 on cluster-east, v2.9.0 on cluster-west).
func TestOneBrokenStoreOnTwoSpokesIsOneCause(t *testing.T) {
	s := requireSuite(t)
	ns := uniqueName(t, "triage")
	store := ns + "-vault"
	server := "https://vault-" + ns + ".example"
	for _, p := range []*Plane{s.East, s.West} {
		p.Create(t, brokenStore(store, server))
		p.Create(t, failingSecret(ns, "db-credentials", store))
		p.Create(t, failingSecret(ns, "api-token", store))
		p.Create(t, appManaging(ns, "payments", "db-credentials"))
	}

	r := s.mcgtui(t, s.kubeconfigFor(t, nil), "status", "-o", "json", "--timeout", "60s")
	if r.code != 1 {
		t.Fatalf("want exit 1, got %d\nstderr: %s", r.code, r.stderr)
	}
	var doc triageDoc
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("status output is not JSON: %v", err)
	}
	found := 0
	for _, c := range doc.Causes {
		if !strings.HasSuffix(c.ID, "/ClusterSecretStore/"+store) {
			continue
		}
		found++
		if len(c.Instances) != 2 || c.Clusters != 2 || c.Verdict != "Critical" {
			t.Errorf("cause %s: %d instances on %d clusters, %s; want 2 on 2, Critical", c.ID, len(c.Instances), c.Clusters, c.Verdict)
		}
		got := map[string]string{}
		for _, sym := range c.Symptoms {
			got[sym.Cluster+" "+sym.Kind+" "+sym.Name] = sym.Link + " " + sym.Certainty
			if sym.Kind == "Application" && (sym.Depth != 2 || !strings.HasSuffix(sym.Via, "/ExternalSecret/"+ns+"/db-credentials")) {
				t.Errorf("app on %s should hang from its secret at depth 2: via %s depth %d", sym.Cluster, sym.Via, sym.Depth)
			}
		}
		for _, cluster := range []string{eastName, westName} {
			for key, want := range map[string]string{
				"ExternalSecret db-credentials": "store certain",
				"ExternalSecret api-token":      "store certain",
				"Application payments":          "app-resource certain",
			} {
				if got[cluster+" "+key] != want {
					t.Errorf("%s %s: %q, want %q (symptoms %v)", cluster, key, got[cluster+" "+key], want, got)
				}
			}
		}
		if len(c.Symptoms) != 6 {
			t.Errorf("%d symptoms, want 6: %v", len(c.Symptoms), got)
		}
	}
	if found != 1 {
		t.Fatalf("want one cause for store %s, got %d", store, found)
	}
	for _, it := range doc.Items {
		if it.Namespace == ns && it.Kind == "ExternalSecret" && len(it.CausedBy) != 1 {
			t.Errorf("%s %s/%s causedBy %v, want the store's cause", it.Cluster, it.Kind, it.Name, it.CausedBy)
		}
	}

	text := s.mcgtui(t, s.kubeconfigFor(t, nil), "status", "--triage", "--timeout", "60s")
	if !strings.Contains(text.stdout, "ClusterSecretStore "+store+" on "+eastName+", "+westName) &&
		!strings.Contains(text.stdout, "ClusterSecretStore "+store+" on "+westName+", "+eastName) {
		t.Errorf("the text triage should name the store on both spokes:\n%s", text.stdout)
	}
}

func brokenStore(name, server string) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "external-secrets.io/v1", "kind": "ClusterSecretStore",
		"metadata": map[string]any{"name": name},
		"spec": map[string]any{"provider": map[string]any{"vault": map[string]any{
			"server": server, "path": "secret", "version": "v2",
			"auth": map[string]any{"kubernetes": map[string]any{"mountPath": "kubernetes", "role": "eso",
				"serviceAccountRef": map[string]any{"name": "external-secrets", "namespace": "external-secrets"}}},
		}}},
		"status": map[string]any{"conditions": []any{map[string]any{
			"type": "Ready", "status": "False", "reason": "InvalidProviderConfig", "message": "unable to create client",
			"lastTransitionTime": "2026-08-20T09:00:00Z",
		}}},
	}}
}

func failingSecret(namespace, name, store string) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
		"metadata": map[string]any{"name": name, "namespace": namespace},
		"spec": map[string]any{
			"refreshInterval": "1h",
			"secretStoreRef":  map[string]any{"kind": "ClusterSecretStore", "name": store},
			"target":          map[string]any{"name": name},
			"data": []any{map[string]any{"secretKey": "password",
				"remoteRef": map[string]any{"key": "secret/data/" + name, "property": "password"}}},
		},
		"status": map[string]any{"conditions": []any{map[string]any{
			"type": "Ready", "status": "False", "reason": "SecretSyncedError",
			"message": "could not get secret data from provider", "lastTransitionTime": "2026-08-20T09:05:00Z",
		}}},
	}}
}

// appManaging is an in-cluster Application that manages an ExternalSecret and is Degraded
// because of it, as Argo CD's ExternalSecret health check reports it.
func appManaging(namespace, name, secret string) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
		"metadata": map[string]any{"name": name, "namespace": namespace},
		"spec": map[string]any{
			"project":     "default",
			"source":      map[string]any{"repoURL": "https://github.com/argoproj/argocd-example-apps.git", "path": "guestbook", "targetRevision": "HEAD"},
			"destination": map[string]any{"server": "https://kubernetes.default.svc", "namespace": namespace},
		},
		"status": map[string]any{
			"sync":   map[string]any{"status": "Synced", "revision": "53e28ff20cc530b9ada2173fbbd64d48338583ba"},
			"health": map[string]any{"status": "Degraded", "lastTransitionTime": "2026-08-20T09:10:00Z"},
			"resources": []any{map[string]any{
				"group": "external-secrets.io", "version": "v1", "kind": "ExternalSecret", "namespace": namespace, "name": secret,
				"status": "Synced", "health": map[string]any{"status": "Degraded", "message": "could not get secret data from provider"},
			}},
		},
	}}
}
