#!/usr/bin/env bash
# hyperfine --prepare step: seeds one open Bulk 1.0 job (untimed) and writes its id to $JOB_FILE.
set -euo pipefail
curl -fsS "$EMULATOR_URL/_emulator/jobs/classic" -H "X-Emulator-Token: $EMULATOR_TOKEN" -H 'Content-Type: application/json' --data '{"count":1}' \
  | sed -n 's/^\["\([^"]*\)"\]$/\1/p' > "$JOB_FILE"
