#!/usr/bin/env bash
# PHP lint: `php -l` on every PHP file, phpcs with the project's ruleset (phpcs.xml.dist) with zero
# errors and zero warnings, and the PHP floor check (the three places that state the lowest PHP
# agree, and every file the plugin ships compiles on that PHP).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0

count=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  if ! out=$(php -l "$file" 2>&1); then
    echo "$out"
    status=1
  fi
done < <(find . \( -path ./node_modules -o -path ./.cache -o -path ./build -o -path ./dist -o -path ./vendor -o -path ./.git \) -prune -o -name '*.php' -print0)
echo "php -l: $count files checked"

if ! command -v phpcs >/dev/null; then
  echo "lint-php: phpcs is missing: run \`npm run setup\` (Debian package php-codesniffer)" >&2
  exit 1
fi
# Warnings fail the run as errors do, whatever a user-level phpcs config says.
if phpcs --standard=phpcs.xml.dist --error-severity=1 --warning-severity=1 \
  --runtime-set ignore_warnings_on_exit 0 --runtime-set ignore_errors_on_exit 0 \
  --no-colors --report=full --report-summary -q; then
  echo "phpcs: no errors, no warnings"
else
  echo "phpcs: fix the above; phpcbf fixes those marked [x]: phpcbf --standard=phpcs.xml.dist" >&2
  status=1
fi

if ! node --import tsx scripts/php-floor/check.ts; then
  status=1
fi
exit $status
