#!/usr/bin/env bash
# `php -l` on every PHP file of the project.
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
done < <(find . \( -path ./node_modules -o -path ./.cache -o -path ./build -o -path ./dist -o -path ./.git \) -prune -o -name '*.php' -print0)
echo "php -l: $count files checked"
exit $status
