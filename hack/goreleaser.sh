#!/usr/bin/env bash
# Builds goreleaser (the release tool, .goreleaser.yaml) from the Go module proxy into a
# versioned cache folder outside the clone, only when missing, then runs it with the given
# arguments:
#   hack/goreleaser.sh check
#   hack/goreleaser.sh release --snapshot --clean --skip=publish
# Cold: about 1,800 packages, an hour on a busy 2-core machine (docs/testing.md); warm: nothing.
set -euo pipefail
version=v2.15.1
root=${MCGTUI_TESTBIN_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/mcgtui/testbin}
dir=$root/goreleaser-$version
if [ ! -x "$dir/goreleaser" ]; then
  echo "building goreleaser $version into $dir" >&2
  mkdir -p "$dir"
  GOBIN="$dir/tmp.$$" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" "github.com/goreleaser/goreleaser/v2@$version"
  mv "$dir/tmp.$$/goreleaser" "$dir/goreleaser"
  rmdir "$dir/tmp.$$"
fi
cd "$(dirname "$0")/.."
exec "$dir/goreleaser" "$@"
