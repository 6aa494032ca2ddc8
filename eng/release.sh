#!/usr/bin/env bash
# Builds a release into artifacts/release/: the NuGet packages (SfBulk, SfBulk.Emulator, the SfBulk.Cli tool, with
# their .snupkg symbols), the NativeAOT sfbulk binary for this machine's platform (sfbulk-<version>-<rid>.tar.gz) and
# SHA256SUMS over all of them. The version is the latest git tag vX.Y.Z (MinVer); tag first for a real release:
#   git tag v1.0.0 && eng/release.sh
# Usage: eng/release.sh [runtime-id]     (default: this machine's RID)
set -euo pipefail
cd "$(dirname "$0")/.."

rid="${1:-$(dotnet --info | awk '/RID:/ {print $2; exit}')}"
out="artifacts/release"
rm -rf "$out"
mkdir -p "$out"

echo "==> Packages"
version="$(eng/pack.sh -p:ContinuousIntegrationBuild=true | tail -n 1)"
cp artifacts/packages/*.nupkg artifacts/packages/*.snupkg "$out/"

echo "==> NativeAOT binary ($rid)"
eng/publish-aot.sh "artifacts/aot/$rid" "$rid" > /dev/null
binary="sfbulk-$version-$rid"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/$binary"
cp "artifacts/aot/$rid/sfbulk" "$staging/$binary/"
cp README.md CHANGELOG.md "$staging/$binary/"
# Reproducible archive: fixed order, owner and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' -C "$staging" -czf "$out/$binary.tar.gz" "$binary"

echo "==> Checksums"
(cd "$out" && sha256sum -- *.nupkg *.snupkg *.tar.gz > SHA256SUMS)
cat "$out/SHA256SUMS"
echo "Release $version in $out (verify: cd $out && sha256sum -c SHA256SUMS)"
