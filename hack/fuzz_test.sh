#!/usr/bin/env bash
# Tests hack/fuzz.sh's verdicts with a fake go command whose `go test -fuzz` either ends on the
# fuzzing engine's own deadline (no input written: must pass) or writes a crasher (must fail,
# naming it). Only internal/sources/acm's target is run (MCGTUI_FUZZ_PKGS); other go commands
# are real.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pkgdir=$(go list -f '{{.Dir}}' ./internal/sources/acm)
crasher=$pkgdir/testdata/fuzz/FuzzDecodeManagedCluster/fuzz-test-crasher
trap 'rm -rf "$tmp" "$crasher"' EXIT
cat >"$tmp/go" <<FAKE
#!/usr/bin/env bash
case "\$MODE" in
deadline)
  echo "--- FAIL: FuzzDecodeManagedCluster (3.10s)"
  echo "    context deadline exceeded"
  exit 1 ;;
crasher)
  mkdir -p "$(dirname "$crasher")"
  printf 'go test fuzz v1\n[]byte("x")\n' >"$crasher"
  echo "--- FAIL: FuzzDecodeManagedCluster (0.20s)"
  echo "    Failing input written to testdata/fuzz/FuzzDecodeManagedCluster/fuzz-test-crasher"
  echo "    context deadline exceeded"
  exit 1 ;;
esac
exit 0
FAKE
chmod +x "$tmp/go"
if ! MODE=deadline MCGTUI_FUZZ_PKGS=./internal/sources/acm MCGTUI_FUZZ_GO="$tmp/go" hack/fuzz.sh 1s >"$tmp/out" 2>&1; then
  cat "$tmp/out"; echo "FAIL: the engine's own deadline failed the fuzz run"; exit 1
fi
grep -q "engine hit its own deadline" "$tmp/out" || { cat "$tmp/out"; echo "FAIL: deadline not reported"; exit 1; }
if MODE=crasher MCGTUI_FUZZ_PKGS=./internal/sources/acm MCGTUI_FUZZ_GO="$tmp/go" hack/fuzz.sh 1s >"$tmp/out" 2>&1; then
  cat "$tmp/out"; echo "FAIL: a crasher passed the fuzz run"; exit 1
fi
grep -q "crasher written to .*fuzz-test-crasher" "$tmp/out" || { cat "$tmp/out"; echo "FAIL: crasher not named"; exit 1; }
echo "fuzz_test: ok"
