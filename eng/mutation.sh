#!/usr/bin/env bash
# Mutation testing of the decision logic (which jobs are closed, aborted or skipped, and what the report says):
# the sweep's plan and execution, the close/abort logic, the watcher's verdict and the org watcher, against the
# tests of tests/SfBulk.Tests. Slow (tens of minutes); not part of CI. See docs/testing.md.
#
#   eng/mutation.sh                          every file of eng/stryker-config.json
#   eng/mutation.sh '**/Watching/JobVerdict.cs'   only the files given (Stryker --mutate globs)
#
# Reports (json, markdown, html) go to artifacts/mutation/reports. The last line is the mutation score.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

out="$root/artifacts/mutation"
mkdir -p "$out"
rm -rf "$out/reports"

dotnet tool restore > /dev/null

mutate=()
for glob in "$@"; do
  mutate+=(--mutate "$glob")
done

# The explicit (long, measured) tests skip themselves when this is set; Stryker's runner would run them otherwise.
export SFBULK_MUTATION_RUN=1

# Stryker runs from the test project's folder (the repository's solution would put it in solution mode).
status=0
(cd tests/SfBulk.Tests && dotnet tool run dotnet-stryker --config-file "$root/eng/stryker-config.json" --output "$out" --skip-version-check \
  ${mutate[@]+"${mutate[@]}"}) 2>&1 | tee "$out/stryker.log" || status=$?

report="$out/reports/mutation-report.json"
if [ ! -f "$report" ]; then
  echo "No mutation report was written; see $out/stryker.log"
  exit 1
fi

count() { { grep -o "\"status\":\"$1\"" "$report" || true; } | wc -l | tr -d ' '; }
killed=$(count Killed)
timeout=$(count Timeout)
survived=$(count Survived)
nocoverage=$(count NoCoverage)
ignored=$(count Ignored)
compile=$(count CompileError)
echo "Killed ${killed}, timed out ${timeout}, survived ${survived}, no coverage ${nocoverage} (ignored ${ignored}, compile errors ${compile})"
echo "Reports: artifacts/mutation/reports (mutation-report.json, mutation-report.md, mutation-report.html)"
grep -E "final mutation score" "$out/stryker.log" | tail -1 | sed -E 's/.*(The final mutation score is)/\1/' | sed -E 's/\x1b\[[0-9;]*m//g'
exit $status
