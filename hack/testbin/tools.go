//go:build tools

// Package testbin records the programs this module builds, so that `go mod tidy` keeps their
// dependencies. See build.sh.
package testbin

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
)
