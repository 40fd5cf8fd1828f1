//go:build tools

// Package k9s records the program this module builds, so that `go mod tidy` keeps its
// dependencies: k9s, the peer mcgtui is measured beside (hack/bench-peers.sh).
package k9s

import _ "github.com/derailed/k9s"
