#!/usr/bin/env bash
# Benchmark 6: keeping the org clean. 50 PK-chunked Bulk 1.0 queries (10-60 chunks of 10-45 s on 4 slots) started at
# random times over an emulated hour: one org watcher (OrgWatcher, --close) against 50 single-job watchers
# (JobWatcher.WaitAndCloseAsync, one per job) on the same schedule, and a 5 s poller per job computed from each job's
# measured end. API calls and the delay from each job's last chunk to its close. The emulator runs in-process on a
# fake clock shared with the client, so the hour takes seconds and the figures are exact.
#
#   bench/orgwatch/run.sh              # SEED=42, --max-interval 30s
#   SKIP_BUILD=1 SEED=7 ORGWATCH_MAX_INTERVAL=60 bench/orgwatch/run.sh   # another schedule, a 1-minute interval
#
# The JSON counts the calls by kind (callsByKind: listings, jobReads, batchLists, closes) as the emulator counted them.
#
# Needs: dotnet, jq, python3. Writes docs/benchmarks/orgwatch.json, orgwatch.md, orgwatch-timeline.csv and
# orgwatch-calls.svg.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
SEED="${SEED:-42}"

require_tool jq "apt-get install -y jq"
require_tool python3 "apt-get install -y python3"
cd "$BENCH_ROOT"
build_release bench/SfBulk.Bench.Scenarios
mkdir -p "$RESULTS_DIR"

dotnet "$SCENARIOS_DLL" orgwatch "$RESULTS_DIR" --seed "$SEED" > "$RESULTS_DIR/orgwatch.json.tmp"
jq --argjson machine "$(machine_json)" '{machine: $machine} + .' "$RESULTS_DIR/orgwatch.json.tmp" > "$RESULTS_DIR/orgwatch.json"
rm -f "$RESULTS_DIR/orgwatch.json.tmp"

jq -r '
  def row(name; m): "| \(name) | \(m.calls) | \(m.closeDelayMinSeconds) s | \(m.closeDelayMedianSeconds) s | \(m.closeDelayMaxSeconds) s |";
  "| Strategy | API calls | Close delay min | median | max |",
  "|---|---:|---:|---:|---:|",
  row("one org watcher (\(.orgWatcher.listings) listings, \(.orgWatcher.reads) reads, \(.orgWatcher.closed) closes)"; .orgWatcher),
  row("50 single-job watchers"; .singleWatchers),
  row("a 5 s poller per job"; .fixed5s)
' "$RESULTS_DIR/orgwatch.json" | tee "$RESULTS_DIR/orgwatch.md"

python3 "$(dirname "$0")/plot.py" "$RESULTS_DIR/orgwatch-timeline.csv" "$RESULTS_DIR/orgwatch-calls.svg"
echo "Wrote $RESULTS_DIR/orgwatch-calls.svg"
