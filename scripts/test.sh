#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what it needs (Debian
# packages, npm test tools), builds, and runs every test with CTest, whose summary
# ("N% tests passed, M tests failed out of T") closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ -f tests/tools/package.json ]; then
  (cd tests/tools && npm install --no-audit --no-fund --loglevel=error >/dev/null) ||
    echo "warning: npm install in tests/tools failed; tests needing those tools will be skipped" >&2
fi
bash scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600 "$@"
