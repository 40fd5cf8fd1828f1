//go:build tools

// Package argocd records the program this module builds (see ../build.sh).
package argocd

import _ "github.com/argoproj/argo-cd/v3/cmd"
