package demo

import (
	"context"
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
)

// TestWritesAreVersioned checks that patches and updates get a fresh resourceVersion and that
// a stale update is refused with a conflict, as an API server does.
func TestWritesAreVersioned(t *testing.T) {
	f := defaultFleet(t)
	hub, _ := Conns(f)
	ctx := context.Background()
	apps := hub.Dynamic.Resource(appsGVR).Namespace("multicloud-gitops-hub")
	before, err := apps.Get(ctx, "vault", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	patched, err := apps.Patch(ctx, "vault", types.MergePatchType, []byte(`{"metadata":{"annotations":{"a":"b"}}}`), metav1.PatchOptions{})
	if err != nil || patched.GetResourceVersion() == before.GetResourceVersion() || patched.GetAnnotations()["a"] != "b" {
		t.Fatalf("patch: %v, resourceVersion %s → %s", err, before.GetResourceVersion(), patched.GetResourceVersion())
	}
	if _, err := apps.Update(ctx, before, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Fatalf("stale update: want a conflict, got %v", err)
	}
	updated, err := apps.Update(ctx, patched, metav1.UpdateOptions{})
	if err != nil || updated.GetResourceVersion() == patched.GetResourceVersion() {
		t.Fatalf("update: %v, resourceVersion %s", err, updated.GetResourceVersion())
	}
	stored, _ := apps.Get(ctx, "vault", metav1.GetOptions{})
	if stored.GetResourceVersion() != updated.GetResourceVersion() {
		t.Fatalf("stored resourceVersion %s, update returned %s", stored.GetResourceVersion(), updated.GetResourceVersion())
	}
}

// TestReviews checks the review APIs: the demo user, allowed except in the restricted namespace.
func TestReviews(t *testing.T) {
	f := defaultFleet(t)
	_, spokes := Conns(f)
	conns := connsByName(spokes[0], spokes)
	ctx := context.Background()
	review := func(cluster, ns string) bool {
		u := &unstructured.Unstructured{Object: m{"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
			"spec": m{"resourceAttributes": m{"verb": "patch", "group": "argoproj.io", "resource": "applications", "namespace": ns}}}}
		out, err := conns[cluster].Dynamic.Resource(reviewResources[0].gvr).Create(ctx, u, metav1.CreateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ok, found, _ := unstructured.NestedBool(out.Object, "status", "allowed")
		if !found {
			t.Fatal("no status.allowed")
		}
		return ok
	}
	if review(RestrictedCluster, RestrictedNamespace) || !review(RestrictedCluster, "multicloud-gitops-group-one") ||
		!review("cluster-east-1", RestrictedNamespace) {
		t.Error("only the restricted namespace of the restricted cluster may refuse")
	}
	self := &unstructured.Unstructured{Object: m{"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}}
	out, err := conns["cluster-east-1"].Dynamic.Resource(reviewResources[1].gvr).Create(ctx, self, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if user, _, _ := unstructured.NestedString(out.Object, "status", "userInfo", "username"); user != DemoUser {
		t.Errorf("user %q", user)
	}
	if app := object(f, RestrictedCluster, "Application", RestrictedNamespace, ""); app == nil {
		t.Error("no app in the restricted namespace")
	}
}

func TestNextImage(t *testing.T) {
	for in, want := range map[string]string{
		"quay.io/mcg-demo/payments-api:2.14.3":               "quay.io/mcg-demo/payments-api:2.14.4",
		"registry.access.redhat.com/ubi9/httpd-24:1-301":     "registry.access.redhat.com/ubi9/httpd-24:1-302",
		"docker.io/bitnami/redis:7.2.5-debian-12-r4":         "docker.io/bitnami/redis:7.2.5-debian-12-r5",
		"quay.io/validatedpatterns/utility-container:latest": "quay.io/validatedpatterns/utility-container:latest",
		"localhost:5000/app":                                 "localhost:5000/app",
		"gcr.io/heptio-images/ks-guestbook-demo:0.9":         "gcr.io/heptio-images/ks-guestbook-demo:0.10",
	} {
		if got := nextImage(in); got != want {
			t.Errorf("nextImage(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMaskSecretData checks Argo CD's masking: equal values share a mask, different ones do not.
func TestMaskSecretData(t *testing.T) {
	target := m{"data": m{"password": "bmV3", "user": "YWRtaW4="}}
	live := m{"data": m{"password": "b2xk", "user": "YWRtaW4="}}
	maskSecretData(target, live)
	td, ld := target["data"].(m), live["data"].(m)
	if td["password"] != "++++++++" || ld["password"] != "++++++++++++" || td["user"] != ld["user"] ||
		strings.Trim(td["user"].(string), "+") != "" {
		t.Fatalf("masked: target %v live %v", td, ld)
	}
	maskSecretData(m{"data": m{"k": "dg=="}}, nil) // one side missing: no panic
}
