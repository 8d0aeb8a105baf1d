#!/usr/bin/env bash
# Every check the project has, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$1"; }
step "typecheck";        npm run --silent typecheck
step "lint (TypeScript)"; npm run --silent lint:js
step "lint (PHP)";       npm run --silent lint:php
step "unit (TypeScript)"; bash bin/test-unit.sh
step "unit (PHP)";       npm run --silent test:php
step "end to end";       npm run --silent test:e2e
step "end to end (site-wide changes, alone)"; E2E_SITE_WIDE=1 npm run --silent test:e2e
