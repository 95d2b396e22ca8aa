#!/bin/sh
# Installs the Node test tools (s3rver) into tests/tools/node_modules.
# The s3 end-to-end test skips, saying so, when they are not installed.
set -eu
cd "$(dirname "$0")"
exec npm install --no-audit --no-fund --omit=dev "$@"
