#!/usr/bin/env bash
# Publishes the node as a self-contained linux-x64 build (no .NET installation needed on the
# server) with its systemd units, ready to copy to /opt/skn. Usage:
#   bash src/Skn.Node/deploy/publish.sh [output folder]     (default: src/Skn.Node/bin/publish/linux-x64)
# Then see docs/production.md, "Install or upgrade".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$here/../Skn.Node.csproj"
out="${1:-$here/../bin/publish/linux-x64}"

# Not single-file: SQLite's native library and the appsettings.json the operator may read stay
# plain files beside the binary, and a patch release replaces the folder as a whole.
dotnet publish "$project" -c Release -r linux-x64 --self-contained true -o "$out" --nologo -v quiet

mkdir -p "$out/deploy" "$out/docs"
cp "$here/skn-node.service" "$here/skn-backup.service" "$here/skn-backup.timer" "$out/deploy/"
# The units' Documentation= points here.
cp "$here/../../../docs/production.md" "$out/docs/"
echo "Published to $out: run $out/Skn.Node; systemd units in $out/deploy/."
