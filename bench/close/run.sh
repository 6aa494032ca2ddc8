#!/usr/bin/env bash
# Benchmark 1: one close, whole process. The NativeAOT `sfbulk close <id>` vs a Node script closing the same job with
# jsforce vs the floor (curl posting the same request), against a running emulator on loopback.
#
# The three clients take turns: each round closes one fresh open job with each of them (seeded untimed just before,
# order rotated every round), so a change of background load hits all three alike; ratios are taken per round, then
# the median over the rounds. Each run is timed by bash's `time` (wall and CPU time, user + system, to the millisecond)
# around GNU time, which records the peak RSS; the "harness" row is that pair running `true`, the overhead every
# client pays. API calls per close: the emulator's request counter.
#
#   bench/close/run.sh                 # RUNS=40 rounds after 3 warm-up rounds
#   RUNS=100 bench/close/run.sh
#   SKIP_BUILD=1 bench/close/run.sh    # reuse the Release builds and the published binary
#
# Needs: dotnet, node + npm, curl, jq, GNU time. Publishes the NativeAOT binary (eng/publish-aot.sh) if it is
# missing. Writes docs/benchmarks/close.json and close.md.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
RUNS="${RUNS:-40}"
WARMUP="${WARMUP:-3}"

require_tool curl "apt-get install -y curl"
require_tool jq "apt-get install -y jq"
require_tool node "Node.js 20 or later"
require_tool npm "Node.js 20 or later"
require_gnu_time
cd "$BENCH_ROOT"
build_release src/SfBulk.Emulator
[[ -x "$AOT_SFBULK" ]] || eng/publish-aot.sh >/dev/null
npm_ci

work="$(mktemp -d)"
trap 'stop_emulator; rm -rf "$work"' EXIT
start_emulator
login
export EMULATOR_URL JOB_FILE="$work/job" API_VERSION
here="$BENCH_ROOT/bench/close"
names=(sfbulk jsforce curl)

# command_for <client> <job-id>: sets CMD to the whole close, one process, no shell in between.
command_for() {
  case "$1" in
    sfbulk) CMD=("$AOT_SFBULK" close "$2" --output json) ;;
    jsforce) CMD=(node "$here/close-jsforce.mjs" "$2") ;;
    curl) CMD=(curl -fsS -o /dev/null "$SFBULK_INSTANCE_URL/services/async/$API_VERSION/job/$2"
            -H "X-SFDC-Session: $SFBULK_SESSION_ID" -H 'Content-Type: application/xml; charset=UTF-8'
            --data-binary "@$here/close-request.xml") ;;
    harness) CMD=(true) ;;
  esac
}

# measure <client> <round>: closes a fresh job; appends {round, name, wallMs, cpuMs, rssKb} to samples.jsonl.
# "harness" times GNU time running `true`: the measuring overhead every client pays (CPU time includes GNU time's).
measure() {
  local client="$1" round="$2" TIMEFORMAT='%3R %3U %3S'
  "$here/next-job.sh"
  command_for "$client" "$(<"$JOB_FILE")"
  { time /usr/bin/time -f '%M' -o "$work/rss" "${CMD[@]}" >/dev/null 2>"$work/err" ; } 2>"$work/time" \
    || { echo "error: $client failed: $(cat "$work/err")" >&2; exit 1; }
  read -r real user sys < <(tail -n 1 "$work/time")
  jq -nc --argjson round "$round" --arg name "$client" --argjson real "$real" \
    --argjson user "$user" --argjson sys "$sys" --argjson rss "$(tail -n 1 "$work/rss")" \
    '{round: $round, name: $name, wallMs: ($real * 1000), cpuMs: (($user + $sys) * 1000), rssKb: $rss}' >> "$work/samples.jsonl"
}

echo "==> API calls per close (one fresh job each)"
calls=()
for i in 0 1 2; do
  "$here/next-job.sh"
  reset_requests
  command_for "${names[$i]}" "$(<"$JOB_FILE")"
  "${CMD[@]}" >/dev/null
  calls[$i]="$(total_requests)"
  echo "${names[$i]}: ${calls[$i]} call(s)"
done

