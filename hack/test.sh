#!/usr/bin/env bash
# The project's whole test command (README "Run the tests"; .ci/run runs exactly this).
# gofmt, go vet, every test with the race detector (the tmux smoke test included: a missing
# tmux fails here instead of skipping), then each fuzz target briefly.
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l $(git ls-files '*.go') 2>/dev/null || true)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
MCGTUI_REQUIRE_TMUX=1 go test -race -count=1 ./...
hack/fuzz.sh "${FUZZTIME:-3s}"
