#!/usr/bin/env bash
# Publishes the sfbulk CLI as a NativeAOT single binary and fails on any trim/AOT warning from sfbulk's own code.
# Usage: eng/publish-aot.sh [output-dir] [runtime-id]     (defaults: artifacts/aot/<rid>, the current machine's RID)
# Not part of the normal test run: a NativeAOT build takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

rid="${2:-$(dotnet --info | awk '/RID:/ {print $2; exit}')}"
out="${1:-artifacts/aot/$rid}"
log_dir="artifacts/logs"
mkdir -p "$log_dir" "$out"
log="$log_dir/publish-aot-$rid.log"

echo "==> dotnet publish src/SfBulk.Cli -c Release -r $rid -p:PublishAot=true -o $out"
if ! dotnet publish src/SfBulk.Cli -c Release -r "$rid" -p:PublishAot=true -o "$out" --nologo > "$log" 2>&1; then
  grep -E "error" "$log" | sort -u | head -40
  echo "Publish failed; see $log"
  exit 1
fi

# IL2xxx = trimming, IL3xxx = NativeAOT. Ours are the ones whose location is under src/.
warnings=$(grep -E "warning IL[23][0-9]{3}" "$log" | sort -u || true)
ours=$(echo "$warnings" | grep -E "/src/SfBulk" || true)
if [ -n "$warnings" ]; then
  echo "Trim/AOT warnings:"
  echo "$warnings"
fi

if [ -n "$ours" ]; then
  echo "Trim/AOT warnings in sfbulk's own code: fix them."
  exit 1
fi

# The assembly is SfBulk.Cli (tests and the dotnet tool use that name); the command people type is sfbulk.
mv -f "$out/SfBulk.Cli" "$out/sfbulk"
ls -l "$out/sfbulk"
echo "Published $out/sfbulk"
