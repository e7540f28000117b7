#!/usr/bin/env bash
# The one command that runs every test: installs the tools the tests need, checks the contract with
# buf (lint, format, and no breaking change against the last released contract), and runs
# `dotnet test` on the whole solution. Prints a closing line "Tests: N passed, N failed" over all
# test projects.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash tests/tools/install.sh
buf=tests/tools/node_modules/.bin/buf
echo "== buf lint"
"$buf" lint
echo "== buf format"
"$buf" format --diff --exit-code
# The last released contract is kept as a buf image in the repository (see README, "Contract
# stability"), so the check needs no git history and works on a shallow clone.
echo "== buf breaking (against the last released contract, protos/baseline/skn-v1.binpb)"
"$buf" breaking --against protos/baseline/skn-v1.binpb

echo "== dotnet pack (the SDK, the packages it depends on, and the skn tool)"
packages="$(mktemp -d)"
for project in src/Skn.Contracts src/Skn.Domain src/Skn.Certificates sdk/Skn.Sdk; do
  dotnet pack "$project" -c Release -o "$packages" --nologo -v quiet
done
for package in Skn.Contracts Skn.Domain Skn.Certificates Skn.Sdk; do
  nupkg=$(ls "$packages"/$package.[0-9]*.nupkg)
  # Every package ships its XML docs; the SDK also its README (the quick start on nuget.org).
  # (The listing is read whole: `grep -q` on a pipe would break it under pipefail.)
  listing=$(unzip -l "$nupkg")
  grep -q "lib/net10.0/$package.xml" <<<"$listing" || { echo "$nupkg lacks $package.xml"; exit 1; }
  if [ "$package" = Skn.Sdk ]; then
    grep -q " README.md" <<<"$listing" || { echo "$nupkg lacks README.md"; exit 1; }
  fi
done
# The skn tool installs from its package, as a user would, and runs.
dotnet pack sdk/Skn.Cli -c Release -o "$packages" --nologo -v quiet
dotnet tool install --tool-path "$packages/tool" --add-source "$packages" Skn.Cli >/dev/null
"$packages/tool/skn" --help >/dev/null
ls "$packages"
rm -rf "$packages"

echo "== benchmark smoke (the node only, small N; the full run is bash bench/run.sh)"
bash bench/run.sh smoke

echo "== dotnet test"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test Skn.Grpc.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# VSTest prints one summary per test project; add them up into one closing line.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
