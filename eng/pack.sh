#!/usr/bin/env bash
# Packs the shipped packages (SfBulk, SfBulk.Emulator, the SfBulk.Cli tool; each with its .snupkg symbols) into
# artifacts/packages and fails on any warning. The version comes from the latest git tag vX.Y.Z (MinVer); with no tag
# it is 0.1.0-alpha.0.<commits>. Prints the version as its last line.
# Usage: eng/pack.sh [--no-build]        (--no-build: reuse a Release build of the same commit, as eng/test.sh does)
set -euo pipefail
cd "$(dirname "$0")/.."

out="artifacts/packages"
log_dir="artifacts/logs"
mkdir -p "$log_dir"
rm -rf "$out"
for project in src/SfBulk src/SfBulk.Emulator src/SfBulk.Cli; do
  name="$(basename "$project")"
  if ! dotnet pack "$project" -c Release --nologo "$@" > "$log_dir/pack-$name.log" 2>&1; then
    grep -E "error" "$log_dir/pack-$name.log" | sort -u | head -20
    echo "dotnet pack $project failed; see $log_dir/pack-$name.log"
    exit 1
  fi
  if grep -qE "warning [A-Z]+[0-9]+|: warning" "$log_dir/pack-$name.log"; then
    grep -E "warning" "$log_dir/pack-$name.log" | sort -u
    echo "dotnet pack $project printed warnings; see $log_dir/pack-$name.log"
    exit 1
  fi
done

version="$(ls "$out" | sed -n 's/^SfBulk\.\([0-9][^a-zA-Z]*\.[0-9][^/]*\)\.nupkg$/\1/p' | head -n 1)"
[ -n "$version" ] || { echo "No SfBulk package in $out"; exit 1; }
ls -1 "$out"
echo "$version"
