#!/usr/bin/env bash
# Benchmark 2: sweep of JOBS open Bulk 1.0 jobs (default 10,000) at concurrency 4: sfbulk vs a jsforce script that
# lists and closes the same way vs the floor (a bare HttpClient sending the same requests: the emulator's own capacity
# for this work). Every run gets a fresh emulator (warmed up by a 500-job sweep), so each client lists the same pages;
# the clients take turns, REPS rounds. Figures: whole-process wall time and peak RSS (GNU time), the client's own
# sweep time, the client's CPU time (user + system: on a machine whose cores the client shares with the emulator,
# what the client burns the emulator cannot use), and API calls per job (the emulator's request counter).
#
#   bench/sweep/run.sh                       # JOBS=10000 REPS=3 CONCURRENCY=4
#   JOBS=1000 REPS=1 bench/sweep/run.sh      # a quick look
#   CLIENTS="sfbulk-cli jsforce floor" bench/sweep/run.sh   # the NativeAOT `sfbulk sweep --yes` instead of the library
#   CLIENTS="sfbulk-cli sfbulk sfbulk-aot jsforce floor floor-aot" bench/sweep/run.sh
#     sfbulk-aot and floor-aot: the library scenario and the HttpClient floor published NativeAOT (no JIT start-up)
#
# Needs: dotnet, node + npm, curl, jq, GNU time. Writes docs/benchmarks/sweep.json and sweep.md.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
JOBS="${JOBS:-10000}"
REPS="${REPS:-3}"
CONCURRENCY="${CONCURRENCY:-4}"
CLIENTS="${CLIENTS:-sfbulk jsforce floor}"

require_tool curl "apt-get install -y curl"
require_tool jq "apt-get install -y jq"
require_tool node "Node.js 20 or later"
require_tool npm "Node.js 20 or later"
require_gnu_time
cd "$BENCH_ROOT"
build_release src/SfBulk.Emulator bench/SfBulk.Bench.Scenarios
[[ "$CLIENTS" == *-aot* ]] && publish_scenarios_aot
[[ "$CLIENTS" == *sfbulk-cli* && ! -x "$AOT_SFBULK" ]] && eng/publish-aot.sh >/dev/null
npm_ci

work="$(mktemp -d)"
trap 'stop_emulator; rm -rf "$work"' EXIT
for rep in $(seq 1 "$REPS"); do
  for client in $CLIENTS; do
    prepare_sweep "$JOBS"
    sweep_client "$client" "$CONCURRENCY" "$work/$client-$rep.json"
    echo "round $rep: $(cat "$work/$client-$rep.json")"
  done
done
stop_emulator

mkdir -p "$RESULTS_DIR"
jq -s --argjson machine "$(machine_json)" --argjson jobs "$JOBS" --argjson concurrency "$CONCURRENCY" '
  def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  group_by(.name) | map({
      name: .[0].name,
      runs: length,
      closed: (map(.closed) | min),
      callsPerJob: (map(.emulatorCalls / .closed) | median),
      medianWallSeconds: (map(.wallSeconds) | median),
      medianSweepSeconds: (map(.seconds) | median),
      medianListingSeconds: (map(.listingSeconds | select(. != null)) | if length == 0 then null else median end),
      medianJobsPerSecond: (map(.closed / .wallSeconds) | median),
      wallSeconds: map(.wallSeconds),
      medianPeakRssKb: (map(.peakRssKb) | median),
      medianCpuSeconds: (map(.cpuSeconds) | median) })
  | map({key: .name, value: .}) | from_entries
  | {machine: $machine, jobs: $jobs, concurrency: $concurrency, clients: .}
  | (.clients["sfbulk-cli"] // .clients.sfbulk) as $s
  | (.clients["floor-aot"] // .clients.floor) as $f
  | .ratios = {
      sfbulkName: $s.name,
      floorName: $f.name,
      sfbulkOverJsforceThroughput: ($s.medianJobsPerSecond / .clients.jsforce.medianJobsPerSecond),
      sfbulkShareOfFloor: ($s.medianJobsPerSecond / $f.medianJobsPerSecond),
      sfbulkOverJsforceSweepOnly: (.clients.jsforce.medianSweepSeconds / $s.medianSweepSeconds),
      sfbulkShareOfFloorSweepOnly: ($f.medianSweepSeconds / $s.medianSweepSeconds),
      jsforceCpuOverSfbulk: (.clients.jsforce.medianCpuSeconds / $s.medianCpuSeconds),
      sfbulkCpuOverFloor: ($s.medianCpuSeconds / $f.medianCpuSeconds) }
' "$work"/*.json > "$RESULTS_DIR/sweep.json"

jq -r '
  def r1: . * 10 | round / 10;
  def r2: . * 100 | round / 100;
  "| Client | Wall time (median) | Jobs/s (whole process) | Sweep time inside the process | … of which listing | Client CPU time | Peak RSS | API calls per job |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  (.clients | to_entries[] | .value | "| \(.name) | \(.medianWallSeconds | r2) s | \(.medianJobsPerSecond | round) | \(.medianSweepSeconds | r2) s | \(if .medianListingSeconds == null then "–" else "\(.medianListingSeconds | r2) s" end) | \(.medianCpuSeconds | r2) s | \(.medianPeakRssKb / 1024 | r1) MB | \(.callsPerJob * 10000 | round / 10000) |"),
  "",
  "\(.jobs) open jobs, concurrency \(.concurrency), \(.clients | to_entries[0].value.runs) runs per client, clients in turn. \(.ratios.sfbulkName) / jsforce throughput: **\(.ratios.sfbulkOverJsforceThroughput | r2)×** (sweep time alone: \(.ratios.sfbulkOverJsforceSweepOnly | r2)×); \(.ratios.sfbulkName) / \(.ratios.floorName): **\(.ratios.sfbulkShareOfFloor * 100 | round)%** (sweep time alone: \(.ratios.sfbulkShareOfFloorSweepOnly * 100 | round)%). Client CPU time (user + system, whole process): jsforce / \(.ratios.sfbulkName) **\(.ratios.jsforceCpuOverSfbulk | r2)×**, \(.ratios.sfbulkName) / \(.ratios.floorName) \(.ratios.sfbulkCpuOverFloor | r2)×."
' "$RESULTS_DIR/sweep.json" | tee "$RESULTS_DIR/sweep.md"
