#!/usr/bin/env bash
# Shared helpers of the benchmark scripts: tool checks, a standalone emulator on a free loopback port, login, seeding
# and request counters. Source it from a script under bench/<name>/ after `set -euo pipefail`.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_ROOT/docs/benchmarks}"
API_VERSION="${API_VERSION:-66.0}"
EMULATOR_DLL="$BENCH_ROOT/src/SfBulk.Emulator/bin/Release/net10.0/SfBulk.Emulator.dll"
SCENARIOS_DLL="$BENCH_ROOT/bench/SfBulk.Bench.Scenarios/bin/Release/net10.0/SfBulk.Bench.Scenarios.dll"
AOT_SFBULK="${SFBULK_AOT:-$BENCH_ROOT/artifacts/aot/$(dotnet --info 2>/dev/null | awk '/RID:/ {print $2; exit}')/sfbulk}"
# The scenarios published NativeAOT (clients sfbulk-aot and floor-aot): the same code without the JIT's start-up.
SCENARIOS_AOT="$BENCH_ROOT/artifacts/aot-bench/SfBulk.Bench.Scenarios"

# publish_scenarios_aot: publishes bench/SfBulk.Bench.Scenarios NativeAOT unless SKIP_BUILD is set and it exists.
publish_scenarios_aot() {
  [[ -n "${SKIP_BUILD:-}" && -x "$SCENARIOS_AOT" ]] && return 0
  dotnet publish "$BENCH_ROOT/bench/SfBulk.Bench.Scenarios" -c Release -r "$(dotnet --info | awk '/RID:/ {print $2; exit}')" \
    -p:PublishAot=true -o "$(dirname "$SCENARIOS_AOT")" --nologo >/dev/null
}

# require_tool <command> <how to install>: fails clearly when a tool is missing.
require_tool() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is required ($2)" >&2; exit 2; }
}

require_gnu_time() {
  [[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1 \
    || { echo "error: GNU time is required for peak memory (Debian/Ubuntu: apt-get install -y time)" >&2; exit 2; }
}

# build_release <project>...: Release build unless SKIP_BUILD is set.
build_release() {
  [[ -n "${SKIP_BUILD:-}" ]] && return 0
  local project
  for project in "$@"; do
    dotnet build "$BENCH_ROOT/$project" -c Release -nologo -v quiet >/dev/null
  done
}

# npm_ci: installs bench/node_modules from the lock file (jsforce, pinned) when missing.
npm_ci() {
  [[ -d "$BENCH_ROOT/bench/node_modules/jsforce" ]] || (cd "$BENCH_ROOT/bench" && npm ci --no-audit --no-fund >/dev/null)
}

_emulator_pid=""
_emulator_log=""
stop_emulator() {
  if [[ -n "$_emulator_pid" ]]; then
    kill -TERM "$_emulator_pid" 2>/dev/null || true
    wait "$_emulator_pid" 2>/dev/null || true
    _emulator_pid=""
  fi
  [[ -n "$_emulator_log" ]] && rm -f "$_emulator_log"
  _emulator_log=""
}

# start_emulator [emulator args...]: runs the Release emulator on a free port; sets EMULATOR_URL and EMULATOR_TOKEN
# (the control token it printed, sent as X-Emulator-Token on every /_emulator call).
start_emulator() {
  [[ -f "$EMULATOR_DLL" ]] || { echo "error: build the emulator first (dotnet build src/SfBulk.Emulator -c Release)" >&2; exit 2; }
  _emulator_log="$(mktemp)"
  dotnet "$EMULATOR_DLL" --port 0 "$@" >"$_emulator_log" 2>&1 &
  _emulator_pid=$!
  EMULATOR_URL=""
  for _ in $(seq 1 300); do
    EMULATOR_URL="$(sed -n 's/^Emulator listening on \(http:[^ ]*\)$/\1/p' "$_emulator_log" | head -n 1)"
    EMULATOR_TOKEN="$(sed -n 's/^  control token: \([0-9a-f]*\) .*$/\1/p' "$_emulator_log" | head -n 1)"
    [[ -n "$EMULATOR_URL" && -n "$EMULATOR_TOKEN" ]] && break
    kill -0 "$_emulator_pid" 2>/dev/null || { cat "$_emulator_log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$EMULATOR_URL" && -n "$EMULATOR_TOKEN" ]] || { echo "error: the emulator did not start" >&2; exit 1; }
  EMULATOR_URL="${EMULATOR_URL%/}"
  export EMULATOR_TOKEN
  EMULATOR_PID="$_emulator_pid"
}

# login: OAuth password flow with the emulator's default org; exports SFBULK_INSTANCE_URL and SFBULK_SESSION_ID.
login() {
  local token
  token="$(curl -fsS "$EMULATOR_URL/services/oauth2/token" \
    --data-urlencode grant_type=password \
    --data-urlencode "client_id=${SFBULK_EMULATOR_CLIENT_ID:-sfbulk-emulator-client}" \
    --data-urlencode "client_secret=${SFBULK_EMULATOR_CLIENT_SECRET:-sfbulk-emulator-secret}" \
    --data-urlencode "username=${SFBULK_EMULATOR_USERNAME:-admin@sfbulk.test}" \
    --data-urlencode "password=${SFBULK_EMULATOR_PASSWORD:-sfbulk-emulator}" | jq -r .access_token)"
  [[ -n "$token" && "$token" != null ]] || { echo "error: login failed" >&2; exit 1; }
  export SFBULK_INSTANCE_URL="$EMULATOR_URL" SFBULK_SESSION_ID="$token"
}

# seed_classic <json>: seeds Bulk 1.0 jobs through the control surface; prints their ids, one a line.
seed_classic() {
  control_curl jobs/classic -H 'Content-Type: application/json' --data "$1" | jq -r '.[]'
}

# control_curl <route> [curl args...]: a call to the emulator's control surface /_emulator/<route>, with its token.
control_curl() {
  local route="$1"
  shift
  curl -fsS -H "X-Emulator-Token: $EMULATOR_TOKEN" "$@" "$EMULATOR_URL/_emulator/$route"
}

reset_requests() { control_curl requests -X DELETE >/dev/null; }
total_requests() { control_curl requests | jq .total; }

# peak_rss_kb <command...>: runs the command (output discarded) and prints its peak resident set size in KB.
peak_rss_kb() {
  local out
  out="$(mktemp)"
  /usr/bin/time -f %M -o "$out" "$@" >/dev/null 2>&1 || { rm -f "$out"; echo "error: command failed: $*" >&2; return 1; }
  tail -n 1 "$out"
  rm -f "$out"
}

# median: the median of the numbers on standard input.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# machine_json: the machine the figures come from.
machine_json() {
  jq -n --arg cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" --arg cores "$(nproc)" \
    --arg mem "$(free -h | awk '/^Mem:/ {print $2}')" --arg os "$(. /etc/os-release && echo "$PRETTY_NAME")" \
    --arg kernel "$(uname -r)" --arg dotnet "$(dotnet --version)" --arg node "$(node --version)" \
    --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    '{cpu: $cpu, cores: ($cores | tonumber), memory: $mem, os: $os, kernel: $kernel, dotnet: $dotnet, node: $node, date: $date}'
}

# sweep_client <name> <concurrency> <result-file>: sweeps every open job older than 24 h of $EMULATOR_URL with one
# client, under GNU time; writes the client's JSON line plus wallSeconds, peakRssKb and cpuSeconds (user + system)
# of the whole process to the file.
#   sfbulk-cli  the NativeAOT CLI: sfbulk sweep --older-than 24h --yes --concurrency N --output json
#   sfbulk    the library's JobSweeper (bench/SfBulk.Bench.Scenarios sweep)
#   jsforce   bench/sweep/sweep-jsforce.mjs
#   floor     a bare HttpClient sending the same requests (bench/SfBulk.Bench.Scenarios raw-sweep)
sweep_client() {
  local name="$1" concurrency="$2" result="$3" timing out state
  timing="$(mktemp)"
  out="$(mktemp)"
  case "$name" in
    sfbulk-cli)
      # A journal of its own per run (as a real org's fresh job ids would have): every run's emulator hands out the same
      # ids, so a journal shared between runs makes the CLI report "changed before" for every job it closes.
      state="$(mktemp -d)"
      XDG_STATE_HOME="$state" /usr/bin/time -f '%e %M %U %S' -o "$timing" "$AOT_SFBULK" sweep --older-than 24h --yes \
        --concurrency "$concurrency" --output json >"$out.cli"
      rm -rf "$state"
      jq -c --argjson c "$concurrency" '{client: "sfbulk-cli", concurrency: $c, closed: .counts.closed, calls: .callsUsed,
        seconds: (.planSeconds + .elapsedSeconds), listingSeconds: .planSeconds,
        jobsPerSecond: (.counts.closed / (.planSeconds + .elapsedSeconds))}' "$out.cli" >"$out"
      rm -f "$out.cli" ;;
    sfbulk) /usr/bin/time -f '%e %M %U %S' -o "$timing" dotnet "$SCENARIOS_DLL" sweep "$EMULATOR_URL" --concurrency "$concurrency" >"$out" ;;
    sfbulk-aot) /usr/bin/time -f '%e %M %U %S' -o "$timing" "$SCENARIOS_AOT" sweep "$EMULATOR_URL" --concurrency "$concurrency" >"$out" ;;
    floor-aot) /usr/bin/time -f '%e %M %U %S' -o "$timing" "$SCENARIOS_AOT" raw-sweep "$EMULATOR_URL" --concurrency "$concurrency" >"$out" ;;
    jsforce) /usr/bin/time -f '%e %M %U %S' -o "$timing" node "$BENCH_ROOT/bench/sweep/sweep-jsforce.mjs" "$concurrency" >"$out" ;;
    floor) /usr/bin/time -f '%e %M %U %S' -o "$timing" dotnet "$SCENARIOS_DLL" raw-sweep "$EMULATOR_URL" --concurrency "$concurrency" >"$out" ;;
    *) echo "error: unknown sweep client $name" >&2; return 2 ;;
  esac
  read -r wall rss user sys < <(tail -n 1 "$timing")
  jq -c --arg name "$name" --argjson wall "$wall" --argjson rss "$rss" --argjson user "$user" --argjson sys "$sys" \
    --argjson emulatorCalls "$(total_requests)" \
    '. + {name: $name, wallSeconds: $wall, peakRssKb: $rss, cpuSeconds: ($user + $sys), emulatorCalls: $emulatorCalls}' "$out" > "$result"
  rm -f "$timing" "$out"
}

# prepare_sweep <jobs>: a fresh emulator, warmed up by a 500-job floor sweep, then <jobs> open Bulk 1.0 jobs created
# 25 hours ago and zeroed request counters.
prepare_sweep() {
  local jobs="$1" left n
  stop_emulator
  start_emulator
  login
  seed_classic '{"count":500,"ageSeconds":90000}' >/dev/null
  dotnet "$SCENARIOS_DLL" raw-sweep "$EMULATOR_URL" >/dev/null
  left="$jobs"
  while (( left > 0 )); do
    n=$(( left > 100000 ? 100000 : left ))
    seed_classic "{\"count\":$n,\"ageSeconds\":90000}" >/dev/null
    left=$(( left - n ))
  done
  reset_requests
}
