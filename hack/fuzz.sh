#!/usr/bin/env bash
# Runs every Go fuzz target of the repo for a short time (default 3s each). The committed seed
# corpora under testdata/fuzz run on every plain `go test` as well.
#
# A run fails only on a real crasher: the engine wrote a failing input under the package's
# testdata/fuzz/FuzzX/. Under CPU load the engine can also end a run with its own
# "context deadline exceeded" (its workers did not report back before -fuzztime ran out) and no
# input written; that says nothing about the code, so it is reported and the run goes on.
# Any other failure (a build error, a failing seed) fails too.
#   MCGTUI_FUZZ_GO   the go command (hack/fuzz_test.sh puts a fake one here)
#   MCGTUI_FUZZ_PKGS the packages whose targets run (default ./...)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-3s}
gocmd=${MCGTUI_FUZZ_GO:-go}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
count=0 deadlines=0
for pkg in $(go list ${MCGTUI_FUZZ_PKGS:-./...}); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "fuzz $pkg $target ($fuzztime)"
    corpus=$dir/testdata/fuzz/$target
    before=$(ls "$corpus" 2>/dev/null | sort || true)
    if ! "$gocmd" test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime=1s "$pkg" >"$log" 2>&1; then
      after=$(ls "$corpus" 2>/dev/null | sort || true)
      written=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')
      if [ -z "$written" ] && ! grep -q 'Failing input written to' "$log" && grep -q 'context deadline exceeded' "$log"; then
        echo "fuzz $target: the engine hit its own deadline with no failing input written (CPU starved): not a crasher"
        deadlines=$((deadlines + 1))
      else
        cat "$log"
        [ -n "$written" ] && echo "fuzz $target: crasher written to $corpus: $written"
        exit 1
      fi
    fi
    count=$((count + 1))
  done
done
echo "fuzz: $count targets ran for $fuzztime each ($deadlines ended on the engine's deadline)"
