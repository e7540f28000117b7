#!/usr/bin/env bash
# The benchmarks in one command (see bench/README.md):
#   bash bench/run.sh          the full run: installs Redis, RabbitMQ and NATS from Debian's packages,
#                              runs every system at P=C=8 and P=C=1 with 100,000 messages, then the
#                              node with 10 k, 100 k and 1 M envelopes pending. Writes report.md,
#                              scale.md, results.json and the charts to bench/results/latest; last,
#                              the store alone at P=C=1 (store-loop, printed).
#   bash bench/run.sh smoke    what CI runs: the node only, 2,000 messages and a 12,000 backlog, so
#                              the benchmark never rots; fails when a message is lost.
#   bash bench/run.sh soak     the soak run (issue 7), not part of full, smoke or CI: the node over
#                              mTLS, 200 follow streams, 200 msg/s for 10 minutes; writes soak.md,
#                              soak.json and soak.png. Extra options go through, e.g.
#                              bash bench/run.sh soak --duration 00:02:00 --rate 100
# Servers bind to 127.0.0.1, get a fresh data folder under $TMPDIR/skn-bench, and are stopped by
# process id when their part is done.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mode="${1:-full}"
bench() { dotnet run -c Release --project bench/Skn.Bench -- "$@"; }

case "$mode" in
  smoke)
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
    bench mailbox --smoke --out "$out"
    bench scale --pending 12000 --out "$out"
    bench store-loop --messages 2000
    ;;
  full)
    bash bench/install-peers.sh
    bench mailbox --out bench/results/latest
    bench scale --out bench/results/latest
    bench store-loop --messages 20000
    ;;
  soak)
    bench soak --out bench/results/latest "${@:2}"
    ;;
  *)
    echo "usage: bash bench/run.sh [full|smoke|soak [options]]" >&2
    exit 2
    ;;
esac
