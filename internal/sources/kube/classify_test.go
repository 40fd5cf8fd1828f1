package kube

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestClassify(t *testing.T) {
	gr := schema.GroupResource{Group: "external-secrets.io", Resource: "externalsecrets"}
	refused := &url.Error{Op: "Get", URL: "https://10.0.0.1:6443/apis", Err: &net.OpError{Op: "dial", Err: errors.New("connect: connection refused")}}
	cases := []struct {
		name   string
		err    error
		synced bool
		want   model.SourceState
	}{
		{"forbidden", apierrors.NewForbidden(gr, "", errors.New("no RBAC")), false, model.StateForbidden},
		{"unauthorized", apierrors.NewUnauthorized("token expired"), true, model.StateForbidden},
		{"crd gone", apierrors.NewNotFound(gr, ""), true, model.StateNotInstalled},
		{"refused", refused, false, model.StateUnreachable},
		{"refused after sync", refused, true, model.StateUnreachable},
		{"deadline", fmt.Errorf("list: %w", context.DeadlineExceeded), false, model.StateUnreachable},
		{"server error after sync", apierrors.NewInternalError(errors.New("etcd leader changed")), true, model.StateStale},
		{"server error before sync", apierrors.NewInternalError(errors.New("etcd leader changed")), false, model.StateUnreachable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := StateFor(c.err, c.synced)
			if got.State != c.want {
				t.Fatalf("StateFor(%v) = %s, want %s", c.err, got.State, c.want)
			}
			if got.Reason == "" {
				t.Fatal("no reason")
			}
		})
	}
}

func TestIgnorable(t *testing.T) {
	if !Ignorable(context.Canceled) || Ignorable(nil) || Ignorable(errors.New("boom")) {
		t.Fatal("Ignorable misclassifies")
	}
}
