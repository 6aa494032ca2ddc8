#!/usr/bin/env bash
# Benchmark 3: watch-and-close of a PK-chunked Bulk 1.0 query job (40 chunks of 30 s on 4 slots: about 5 minutes of
# emulated time). API calls used and the delay from the last chunk's end to the close, for the adaptive watcher of
# the library (JobWatcher.WaitAndCloseAsync; five jitter seeds) versus fixed 1 s polling (jsforce's default
# pollInterval of 1,000 ms) and fixed 5 s polling. The emulator runs in-process on a fake clock shared with the client,
# so five emulated minutes take about a second and the figures are exact.
#
#   bench/watch/run.sh                 # SEEDS=5
#   SKIP_BUILD=1 bench/watch/run.sh
#
# Needs: dotnet, jq, gnuplot (Debian/Ubuntu: apt-get install -y gnuplot-nox).
# Writes docs/benchmarks/watch.json, watch.md, watch-timeline.csv and watch-calls.png.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
SEEDS="${SEEDS:-5}"

require_tool jq "apt-get install -y jq"
require_tool gnuplot "apt-get install -y gnuplot-nox"
cd "$BENCH_ROOT"
build_release bench/SfBulk.Bench.Scenarios
mkdir -p "$RESULTS_DIR"

dotnet "$SCENARIOS_DLL" watch "$RESULTS_DIR" --seeds "$SEEDS" > "$RESULTS_DIR/watch.json.tmp"
jq --argjson machine "$(machine_json)" '{machine: $machine} + .' "$RESULTS_DIR/watch.json.tmp" > "$RESULTS_DIR/watch.json"
rm -f "$RESULTS_DIR/watch.json.tmp"

jq -r '
  def row(name): "| \(name) | \(.calls) | \(.polls) | \(.closeDelaySeconds) s |";
  "| Strategy | API calls | Polls | Close delay after the last chunk |",
  "|---|---:|---:|---:|",
  ((.adaptive | map(.calls) | sort) as $c | (.adaptive | map(.closeDelaySeconds) | sort) as $d
    | "| sfbulk adaptive (\(.adaptive | length) jitter seeds) | \($c[0]) … \($c[-1]) | \(.adaptive | map(.polls) | min) … \(.adaptive | map(.polls) | max) | \($d[0]) … \($d[-1]) s |"),
  (.fixed1s | row("fixed 1 s polling (jsforce default)")),
  (.fixed5s | row("fixed 5 s polling")),
  "",
  "Fixed 1 s / sfbulk calls: **\(.fixed1s.calls / (.adaptive | map(.calls) | max) * 10 | round / 10)×**; fixed 5 s / sfbulk calls: **\(.fixed5s.calls / (.adaptive | map(.calls) | max) * 10 | round / 10)×** (against the worst seed)."
' "$RESULTS_DIR/watch.json" | tee "$RESULTS_DIR/watch.md"

gnuplot <<GNUPLOT
set terminal pngcairo size 900,520 font "DejaVu Sans,11"
set output "$RESULTS_DIR/watch-calls.png"
set datafile separator ","
set title "Watch and close: 40 PK chunks over ~5 min of emulated time (cumulative API calls)"
set xlabel "emulated seconds since the job was created"
set ylabel "API calls (log scale)"
set logscale y
set yrange [0.8:500]
set key top left
set grid
plot "< grep '^fixed-1s,' $RESULTS_DIR/watch-timeline.csv" using 2:3 with steps lw 2 title "fixed 1 s polling", \
     "< grep '^fixed-5s,' $RESULTS_DIR/watch-timeline.csv" using 2:3 with steps lw 2 title "fixed 5 s polling", \
     "< grep '^sfbulk-adaptive,' $RESULTS_DIR/watch-timeline.csv" using 2:3 with steps lw 2 lc rgb "#1f77b4" title "sfbulk adaptive", \
     "< grep '^sfbulk-adaptive,' $RESULTS_DIR/watch-timeline.csv" using 2:3 with points pt 7 lc rgb "#1f77b4" notitle
GNUPLOT
echo "Wrote $RESULTS_DIR/watch-calls.png"
