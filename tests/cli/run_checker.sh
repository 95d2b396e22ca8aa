#!/usr/bin/env bash
# Runs one of ../shared/tools' fixture checkers; exits 77 (skipped) when the shared
# folder is not beside this checkout.
checker="$1"; shift
if [ ! -x "$checker" ]; then
  echo "skipped: $checker not found (shared/ is not beside this checkout)"
  exit 77
fi
exec "$checker" "$@"
