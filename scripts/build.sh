#!/usr/bin/env bash
# Configures and builds into ./build (the binary is build/kops). Release: -O2 without
# debug information (set KOPS_BUILD_TYPE=RelWithDebInfo for a debuggable build).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE="${KOPS_BUILD_TYPE:-Release}" >/dev/null
cmake --build build -j "$(nproc)"
