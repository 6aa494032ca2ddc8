#!/usr/bin/env bash
# Runs every test of the repository: the .NET test projects (xunit v3), the independent client check (jsforce
# against the emulator), the consumer test (eng/consumer-test.sh: packages, sample suite, installed tool), and the
# CLI's test suite once more against the NativeAOT binary that users run (published by eng/publish-aot.sh;
# SFBULK_SKIP_AOT=1 skips that stage for a quicker local run). Ends with one line
# "N passed, N failed" counting every test that ran.
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

# count_tests <log> <exit status> <passed pattern> <failed pattern>: adds a run's summary to the totals, reading the
# last line matching each pattern (its number). A run that failed without a failing test (a crashed test host, a
# broken install) counts as one failure.
count_tests() {
  local log="$1" run_status="$2" run_passed run_failed
  run_passed=$(grep -E "$3" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  run_failed=$(grep -E "$4" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  run_passed=${run_passed:-0}
  run_failed=${run_failed:-0}
  if [ "$run_status" -ne 0 ] && [ "$run_failed" -eq 0 ]; then
    run_failed=1
  fi
  passed=$((passed + run_passed))
  failed=$((failed + run_failed))
  [ "$run_status" -ne 0 ] && status=1
  return 0
}

# Microsoft.Testing.Platform prints a summary block: "total: N", "failed: N", "succeeded: N", "skipped: N".
count_dotnet_tests() { count_tests "$1" "$2" '^\s+succeeded: [0-9]+' '^\s+failed: [0-9]+'; }

echo "==> .NET tests"
dotnet test --solution sfbulk.slnx -c "$configuration" --no-build 2>&1 | tee "$log_dir/dotnet-test.log"
count_dotnet_tests "$log_dir/dotnet-test.log" "${PIPESTATUS[0]}"

echo "==> Close, abort, show, watch and sweep tests against every emulator variant"
# The emulator answers where Salesforce's documentation is silent with named variants (docs/fidelity.md); the run
# above used the defaults. Each set below switches every variant at once, so that together they cover every value;
# the sets run side by side (their tests mostly wait on the emulator and the CLI processes).
variant_sets=(
  "v1RouteForV2Job=jobInfo,v2StateChangeRefusal=apiError,closeByOtherUser=invalidJob,multipleUploads=append"
  "v1RouteForV2Job=notFound,v2StateChangeRefusal=invalidJobStateOtherWording,closeByOtherUser=invalidJobState"
)
library_classes=(--filter-class 'SfBulk.Tests.Jobs.*' --filter-class 'SfBulk.Tests.Watching.*' --filter-class 'SfBulk.Tests.Sweeping.*' --filter-class 'SfBulk.Tests.Activity.*')
cli_classes=(--filter-class 'SfBulk.Cli.Tests.Commands.CloseCommandTests' --filter-class 'SfBulk.Cli.Tests.Commands.CloseFromStandardInputTests'
  --filter-class 'SfBulk.Cli.Tests.Commands.ShowCommandTests' --filter-class 'SfBulk.Cli.Tests.Commands.WatchCommandTests'
  --filter-class 'SfBulk.Cli.Tests.Commands.SweepCommandTests')
variant_pids=()
for i in "${!variant_sets[@]}"; do
  (
    export SFBULK_EMULATOR_VARIANTS="${variant_sets[$i]}"
    dotnet test --project tests/SfBulk.Tests -c "$configuration" --no-build -- "${library_classes[@]}" > "$log_dir/variants-$i-library.log" 2>&1
    echo $? > "$log_dir/variants-$i-library.status"
    dotnet test --project tests/SfBulk.Cli.Tests -c "$configuration" --no-build -- "${cli_classes[@]}" > "$log_dir/variants-$i-cli.log" 2>&1
    echo $? > "$log_dir/variants-$i-cli.status"
  ) &
  variant_pids+=($!)
done
for pid in "${variant_pids[@]}"; do
  wait "$pid"
done
for i in "${!variant_sets[@]}"; do
  for part in library cli; do
    log="$log_dir/variants-$i-$part.log"
    echo "--- ${variant_sets[$i]} ($part)"
    grep -E '^failed |^\s+(total|failed|succeeded): ' "$log"
    count_dotnet_tests "$log" "$(cat "$log_dir/variants-$i-$part.status" 2>/dev/null || echo 1)"
  done
done

echo "==> Independent client check (jsforce)"
if [ -f tests/compat/package.json ]; then
  if [ ! -d tests/compat/node_modules ]; then
    (cd tests/compat && npm ci --no-audit --no-fund) || { echo "npm ci failed"; failed=$((failed + 1)); status=1; }
  fi
  # node's TAP reporter ends with "# pass N" and "# fail N".
  (cd tests/compat && SFBULK_EMULATOR_CONFIGURATION="$configuration" node --test --test-concurrency=1 --test-reporter=tap test/) 2>&1 | tee "$log_dir/compat.log"
  count_tests "$log_dir/compat.log" "${PIPESTATUS[0]}" '^# pass [0-9]+' '^# fail [0-9]+'
fi

echo "==> Consumer test (the packages as a user gets them)"
# Packs the Release build above, restores samples/EmulatorTests from the package folder, runs its tests, installs the
# tool and runs `sfbulk --version` and `sfbulk demo`. Prints "# pass N" / "# fail N" like the TAP reporter.
eng/consumer-test.sh --no-build 2>&1 | tee "$log_dir/consumer.log"
count_tests "$log_dir/consumer.log" "${PIPESTATUS[0]}" '^# pass [0-9]+' '^# fail [0-9]+'

echo "==> CLI tests against the NativeAOT binary"
if [ -n "${SFBULK_SKIP_AOT:-}" ]; then
  echo "Skipped: SFBULK_SKIP_AOT is set."
elif ! eng/publish-aot.sh > "$log_dir/publish-aot.log" 2>&1; then
  tail -n 20 "$log_dir/publish-aot.log"
  echo "NativeAOT publish failed; see $log_dir/publish-aot.log"
  failed=$((failed + 1))
  status=1
else
  rid="$(dotnet --info | awk '/RID:/ {print $2; exit}')"
  SFBULK_TEST_CLI="$PWD/artifacts/aot/$rid/sfbulk" dotnet test --project tests/SfBulk.Cli.Tests -c "$configuration" --no-build 2>&1 \
    | tee "$log_dir/aot-cli-test.log"
  count_dotnet_tests "$log_dir/aot-cli-test.log" "${PIPESTATUS[0]}"
fi

echo "${passed} passed, ${failed} failed"
exit $status
