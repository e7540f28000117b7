#!/usr/bin/env bash
# Installs the command-line tools the tests and CI need, from the package registries, into this
# folder (node_modules is git-ignored). Safe to run again: it only installs what is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# buf (lint, format and breaking-change checks of protos/) comes from the npm registry.
if [ ! -x "$here/node_modules/.bin/buf" ]; then
  # `npm install` rather than `npm ci`: the lock file records only this platform's optional buf binary.
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error --no-save)
fi

# Debian packages the tests call: openssl (certificate and CMS interop tests), unzip (checks the
# packed NuGet packages), systemd (systemd-analyze verify checks the node's unit files).
apt_install() {
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null
  fi
}
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi
