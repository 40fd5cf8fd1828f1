#!/usr/bin/env bash
# Runs test/peers: mcgtui's actions against the real Argo CD and External Secrets Operator
# (docs/testing.md). The peers run only inside a loopback-only network namespace (Argo CD's
# application-controller binds its metrics port on every interface; the namespace also keeps
# the run hermetic), which needs root. The test binary and mcgtui are built here, outside the
# namespace, where the Go module proxy is reachable; then the tests run under
# `unshare --net --pid --fork --kill-child`: every process they start dies with them.
#   hack/test-peers.sh                       # every peers test
#   hack/test-peers.sh -test.run TestSync -test.v
#   PEERS_TIMEOUT=40m hack/test-peers.sh     # the test binary's -test.timeout (default 20m)
# Without root or namespaces it says why and exits 0 (skipped), or 1 when MCGTUI_REQUIRE_PEERS
# is set (hack/test.sh sets it).
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  if [ -n "${MCGTUI_REQUIRE_PEERS:-}" ]; then echo "test-peers: $1 (MCGTUI_REQUIRE_PEERS is set)" >&2; exit 1; fi
  echo "test-peers: skipped: $1" >&2; exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root for a network namespace (unshare --net)"
command -v unshare >/dev/null || skip "unshare (util-linux) not installed"
command -v ip >/dev/null || skip "ip (iproute2) not installed"
unshare --net --pid --fork --kill-child --mount-proc true 2>/dev/null ||
  skip "cannot create network and PID namespaces here (unshare --net --pid failed)"

assets=$(hack/testbin/build.sh) # Argo CD, ESO, kube-apiserver and etcd; nothing to do when warm
export KUBEBUILDER_ASSETS=${KUBEBUILDER_ASSETS:-$assets}
out=$(mktemp -d "${TMPDIR:-/tmp}/mcgtui-test-peers.XXXXXX")
trap 'rm -rf "$out"' EXIT
go test -c -race -o "$out/peers.test" ./test/peers
go build -o "$out/mcgtui" ./cmd/mcgtui
export MCGTUI_BIN=$out/mcgtui
# tmux sockets of this run only: the PIDs that name them repeat across PID namespaces.
export TMUX_TMPDIR=$out

# The test binary runs in its package folder, as go test would run it.
cd test/peers
unshare --net --pid --fork --kill-child --mount-proc \
  sh -c 'ip link set lo up && "$0" "$@"' "$out/peers.test" -test.timeout "${PEERS_TIMEOUT:-20m}" "$@"
