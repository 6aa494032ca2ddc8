#!/usr/bin/env bash
# Benchmark 6: the 'sfbulk ui' page with 10,000 jobs in headless Chromium (Debian's chromium package, driven by
# Playwright). The server runs as its own process ('sfbulk ui --instance-url … --session-id -', as users run it)
# against an emulator seeded with the demo org plus open jobs up to JOBS. Measures the time from navigation to a usable
# jobs page (first rows on screen; the first run lists the org cold), the server's peak RSS (VmHWM), and the API calls
# one open job page spends on a running PK-chunked job (12 chunks of 5 s) against 'sfbulk watch' on an identical job.
#
#   bench/ui/run.sh                 # JOBS=10000 RUNS=5
#   SKIP_BUILD=1 bench/ui/run.sh
#
# Needs: dotnet, jq, chromium (apt-get install -y chromium). Writes docs/benchmarks/ui.json and ui.md.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
JOBS="${JOBS:-10000}"
RUNS="${RUNS:-5}"

require_tool jq "apt-get install -y jq"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "chromium is missing: apt-get install -y chromium" >&2
  exit 1
fi
cd "$BENCH_ROOT"
build_release src/SfBulk.Cli
build_release bench/SfBulk.Bench.Ui
mkdir -p "$RESULTS_DIR"

dotnet bench/SfBulk.Bench.Ui/bin/Release/net10.0/SfBulk.Bench.Ui.dll src/SfBulk.Cli/bin/Release/net10.0/SfBulk.Cli.dll "$chromium" "$JOBS" "$RUNS" > "$RESULTS_DIR/ui.json.tmp"
jq --argjson machine "$(machine_json)" '{machine: $machine} + .' "$RESULTS_DIR/ui.json.tmp" > "$RESULTS_DIR/ui.json"
rm -f "$RESULTS_DIR/ui.json.tmp"

jq -r '
  "| Measure | Figure | Target |",
  "|---|---:|---:|",
  "| Jobs listed | \(.jobs) | 10,000 |",
  "| Navigation to a usable jobs page, cold (first listing) | \(.jobsPageColdMs) ms | < 1,000 ms |",
  "| Navigation to a usable jobs page, warm (median of the others) | \(.jobsPageWarmMedianMs) ms | < 1,000 ms |",
  "| Slowest navigation | \(.jobsPageMaxMs) ms | < 1,000 ms |",
  "| Server peak RSS (VmHWM) | \(.serverPeakRssMb) MB | < 150 MB |",
  "| API calls: job page open on a running PK job (12 chunks) | \(.pkJob.jobPageCalls) | ≤ sfbulk watch |",
  "| API calls: sfbulk watch on an identical job | \(.pkJob.sfbulkWatchCalls) | |"
' "$RESULTS_DIR/ui.json" | tee "$RESULTS_DIR/ui.md"
