#!/usr/bin/env bash
# Installs what the Python vendor and the stock-tool probes need, all from Debian's own packages, so
# the interop tests prove the contract works with parts nobody in this project wrote:
#   python3-grpcio, python3-protobuf   the gRPC runtime and protobuf for /usr/bin/python3
#   protobuf-compiler, libprotobuf-dev protoc and the well-known types (timestamp, duration, descriptor)
#   protobuf-compiler-grpc             grpc_python_plugin, the stub generator for services
#   grpc-proto                         the official health and reflection (v1, v1alpha) protos
#   openssl                            CMS sealing and opening, as the SDK does it with .NET
# Debian's python3-grpc-tools is not used: its bundled protoc is too old for proto3 `optional`.
# Safe to run again: apt-get runs only when a package is missing, and says nothing otherwise.
set -euo pipefail

packages=(python3 python3-grpcio python3-protobuf protobuf-compiler libprotobuf-dev protobuf-compiler-grpc grpc-proto openssl)
missing=()
for package in "${packages[@]}"; do
  # dpkg-query rather than `command -v`: several of these are libraries or data with no command.
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing from Debian: ${missing[*]}"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
