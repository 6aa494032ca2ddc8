#!/usr/bin/env bash
# The consumer test: what a user gets from the packages. Packs everything into artifacts/packages, restores the
# sample test project samples/EmulatorTests from that folder only for the SfBulk packages (its own nuget.config; no
# project references), builds it and runs its tests against the packaged emulator, then installs the sfbulk tool
# from the folder and runs `sfbulk --version` and `sfbulk demo`.
# Ends with "# pass N" and "# fail N": the sample's tests plus one check per step.
# Usage: eng/consumer-test.sh [--no-build]     (--no-build: pack the Release build eng/test.sh just made)
set -uo pipefail
cd "$(dirname "$0")/.."

work="artifacts/consumer"
log_dir="artifacts/test-logs"
mkdir -p "$log_dir"
rm -rf "$work" samples/EmulatorTests/bin samples/EmulatorTests/obj
mkdir -p "$work"
pass=0
fail=0

check() {  # check <name> <command...>: runs a step, prints ok / not ok
  local name="$1"
  shift
  if "$@" > "$work/step.log" 2>&1; then
    echo "ok - $name"
    pass=$((pass + 1))
    return 0
  fi
  echo "not ok - $name"
  tail -n 30 "$work/step.log" | sed 's/^/  # /'
  fail=$((fail + 1))
  return 1
}

finish() {
  echo "# pass $pass"
  echo "# fail $fail"
  [ "$fail" -eq 0 ]
  exit $?
}

if ! eng/pack.sh "$@" > "$work/pack.log" 2>&1; then
  echo "not ok - pack"
  tail -n 30 "$work/pack.log" | sed 's/^/  # /'
  fail=$((fail + 1))
  finish
fi
version="$(tail -n 1 "$work/pack.log")"
echo "ok - pack SfBulk, SfBulk.Emulator and SfBulk.Cli $version"
pass=$((pass + 1))

# What the package pages show: licence, readme, links, release notes; and the symbol packages beside them.
for id in SfBulk SfBulk.Emulator SfBulk.Cli; do
  check "$id $version: licence, readme, project and repository URLs, release notes, XML docs, symbols" bash -c "
    nuspec=\$(unzip -p 'artifacts/packages/$id.$version.nupkg' '$id.nuspec') &&
    grep -q '<license type=\"expression\">MIT</license>' <<<\"\$nuspec\" &&
    grep -q '<readme>README.md</readme>' <<<\"\$nuspec\" &&
    grep -q '<projectUrl>https://' <<<\"\$nuspec\" &&
    grep -q '<repository type=\"git\" url=\"https://' <<<\"\$nuspec\" &&
    grep -q '<releaseNotes>' <<<\"\$nuspec\" &&
    grep -q '<tags>' <<<\"\$nuspec\" &&
    unzip -l 'artifacts/packages/$id.$version.nupkg' | grep -q ' README.md\$' &&
    { [ '$id' = SfBulk.Cli ] || unzip -l 'artifacts/packages/$id.$version.nupkg' | grep -q 'lib/net10.0/$id.xml'; } &&
    unzip -l 'artifacts/packages/$id.$version.snupkg' | grep -q '\.pdb\$'"
done

# A private package folder (so that no earlier SfBulk build is reused); third-party packages come from the machine's
# NuGet cache as a fallback folder, or from nuget.org.
packages="$PWD/$work/packages"
fallback="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
sample="samples/EmulatorTests"
check "restore the sample from the package folder" \
  dotnet restore "$sample" -p:SfBulkVersion="$version" --packages "$packages" -p:RestoreAdditionalProjectFallbackFolders="$fallback" || finish
check "the sample took SfBulk and SfBulk.Emulator $version as packages" \
  bash -c "grep -q '\"SfBulk/$version\": {' '$sample/obj/project.assets.json' && grep -q '\"SfBulk.Emulator/$version\": {' '$sample/obj/project.assets.json' && ! grep -q '\"type\": \"project\"' '$sample/obj/project.assets.json' && test -d '$packages/sfbulk/$version'" || finish
check "build the sample" dotnet build "$sample" -c Release --no-restore -p:SfBulkVersion="$version" --nologo || finish

dotnet test --project "$sample" -c Release --no-build > "$work/sample-test.log" 2>&1
sample_status=$?
sample_passed=$(grep -E '^\s+succeeded: [0-9]+' "$work/sample-test.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
sample_failed=$(grep -E '^\s+failed: [0-9]+' "$work/sample-test.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
sample_passed=${sample_passed:-0}
sample_failed=${sample_failed:-0}
if [ "$sample_status" -ne 0 ] && [ "$sample_failed" -eq 0 ]; then
  sample_failed=1
fi
if [ "$sample_failed" -ne 0 ] || [ "$sample_passed" -eq 0 ]; then
  grep -E "^failed|Assert|Exception" "$work/sample-test.log" | head -30 | sed 's/^/  # /'
  [ "$sample_passed" -eq 0 ] && [ "$sample_failed" -eq 0 ] && sample_failed=1
fi
if [ "$sample_failed" -eq 0 ]; then
  echo "ok - the sample's tests: $sample_passed passed"
else
  echo "not ok - the sample's tests: $sample_passed passed, $sample_failed failed"
fi
pass=$((pass + sample_passed))
fail=$((fail + sample_failed))

# The tool, from the package folder only.
cat > "$work/tool-nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="sfbulk-local" value="$PWD/artifacts/packages" />
  </packageSources>
</configuration>
CONFIG
check "dotnet tool install SfBulk.Cli --tool-path" \
  dotnet tool install SfBulk.Cli --version "$version" --tool-path "$work/tool" --configfile "$work/tool-nuget.config" || finish
check "sfbulk --version prints $version" bash -c "'$work/tool/sfbulk' --version | grep -qF '$version'"
check "sfbulk demo closes the job" bash -c "'$work/tool/sfbulk' demo --time-scale 600 | tee /dev/stderr | grep -q 'Closed'"
finish
