#!/usr/bin/env bash
# The project's whole test command (README "Run the tests"; .ci/run runs exactly this).
# gofmt, go vet, the control-plane binaries for the end-to-end suite (built once, cached
# outside the clone), every test with the race detector, then each fuzz target briefly.
# Nothing skips here: a missing tmux or missing e2e binaries fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l $(git ls-files '*.go') 2>/dev/null || true)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
KUBEBUILDER_ASSETS=$(hack/testbin/build.sh)
export KUBEBUILDER_ASSETS MCGTUI_REQUIRE_E2E=1 MCGTUI_REQUIRE_TMUX=1
go test -race -count=1 -timeout 30m ./...
hack/fuzz.sh "${FUZZTIME:-3s}"
