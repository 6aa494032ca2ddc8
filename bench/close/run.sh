#!/usr/bin/env bash
# Benchmark 1: one close, whole process. The NativeAOT `sfbulk close <id>` vs a Node script closing the same job with
# jsforce vs the floor (curl posting the same request), against a running emulator on loopback. Each timed run closes
# a fresh open job seeded by hyperfine's untimed --prepare step. Wall time: hyperfine (median of RUNS runs, after
# warm-up). Peak memory: GNU time's maximum resident set size (median of MEM_RUNS runs). API calls per close: the
# emulator's request counter. CPU time (user + system, hyperfine's mean) is the steadier figure on a busy machine.
#
#   bench/close/run.sh                 # RUNS=40 MEM_RUNS=15
#   RUNS=100 bench/close/run.sh
#   SKIP_BUILD=1 bench/close/run.sh    # reuse the Release builds and the published binary
#
# Needs: dotnet, node + npm, hyperfine, curl, jq, GNU time. Publishes the NativeAOT binary (eng/publish-aot.sh) if
# it is missing. Writes docs/benchmarks/close.json and close.md.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
RUNS="${RUNS:-40}"
MEM_RUNS="${MEM_RUNS:-15}"

require_tool hyperfine "https://github.com/sharkdp/hyperfine; Debian/Ubuntu: apt-get install -y hyperfine"
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

sfbulk_cmd="$AOT_SFBULK close \"\$(cat $JOB_FILE)\" --output json"
jsforce_cmd="node $here/close-jsforce.mjs \"\$(cat $JOB_FILE)\""
# The floor, inline (no wrapper process); the session id stays an unexpanded variable in the command line.
curl_cmd="curl -fsS -o /dev/null \"\$SFBULK_INSTANCE_URL/services/async/$API_VERSION/job/\$(cat $JOB_FILE)\" -H \"X-SFDC-Session: \$SFBULK_SESSION_ID\" -H 'Content-Type: application/xml; charset=UTF-8' --data-binary @$here/close-request.xml"
# The harness alone: the shell and the `cat` that every timed command pays to read the fresh job id.
harness_cmd="echo \"\$(cat $JOB_FILE)\" >/dev/null"
names=(sfbulk jsforce curl)
cmds=("$sfbulk_cmd" "$jsforce_cmd" "$curl_cmd")

echo "==> API calls per close (one fresh job each)"
calls=()
for i in 0 1 2; do
  "$here/next-job.sh"
  reset_requests
  bash -c "${cmds[$i]}" >/dev/null
  calls[$i]="$(total_requests)"
  echo "${names[$i]}: ${calls[$i]} call(s)"
done

echo "==> Wall time: hyperfine, $RUNS runs each"
hyperfine --style basic --warmup 3 --runs "$RUNS" --prepare "$here/next-job.sh" \
  --export-json "$work/hyperfine.json" \
  -n sfbulk "$sfbulk_cmd" -n jsforce "$jsforce_cmd" -n curl "$curl_cmd" -n harness "$harness_cmd"

echo "==> Peak memory: GNU time, $MEM_RUNS runs each"
rss=()
for i in 0 1 2; do
  for _ in $(seq 1 "$MEM_RUNS"); do
    "$here/next-job.sh"
    case "$i" in
      0) peak_rss_kb "$AOT_SFBULK" close "$(cat "$JOB_FILE")" ;;
      1) peak_rss_kb node "$here/close-jsforce.mjs" "$(cat "$JOB_FILE")" ;;
      2) peak_rss_kb curl -fsS -o /dev/null "$SFBULK_INSTANCE_URL/services/async/$API_VERSION/job/$(cat "$JOB_FILE")" \
           -H "X-SFDC-Session: $SFBULK_SESSION_ID" -H 'Content-Type: application/xml; charset=UTF-8' --data-binary "@$here/close-request.xml" ;;
    esac
  done > "$work/rss-$i"
  rss[$i]="$(median < "$work/rss-$i")"
  echo "${names[$i]}: median peak RSS ${rss[$i]} KB"
done

