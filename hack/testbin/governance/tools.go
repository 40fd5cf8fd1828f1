//go:build tools

// Package governance records the program this module builds (see ../build.sh).
package governance

import _ "open-cluster-management.io/governance-policy-propagator"
