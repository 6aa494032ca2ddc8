#!/usr/bin/env bash
# Runs every test of the repository: the .NET test projects (xunit v3) and the independent client check
# (jsforce against the emulator). Ends with one line "N passed, N failed" counting every test that ran.
set -uo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
log_dir="artifacts/test-logs"
mkdir -p "$log_dir"

passed=0
failed=0
status=0

echo "==> Building ($configuration)"
if ! dotnet build sfbulk.slnx -c "$configuration" --nologo > "$log_dir/build.log" 2>&1; then
  grep -E "error" "$log_dir/build.log" | sort -u | head -40
  echo "Build failed; see $log_dir/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "Build succeeded."

echo "==> .NET tests"
dotnet test --solution sfbulk.slnx -c "$configuration" --no-build 2>&1 | tee "$log_dir/dotnet-test.log"
dotnet_status=${PIPESTATUS[0]}
# Microsoft.Testing.Platform prints a summary block: "total: N", "failed: N", "succeeded: N", "skipped: N".
dn_passed=$(grep -E '^\s+succeeded: [0-9]+' "$log_dir/dotnet-test.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
dn_failed=$(grep -E '^\s+failed: [0-9]+' "$log_dir/dotnet-test.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
dn_passed=${dn_passed:-0}
dn_failed=${dn_failed:-0}
if [ "$dotnet_status" -ne 0 ] && [ "$dn_failed" -eq 0 ]; then
  # The run failed without a test failing (a crashed test host, a build break): count it as one failure.
  dn_failed=1
fi
passed=$((passed + dn_passed))
failed=$((failed + dn_failed))
[ "$dotnet_status" -ne 0 ] && status=1

echo "==> Independent client check (jsforce)"
if [ -f tests/compat/package.json ]; then
  if [ ! -d tests/compat/node_modules ]; then
    (cd tests/compat && npm ci --no-audit --no-fund) || { echo "npm ci failed"; failed=$((failed + 1)); status=1; }
  fi
  (cd tests/compat && SFBULK_EMULATOR_CONFIGURATION="$configuration" node --test --test-concurrency=1 --test-reporter=tap test/) 2>&1 | tee "$log_dir/compat.log"
  node_status=${PIPESTATUS[0]}
  js_passed=$(grep -E '^# pass [0-9]+' "$log_dir/compat.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  js_failed=$(grep -E '^# fail [0-9]+' "$log_dir/compat.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  js_passed=${js_passed:-0}
  js_failed=${js_failed:-0}
  if [ "$node_status" -ne 0 ] && [ "$js_failed" -eq 0 ]; then
    js_failed=1
  fi
  passed=$((passed + js_passed))
  failed=$((failed + js_failed))
  [ "$node_status" -ne 0 ] && status=1
fi

echo "${passed} passed, ${failed} failed"
exit $status
