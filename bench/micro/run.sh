#!/usr/bin/env bash
# Benchmark 4: BenchmarkDotNet micro-benchmarks of the wire layer: parsing and writing JobInfo in XML and JSON,
# parsing BatchInfo and a 1,000-batch list; mean time and bytes allocated per operation. A short job (1 launch,
# 3 warm-ups, 8 iterations) keeps the run at a few minutes.
#
#   bench/micro/run.sh                      # every benchmark
#   bench/micro/run.sh '*BatchInfo*'        # a filter
#
# Needs: dotnet. Writes docs/benchmarks/micro.md (BenchmarkDotNet's GitHub table) and micro.json.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
FILTER="${1:-*}"
cd "$BENCH_ROOT"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT
dotnet run -c Release --project bench/SfBulk.Benchmarks -- --filter "$FILTER" --artifacts "$artifacts"
mkdir -p "$RESULTS_DIR"
cp "$(ls "$artifacts"/results/*-report-github.md | head -n 1)" "$RESULTS_DIR/micro.md"
cp "$(ls "$artifacts"/results/*-report-brief.json | head -n 1)" "$RESULTS_DIR/micro.json"
cat "$RESULTS_DIR/micro.md"
