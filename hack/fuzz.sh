#!/usr/bin/env bash
# Runs every Go fuzz target of the repo for a short time (default 3s each). The committed seed
# corpora under testdata/fuzz run on every plain `go test` as well.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-3s}
count=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz $pkg $target ($fuzztime)"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime=1s "$pkg" >/tmp/mcgtui-fuzz.log 2>&1 || { cat /tmp/mcgtui-fuzz.log; exit 1; }
    count=$((count + 1))
  done
done
echo "fuzz: $count targets ran for $fuzztime each"
