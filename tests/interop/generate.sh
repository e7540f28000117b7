#!/usr/bin/env bash
# Generates the Python stubs the interop tests use into the folder given as $1 (a temp folder: the
# generated code is never committed). Only stock generators: Debian's protoc and grpc_python_plugin.
#   skn/v1/*_pb2.py, *_pb2_grpc.py     from this repository's protos/ (the contract, as a vendor gets it)
#   stock_grpc/{health,reflection}/... from Debian's grpc-proto: health v1, reflection v1 and v1alpha
# The stock protos are mapped under "stock_grpc/" because their own path, grpc/..., would make a
# Python package named "grpc" that hides the grpcio runtime itself; the proto packages, and so the
# service names on the wire (grpc.reflection.v1.ServerReflection, ...), stay what they are.
set -euo pipefail
out="${1:?usage: generate.sh OUTPUT_FOLDER}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
plugin=(--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin)
mkdir -p "$out"

# -I/usr/include finds the well-known types (libprotobuf-dev); their Python modules come with
# python3-protobuf, so only the contract's own files are generated.
(cd "$root/protos" && protoc -I. -I/usr/include --python_out="$out" --grpc_out="$out" "${plugin[@]}" skn/v1/*.proto)

stock=/usr/share/grpc-proto/grpc
protoc -Istock_grpc="$stock" --python_out="$out" --grpc_out="$out" "${plugin[@]}" \
  stock_grpc/health/v1/health.proto \
  stock_grpc/reflection/v1/reflection.proto \
  stock_grpc/reflection/v1alpha/reflection.proto
