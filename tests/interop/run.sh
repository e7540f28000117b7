#!/usr/bin/env bash
# The interop tests in one command: a Python vendor and stock gRPC tools against a real node.
#   1. installs Debian's gRPC, protobuf, protoc and grpc-proto packages when missing (install.sh);
#   2. generates Python stubs from protos/ and the stock health/reflection protos into a temp folder;
#   3. builds the node (Release) and starts it on a fresh temp data folder and a free port, so it
#      writes its own development CA, certificates and demo registry there;
#   4. runs tests/interop/test_*.py with /usr/bin/python3 (Debian's, which has python3-grpcio;
#      the python3 on PATH may be another interpreter) and stops the node by its process id.
# Exits non-zero when anything fails. SKN_INTEROP_COUNTS=FILE receives "passed failed" for
# tests/run.sh's closing line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
started=$SECONDS

bash "$here/install.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/skn-interop.XXXXXX")"
node_pid=""
stop_node() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill "$node_pid"
    wait "$node_pid" 2>/dev/null || true
  fi
  node_pid=""
}
trap 'stop_node; rm -rf "$work"' EXIT

echo "== interop: Python stubs from protos/ and Debian's grpc-proto"
bash "$here/generate.sh" "$work/stubs"

echo "== interop: build the node (Release)"
dotnet build "$root/src/Skn.Node" -c Release --nologo -v quiet -clp:ErrorsOnly

echo "== interop: start the node on a fresh data folder and a free port"
bin="$root/src/Skn.Node/bin/Release/net10.0"
# Started from its output folder, so it reads the appsettings.json beside it; Port=0 lets the
# kernel pick a free port, which the node logs once it listens.
(cd "$bin" && exec ./Skn.Node --Skn:DataDirectory="$work/data" --Skn:Port=0) >"$work/node.log" 2>&1 &
node_pid=$!
address=""
for _ in $(seq 1 600); do
  address=$(grep -oE 'Skn node listening on https://[0-9.]+:[0-9]+' "$work/node.log" | head -n 1 | sed 's#.*https://##' || true)
  [ -n "$address" ] && break
  if ! kill -0 "$node_pid" 2>/dev/null; then
    echo "the node stopped before it listened:"; cat "$work/node.log"; exit 1
  fi
  sleep 0.1
done
if [ -z "$address" ]; then
  echo "the node did not start listening within 60 s:"; cat "$work/node.log"; exit 1
fi
echo "node $node_pid listening on $address, data in $work/data"

echo "== interop: Python vendor, reflection and health tests"
set +e
# Every call in the tests has its own deadline; this ceiling only keeps a hang from stalling CI.
SKN_NODE="$address" SKN_CERTS="$work/data/certs" SKN_STUBS="$work/stubs" timeout 300 /usr/bin/python3 "$here/run_tests.py"
status=$?
set -e

stop_node
# As the .NET integration tests do: an error the node logged fails the run, even when every client
# call looked fine (a client that leaves its streams half-done shows up here, not in the tests).
if grep -qE '^[0-9T:.-]+ (fail|crit): ' "$work/node.log"; then
  echo "== interop: the node logged errors:"
  grep -E '^[0-9T:.-]+ (fail|crit): ' "$work/node.log" | cut -c1-400
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "== interop: FAILED; the end of the node's log:"
  tail -n 30 "$work/node.log" | cut -c1-400
fi
echo "== interop: done in $((SECONDS - started)) s"
exit "$status"
