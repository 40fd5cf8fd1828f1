#!/usr/bin/env bash
# make bench-peers: mcgtui beside k9s on one real API server (docs/performance.md, "Beside
# k9s"). Builds kube-apiserver/etcd and k9s v0.50.16 from the Go module proxy when missing
# (cached outside the clone by hack/testbin/build.sh), loads N Applications with realistic
# status (10 resources, 5 history entries) and N/2 ExternalSecrets, and measures both
# dashboards interleaved in tmux at 200x60 next to the JSON LIST floor (first frame, full
# list, CPU, RSS, idle CPU, 20 × j, filter to rows). Prints the table and
# writes it into docs/performance.md between the peers markers. Not part of .ci/run.
#   hack/bench-peers.sh                 # N = 20000, 3 runs
#   MCGTUI_PEERS_APPS=2000 MCGTUI_PEERS_RUNS=5 hack/bench-peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
assets=$(hack/testbin/build.sh k8s)
if k9sdir=$(hack/testbin/build.sh k9s); then
  export MCGTUI_K9S=$k9sdir/k9s
else
  echo "bench-peers: k9s did not build; measuring mcgtui against the floor only" >&2
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT
KUBEBUILDER_ASSETS=$assets MCGTUI_BENCH_PEERS=1 MCGTUI_PEERS_REPORT=$report \
  go test ./test/scale -run '^TestPeers$' -v -count=1 -timeout 5h
machine="$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3-)"
{
  echo "<!-- peers:begin (written by make bench-peers) -->"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $machine with \`MCGTUI_PEERS_APPS=${MCGTUI_PEERS_APPS:-20000} MCGTUI_PEERS_RUNS=${MCGTUI_PEERS_RUNS:-3} make bench-peers\`:"
  echo
  cat "$report"
  echo
  echo "<!-- peers:end -->"
} > "$report.md"
echo
cat "$report.md"
# Replace the block between the markers (or append it).
if grep -q '<!-- peers:begin' docs/performance.md; then
  awk -v f="$report.md" '
    /<!-- peers:begin/ { while ((getline line < f) > 0) print line; skip = 1; next }
    /<!-- peers:end/ { skip = 0; next }
    !skip' docs/performance.md > "$report.doc" && mv "$report.doc" docs/performance.md
else
  cat "$report.md" >> docs/performance.md
fi
rm -f "$report.md"
