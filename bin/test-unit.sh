#!/usr/bin/env bash
# TypeScript unit tests on node's own test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find tests/unit -name '*.test.ts' | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "test-unit: no unit tests found" >&2
  exit 1
fi
exec node --import tsx --test --test-reporter=spec "${files[@]}"
