#!/usr/bin/env bash
# Runs the scale benchmarks of docs/performance.md (the reference fleets S and L on fake
# clients) and prints every figure as a table. Speed is measured here, never asserted.
#   hack/bench.sh                       # S and L
#   MCGTUI_BENCH_SIZES=S hack/bench.sh  # S only (quick)
# The end-to-end figures against a real API server come from `make bench-e2e`.
set -euo pipefail
cd "$(dirname "$0")/.."
export MCGTUI_BENCH_SIZES=${MCGTUI_BENCH_SIZES:-S,L}
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT

run() { # package benchmarks benchtime
  go test "$1" -run '^$' -bench "$2" -benchtime "$3" -timeout 3h | tee -a "$raw"
}
run ./internal/scale 'ListFloor|Ingest|Memory' 3x
run ./internal/scale 'OneObjectChange' 20x
run ./internal/views 'Frame|Keystroke|OneClusterChanged' 100x
run ./internal/views/rows 'Rows/' 100x
run ./internal/views 'Idle' 1x
run ./internal/causes 'Graph' 20x
run ./internal/fleetmap 'Map' 200x
run ./cmd/mcgtui 'Startup' 20x

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3-), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| benchmark | time/op | figures |"
echo "| --- | ---: | --- |"
awk '/^Benchmark/ {
  name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
  figures = ""; time = ""
  for (i = 3; i < NF; i += 2) {
    v = $i; u = $(i + 1)
    if (u == "ns/op") { time = sprintf("%.3f ms", v / 1e6); continue }
    if (u ~ /-ns(\/op)?$/) { sub(/-ns(\/op)?$/, "", u); v = sprintf("%.3f", v / 1e6); u = u " ms" }
    figures = figures (figures == "" ? "" : ", ") v " " u
  }
  printf "| %s | %s | %s |\n", name, time, figures
}' "$raw"
