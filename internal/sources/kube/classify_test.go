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

// A transport error's reason starts with its cause, not with the request's URL: the URL (path
// and query string) would fill a table cell before "connection refused" is reached.
func TestReasonOfATransportErrorStartsWithTheCause(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{ // the dial error names the server already
			&url.Error{Op: "Get", URL: "https://127.0.0.1:6443/apis/argoproj.io/v1alpha1/applications?allowWatchBookmarks=true&watch=true",
				Err: &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 6443}, Err: errors.New("connect: connection refused")}},
			"dial tcp 127.0.0.1:6443: connect: connection refused",
		},
		{ // a cause without the server gets the server, not the path
			&url.Error{Op: "Get", URL: "https://api.east.example:6443/apis?timeout=15s", Err: errors.New("tls: failed to verify certificate: x509: certificate signed by unknown authority")},
			"api.east.example:6443: tls: failed to verify certificate: x509: certificate signed by unknown authority",
		},
	}
	for _, c := range cases {
		got := StateFor(c.err, true)
		if got.State != model.StateUnreachable || got.Reason != c.want {
			t.Errorf("StateFor(%v) = %s %q, want Unreachable %q", c.err, got.State, got.Reason, c.want)
		}
	}
}
