//go:build tools

// Package eso records the program this module builds (see ../build.sh).
package eso

import _ "github.com/external-secrets/external-secrets"
