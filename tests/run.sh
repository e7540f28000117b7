#!/usr/bin/env bash
# The one command that runs every test: installs the tools the tests need, checks the contract with
# buf (lint, format, and no breaking change against the last released contract), runs the interop
# tests (a Python vendor and stock gRPC tools against a real node), and runs `dotnet test` on the
# whole solution. Prints a closing line "Tests: N passed, N failed" over all test projects and the
# interop tests.
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

log="$(mktemp)"
interop_counts="$(mktemp)"
trap 'rm -f "$log" "$interop_counts"' EXIT

# A failure here does not stop the run: dotnet test still runs, and the closing line and exit code
# report both.
echo "== interop (a Python vendor, stock reflection and health against a node: tests/interop/run.sh)"
set +e
SKN_INTEROP_COUNTS="$interop_counts" bash tests/interop/run.sh
interop_status=$?
set -e
# No counts means the run broke before its tests (install, build, start): one failure.
read -r interop_passed interop_failed <"$interop_counts" || { interop_passed=0; interop_failed=1; }

echo "== dotnet test"
set +e
dotnet test Skn.Grpc.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# VSTest prints one summary per test project; add them up, with the interop tests, into one closing line.
dotnet_passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
dotnet_failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: $((dotnet_passed + interop_passed)) passed, $((dotnet_failed + interop_failed)) failed"
if [ "$status" -ne 0 ] || [ "$interop_status" -ne 0 ] || [ "$dotnet_passed" -eq 0 ]; then
  exit 1
fi
