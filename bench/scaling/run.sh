#!/usr/bin/env bash
# Benchmark 5: how sweep time and memory grow with the number of open jobs (default 100, 1,000, 10,000, 100,000), for
# sfbulk (the library's JobSweeper in a .NET console), the NativeAOT `sfbulk sweep --yes` (sfbulk-cli) and the floor
# (CLIENTS="sfbulk sfbulk-cli floor jsforce" adds jsforce). One fresh, warmed-up emulator per run, as in
# bench/sweep/run.sh. Throughput is jobs closed per second of the sweep inside the process (so that process start-up
# does not hide the trend at 100 jobs) and of the whole process; memory is the whole process's peak RSS and, for the
# .NET clients, the managed bytes their result keeps (the report: every job with its outcome) and the bytes allocated.
#
#   bench/scaling/run.sh
#   SIZES="100 10000" bench/scaling/run.sh
#
# Needs: dotnet, curl, jq, GNU time, gnuplot (apt-get install -y gnuplot-nox); node + npm if CLIENTS has jsforce.
# Writes docs/benchmarks/scaling.json, scaling.md and scaling.png.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
SIZES="${SIZES:-100 1000 10000 100000}"
CONCURRENCY="${CONCURRENCY:-4}"
CLIENTS="${CLIENTS:-sfbulk sfbulk-cli floor}"

require_tool curl "apt-get install -y curl"
require_tool jq "apt-get install -y jq"
require_tool gnuplot "apt-get install -y gnuplot-nox"
require_gnu_time
cd "$BENCH_ROOT"
build_release src/SfBulk.Emulator bench/SfBulk.Bench.Scenarios
[[ "$CLIENTS" == *sfbulk-cli* && ! -x "$AOT_SFBULK" ]] && eng/publish-aot.sh >/dev/null
[[ "$CLIENTS" == *jsforce* ]] && { require_tool node "Node.js 20 or later"; npm_ci; }

work="$(mktemp -d)"
trap 'stop_emulator; rm -rf "$work"' EXIT
for size in $SIZES; do
  for client in $CLIENTS; do
    prepare_sweep "$size"
    sweep_client "$client" "$CONCURRENCY" "$work/run.json"
    jq -c --argjson jobs "$size" '. + {jobs: $jobs}' "$work/run.json" | tee -a "$work/all.jsonl"
  done
done
stop_emulator

mkdir -p "$RESULTS_DIR"
jq -s --argjson machine "$(machine_json)" '{machine: $machine, runs: .}' "$work/all.jsonl" > "$RESULTS_DIR/scaling.json"
jq -r '
  def r2: . * 100 | round / 100;
  def mb: . / 1048576 * 10 | round / 10;
  "| Client | Jobs | Sweep time (in process) | Jobs/s (in process) | Wall time | Peak RSS | Kept by the report | Peak RSS less the report | Allocated per job | API calls per job |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  (.runs[] | "| \(.name) | \(.jobs) | \(.seconds | r2) s | \(.closed / .seconds | round) | \(.wallSeconds | r2) s | \(.peakRssKb * 1024 | mb) MB | \(if .resultBytes then "\(.resultBytes | mb) MB (\(.resultBytes / .jobs | round) B/job)" else "–" end) | \(if .resultBytes then "\(.peakRssKb * 1024 - .resultBytes | mb) MB" else "–" end) | \(if .allocatedBytes then "\(.allocatedBytes / .jobs / 1024 * 10 | round / 10) KB" else "–" end) | \(.emulatorCalls / .closed * 10000 | round / 10000) |")
' "$RESULTS_DIR/scaling.json" | tee "$RESULTS_DIR/scaling.md"

for client in $CLIENTS; do
  jq -r --arg c "$client" '.runs[] | select(.name == $c) | "\(.jobs) \(.closed / .seconds) \(.peakRssKb / 1024)"' \
    "$RESULTS_DIR/scaling.json" > "$work/$client.dat"
done
plots_tp="" plots_mem=""
for client in $CLIENTS; do
  plots_tp+="\"$work/$client.dat\" using 1:2 with linespoints lw 2 pt 7 title \"$client\", "
  plots_mem+="\"$work/$client.dat\" using 1:3 with linespoints lw 2 pt 7 title \"$client\", "
done
gnuplot <<GNUPLOT
set terminal pngcairo size 1000,440 font "DejaVu Sans,11"
set output "$RESULTS_DIR/scaling.png"
set multiplot layout 1,2 title "Sweep of N open Bulk 1.0 jobs at concurrency $CONCURRENCY"
set logscale x
set xrange [60:160000]
set xtics ("100" 100, "1k" 1000, "10k" 10000, "100k" 100000)
set grid
set key bottom right
set xlabel "open jobs"
set ylabel "jobs closed per second (sweep, in process)"
set yrange [0:*]
plot ${plots_tp%, }
set ylabel "peak RSS of the client process (MB)"
set key top left
plot ${plots_mem%, }
unset multiplot
GNUPLOT
echo "Wrote $RESULTS_DIR/scaling.png"