echo "==> $WARMUP warm-up rounds, then $RUNS measured rounds (clients in turn)"
for round in $(seq $((1 - WARMUP)) "$RUNS"); do
  for k in 0 1 2; do
    i=$(( (round + WARMUP + k) % 3 ))
    measure "${names[$i]}" "$round"
  done
  measure harness "$round"
  (( round % 10 == 0 )) && echo "round $round/$RUNS"
done

mkdir -p "$RESULTS_DIR"
jq -s --argjson machine "$(machine_json)" --argjson runs "$RUNS" --argjson binary "$(stat -c %s "$AOT_SFBULK")" \
  --argjson c0 "${calls[0]}" --argjson c1 "${calls[1]}" --argjson c2 "${calls[2]}" '
  def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def pct(p): sort | .[(length - 1) * p | floor];
  map(select(.round >= 1)) as $s
  | ($s | group_by(.round) | map(map({key: .name, value: .}) | from_entries)) as $rounds
  | { machine: $machine, rounds: $runs, sfbulkBinaryBytes: $binary,
      clients: ([["sfbulk", $c0], ["jsforce", $c1], ["curl", $c2]] | map(. as [$n, $calls] | ($s | map(select(.name == $n))) as $x | {
        name: $n, calls: $calls,
        medianWallMs: ($x | map(.wallMs) | median), p10WallMs: ($x | map(.wallMs) | pct(0.1)), p90WallMs: ($x | map(.wallMs) | pct(0.9)),
        medianCpuMs: ($x | map(.cpuMs) | median),
        medianRssKb: ($x | map(.rssKb) | median), maxRssKb: ($x | map(.rssKb) | max) })),
      ratios: {
        jsforceOverSfbulkWall: ($rounds | map(.jsforce.wallMs / .sfbulk.wallMs) | median),
        sfbulkOverCurlWall: ($rounds | map(.sfbulk.wallMs / .curl.wallMs) | median),
        jsforceOverSfbulkCpu: ($rounds | map(.jsforce.cpuMs / .sfbulk.cpuMs) | median),
        sfbulkOverCurlCpu: ($rounds | map(.sfbulk.cpuMs / .curl.cpuMs) | median),
        netJsforceOverSfbulkWall: ($rounds | map((.jsforce.wallMs - .harness.wallMs) / (.sfbulk.wallMs - .harness.wallMs)) | median),
        netSfbulkOverCurlWall: ($rounds | map((.sfbulk.wallMs - .harness.wallMs) / (.curl.wallMs - .harness.wallMs)) | median) },
      harnessMedianWallMs: ($s | map(select(.name == "harness") | .wallMs) | median),
      samples: $s }' "$work/samples.jsonl" > "$RESULTS_DIR/close.json"

jq -r '
  def r1: . * 10 | round / 10;
  def r2: . * 100 | round / 100;
  "| Client | Wall time, median (p10 … p90) | CPU time (user + system), median | Peak RSS, median (max) | API calls |",
  "|---|---:|---:|---:|---:|",
  (.clients[] | "| \(.name) | \(.medianWallMs | r1) ms (\(.p10WallMs | r1) … \(.p90WallMs | r1)) | \(.medianCpuMs | r1) ms | \(.medianRssKb / 1024 | r1) MB (\(.maxRssKb / 1024 | r1)) | \(.calls) |"),
  "| (harness: GNU time running `true`) | \(.harnessMedianWallMs | r1) ms | | | |",
  "",
  "Per-round ratios, median of \(.rounds) rounds: wall time jsforce / sfbulk **\(.ratios.jsforceOverSfbulkWall | r2)×**, sfbulk / curl **\(.ratios.sfbulkOverCurlWall | r2)×**; CPU time jsforce / sfbulk **\(.ratios.jsforceOverSfbulkCpu | r2)×**, sfbulk / curl **\(.ratios.sfbulkOverCurlCpu | r2)×**. Wall time net of the same round'"'"'s harness: jsforce / sfbulk \(.ratios.netJsforceOverSfbulkWall | r2)×, sfbulk / curl \(.ratios.netSfbulkOverCurlWall | r2)×."
' "$RESULTS_DIR/close.json" | tee "$RESULTS_DIR/close.md"
