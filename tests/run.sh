#!/usr/bin/env bash
# The one command that runs every test: installs the tools the tests need, checks the contract with
# buf (lint and format), and runs `dotnet test` on the whole solution. Prints a closing line
# "Tests: N passed, N failed" over all test projects.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash tests/tools/install.sh
buf=tests/tools/node_modules/.bin/buf
echo "== buf lint"
"$buf" lint
echo "== buf format"
"$buf" format --diff --exit-code

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
