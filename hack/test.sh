#!/usr/bin/env bash
# The project's whole test command (README "Run the tests"; .ci/run runs exactly this).
# gofmt, go vet, the binaries of the end-to-end suites' real peers (built once, cached
# outside the clone), every test with the race detector, the real-peers suite (test/peers,
# through hack/test-peers.sh), then each fuzz target briefly.
# Nothing skips here: a missing tmux, missing binaries or a missing network namespace fail
# instead (test/peers skips inside the plain go test run and runs in hack/test-peers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l $(git ls-files '*.go') 2>/dev/null || true)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
KUBEBUILDER_ASSETS=$(hack/testbin/build.sh)
export KUBEBUILDER_ASSETS MCGTUI_REQUIRE_E2E=1 MCGTUI_REQUIRE_TMUX=1 MCGTUI_REQUIRE_TOOLS=1
# test/peers needs its loopback-only network namespace (hack/test-peers.sh runs it next);
# test/scale is the end-to-end scale measurement (make bench-e2e), not a test.
go test -race -count=1 -timeout 30m $(go list ./... | grep -v -e /test/peers -e /test/scale)
# The actions against the real Argo CD and ESO, in a loopback-only network namespace (root).
MCGTUI_REQUIRE_PEERS=1 hack/test-peers.sh
hack/fuzz_test.sh
hack/fuzz.sh "${FUZZTIME:-3s}"
