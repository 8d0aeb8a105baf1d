#!/usr/bin/env bash
# Writes languages/keystone-oidc.pot, the template translators start from, with WP-CLI's
# `wp i18n make-pot`: the PHP strings from includes/ and the screens' strings from the built
# scripts in build/ (run after `wp-scripts build`). The built files are what WordPress loads, so
# their paths are the ones `wp i18n make-json` turns into the names of the JS translation files.
#
#   bin/make-pot.sh [OUTPUT]
#
# WP-CLI is the phar in ../shared/tools (as bin/test.sh finds it), or the one WP_CLI_PHAR names.
# Without it the build goes on and says so; `npm run plugin-zip` then refuses to build a zip
# that would ship no template.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
output="${1:-$root/languages/keystone-oidc.pot}"
phar="${WP_CLI_PHAR:-$root/../shared/tools/wp-cli.phar}"
if [ ! -f "$phar" ]; then
  echo "make-pot: $phar is missing: languages/keystone-oidc.pot was not written." >&2
  exit 0
fi
if [ ! -d "$root/build" ]; then
  echo "make-pot: build/ is missing: run wp-scripts build first." >&2
  exit 1
fi
allow_root=()
if [ "$(id -u)" = 0 ]; then allow_root=(--allow-root); fi
cd "$root"
# Only the shipped code: the scanner walks everything else too unless it is excluded.
php "$phar" i18n make-pot . "$output" "${allow_root[@]}" --quiet \
  --slug=keystone-oidc --domain=keystone-oidc \
  --exclude=node_modules,.cache,src,tests,bin,scripts,artifacts,test-results,playwright-report,dist,languages,docs \
  --headers='{"Report-Msgid-Bugs-To":"https://github.com/wenisch-tech/keystone-oidc/issues"}'
