#!/usr/bin/env bash
# Installs the Debian packages kops needs to build, test and run the local cloud.
# Idempotent: does nothing (beyond a dpkg query) when everything is there.
set -euo pipefail
PKGS=(build-essential cmake pkg-config git python3 python3-yaml
      libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
      libcurl4-openssl-dev libcpp-httplib-dev libssl-dev
      libgtest-dev libgmock-dev libbenchmark-dev
      etcd-server etcd-client haproxy time bc)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Tools that may come from another package source already (e.g. Node.js with its own npm,
# a kubectl package): installed from Debian only when the command is missing.
command -v npm >/dev/null || missing+=(nodejs npm)
command -v kubectl >/dev/null || missing+=(kubernetes-client)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
