#!/usr/bin/env bash
# Load test of the emulator: requests/s of an authenticated Bulk 1.0 "get job info" call.
#
#   bench/emulator-load.sh                      # Release build, standalone emulator, wrk -t2 -c50 -d10s
#   THREADS=4 CONNECTIONS=100 DURATION=30s bench/emulator-load.sh
#   SFBULK_EMULATOR_URL=http://127.0.0.1:5000 bench/emulator-load.sh   # measure a running emulator instead
#     (SFBULK_EMULATOR_TOKEN=<its printed control token> to reset and read its request counters)
#   SKIP_BUILD=1 bench/emulator-load.sh         # reuse the existing Release build
#
# Needs: dotnet, curl, wrk (Debian/Ubuntu: apt-get install -y wrk).
set -euo pipefail

THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-50}"
DURATION="${DURATION:-10s}"
API_VERSION="${API_VERSION:-66.0}"
USERNAME="${SFBULK_EMULATOR_USERNAME:-admin@sfbulk.test}"
PASSWORD="${SFBULK_EMULATOR_PASSWORD:-sfbulk-emulator}"
CLIENT_ID="${SFBULK_EMULATOR_CLIENT_ID:-sfbulk-emulator-client}"
CLIENT_SECRET="${SFBULK_EMULATOR_CLIENT_SECRET:-sfbulk-emulator-secret}"

cd "$(dirname "$0")/.."
for tool in curl wrk; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 2; }
done

url="${SFBULK_EMULATOR_URL:-}"
emulator_pid=""
log=""
cleanup() {
  if [[ -n "$emulator_pid" ]]; then
    # SIGTERM: a background job of a non-interactive shell ignores SIGINT.
    kill -TERM -- "-$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  [[ -n "$log" ]] && rm -f "$log"
}
trap cleanup EXIT

if [[ -z "$url" ]]; then
  if [[ -z "${SKIP_BUILD:-}" ]]; then
    dotnet build src/SfBulk.Emulator -c Release -nologo -v quiet
  fi
  log="$(mktemp)"
  # Own process group, so that cleanup stops `dotnet run` and the emulator together.
  setsid dotnet run --no-build -c Release --project src/SfBulk.Emulator -- --port 0 --open-control >"$log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 300); do
    url="$(sed -n 's/^Emulator listening on \(http:[^ ]*\)$/\1/p' "$log" | head -n 1)"
    [[ -n "$url" ]] && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "error: the emulator did not start" >&2; cat "$log" >&2; exit 1; }
fi
url="${url%/}"

token="$(curl -fsS "$url/services/oauth2/token" \
  --data-urlencode grant_type=password --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "client_secret=$CLIENT_SECRET" \
  --data-urlencode "username=$USERNAME" --data-urlencode "password=$PASSWORD" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
[[ -n "$token" ]] || { echo "error: login failed" >&2; exit 1; }

job_id="$(curl -fsS "$url/services/async/$API_VERSION/job" -H "X-SFDC-Session: $token" \
  -H 'Content-Type: application/xml; charset=UTF-8' \
  --data '<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>insert</operation><object>Account</object><contentType>CSV</contentType></jobInfo>' \
  | sed -n 's/.*<id>\([^<]*\)<\/id>.*/\1/p' | head -n 1)"
[[ -n "$job_id" ]] || { echo "error: job creation failed" >&2; exit 1; }

curl -fsS -X DELETE -H "X-Emulator-Token: ${SFBULK_EMULATOR_TOKEN:-}" "$url/_emulator/requests" >/dev/null 2>&1 || true
target="$url/services/async/$API_VERSION/job/$job_id"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION -H 'X-SFDC-Session: <token>' $target"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "X-SFDC-Session: $token" "$target"
echo "emulator request counters: $(curl -fsS -H "X-Emulator-Token: ${SFBULK_EMULATOR_TOKEN:-}" "$url/_emulator/requests" 2>/dev/null || echo 'control surface disabled or token missing')"
