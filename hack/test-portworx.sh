#!/usr/bin/env bash
# Runs test/portworx: mcgtui's Portworx SDK source against the real OpenStorage SDK server
# behind a real kube-apiserver (docs/testing.md). The kube-apiserver refuses loopback endpoint
# addresses, so the SDK servers listen on a documentation address (192.0.2.10, TEST-NET-1) added
# to the loopback interface of a network namespace made here (its only interface: nothing
# outside the namespace is reachable or reaches in). Needs root. The test binary and mcgtui are built outside, where
# the Go module proxy is reachable.
#   hack/test-portworx.sh
#   hack/test-portworx.sh -test.run TestSDKFaults -test.v
# Needs tmux for the dashboard test.
# Without root or namespaces it says why and exits 0 (skipped), or 1 when
# MCGTUI_REQUIRE_PORTWORX is set (hack/test.sh sets it).
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  if [ -n "${MCGTUI_REQUIRE_PORTWORX:-}" ]; then echo "test-portworx: $1 (MCGTUI_REQUIRE_PORTWORX is set)" >&2; exit 1; fi
  echo "test-portworx: skipped: $1" >&2; exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root for a network namespace (unshare --net)"
command -v unshare >/dev/null || skip "unshare (util-linux) not installed"
command -v ip >/dev/null || skip "ip (iproute2) not installed"
unshare --net --pid --fork --kill-child --mount-proc true 2>/dev/null ||
  skip "cannot create network and PID namespaces here (unshare --net --pid failed)"

assets=$(hack/testbin/build.sh portworx) # kube-apiserver, etcd, the SDK server; nothing to do when warm
export KUBEBUILDER_ASSETS=${KUBEBUILDER_ASSETS:-$assets}
out=$(mktemp -d "${TMPDIR:-/tmp}/mcgtui-test-portworx.XXXXXX")
trap 'rm -rf "$out"' EXIT
go test -c -race -o "$out/portworx.test" ./test/portworx
go build -o "$out/mcgtui" ./cmd/mcgtui
export MCGTUI_BIN=$out/mcgtui MCGTUI_PX_TEST_ADDR=192.0.2.10
# tmux sockets of this run only: the PIDs that name them repeat across PID namespaces.
export TMUX_TMPDIR=$out

cd test/portworx
unshare --net --pid --fork --kill-child --mount-proc \
  sh -c 'ip link set lo up && ip addr add "$MCGTUI_PX_TEST_ADDR/32" dev lo && "$0" "$@"' "$out/portworx.test" -test.timeout "${PORTWORX_TIMEOUT:-10m}" "$@"