mkdir -p "$RESULTS_DIR"
jq -n --argjson machine "$(machine_json)" --slurpfile h "$work/hyperfine.json" \
  --arg runs "$RUNS" --arg memRuns "$MEM_RUNS" --arg binary "$(stat -c %s "$AOT_SFBULK")" \
  --arg c0 "${calls[0]}" --arg c1 "${calls[1]}" --arg c2 "${calls[2]}" \
  --arg m0 "${rss[0]}" --arg m1 "${rss[1]}" --arg m2 "${rss[2]}" '
  ($h[0].results | map({key: .command, value: .}) | from_entries) as $r
  | { machine: $machine, runs: ($runs | tonumber), memoryRuns: ($memRuns | tonumber),
      sfbulkBinaryBytes: ($binary | tonumber),
      clients: [
        { name: "sfbulk", calls: ($c0 | tonumber), peakRssKb: ($m0 | tonumber) },
        { name: "jsforce", calls: ($c1 | tonumber), peakRssKb: ($m1 | tonumber) },
        { name: "curl", calls: ($c2 | tonumber), peakRssKb: ($m2 | tonumber) } ]
      | map(. + { medianMs: ($r[.name].median * 1000), meanMs: ($r[.name].mean * 1000), stddevMs: ($r[.name].stddev * 1000),
                  minMs: ($r[.name].min * 1000), maxMs: ($r[.name].max * 1000),
                  cpuMs: (($r[.name].user + $r[.name].system) * 1000) }) }
  | . + { harnessMedianMs: ($r.harness.median * 1000), harnessCpuMs: (($r.harness.user + $r.harness.system) * 1000) }
  | . + { ratios: { jsforceOverSfbulk: (.clients[1].medianMs / .clients[0].medianMs),
                    sfbulkOverCurl: (.clients[0].medianMs / .clients[2].medianMs),
                    jsforceCpuOverSfbulk: (.clients[1].cpuMs / .clients[0].cpuMs),
                    sfbulkCpuOverCurl: (.clients[0].cpuMs / .clients[2].cpuMs),
                    netJsforceOverSfbulk: ((.clients[1].medianMs - .harnessMedianMs) / (.clients[0].medianMs - .harnessMedianMs)),
                    netSfbulkOverCurl: ((.clients[0].medianMs - .harnessMedianMs) / (.clients[2].medianMs - .harnessMedianMs)) } }' > "$RESULTS_DIR/close.json"

jq -r '
  "| Client | Median wall time | Mean ± σ | Min … max | CPU time (user + system, mean) | Peak RSS (median) | API calls |",
  "|---|---:|---:|---:|---:|---:|---:|",
  (.clients[] | "| \(.name) | \(.medianMs * 10 | round / 10) ms | \(.meanMs * 10 | round / 10) ± \(.stddevMs * 10 | round / 10) ms | \(.minMs * 10 | round / 10) … \(.maxMs * 10 | round / 10) ms | \(.cpuMs * 10 | round / 10) ms | \(.peakRssKb / 1024 * 10 | round / 10) MB | \(.calls) |"),
  "| (harness: shell + cat of the job id) | \(.harnessMedianMs * 10 | round / 10) ms | | | \(.harnessCpuMs * 10 | round / 10) ms | | |",
  "",
  "Net of the harness: jsforce / sfbulk **\(.ratios.netJsforceOverSfbulk * 100 | round / 100)×**, sfbulk / curl **\(.ratios.netSfbulkOverCurl * 100 | round / 100)×**.",
  "",
  "Gross: jsforce / sfbulk: **\(.ratios.jsforceOverSfbulk * 100 | round / 100)×**; sfbulk / curl: **\(.ratios.sfbulkOverCurl * 100 | round / 100)×** (median wall times; CPU time: jsforce / sfbulk \(.ratios.jsforceCpuOverSfbulk * 10 | round / 10)×, sfbulk / curl \(.ratios.sfbulkCpuOverCurl * 100 | round / 100)×; medians, same run; \(.runs) runs each, peak RSS over \(.memoryRuns) runs)."
' "$RESULTS_DIR/close.json" | tee "$RESULTS_DIR/close.md"
