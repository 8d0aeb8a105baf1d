#!/usr/bin/env bash
# Runs a WordPress multisite network (subdirectories, or subdomains of `localhost` with
# --subdomains) as processes this script owns: MariaDB on a private socket and PHP's web server on
# loopback, installed with WP-CLI (`core multisite-install`). The plugin is copied in but NOT
# activated: the tests activate it network-wide or per site themselves. Stops both on exit.
#
#   bin/network-site.sh NAME [--port N] [--subdomains]
#
# Prints "KEYSTONE_SITE_READY <url>" when the network's main site answers and writes
# .cache/sites/NAME/url and .cache/sites/NAME/wp (a shell line that runs WP-CLI on it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:?usage: bin/network-site.sh NAME [--port N] [--subdomains]}"
shift
port=""
subdomains=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --subdomains) subdomains=1; shift ;;
    --fresh) shift ;;
    *) echo "network-site.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$port" ] || port=$(bash "$root/bin/free-port.sh")

wp_cli="$root/../shared/tools/wp-cli.phar"
if [ ! -f "$wp_cli" ]; then
  echo "network-site.sh: WP-CLI is expected at ../shared/tools/wp-cli.phar (see ENVIRONMENT)" >&2
  exit 2
fi
site="$root/.cache/sites/$name"
web="$site/wordpress"
data="$site/mysql"
run="$site/run"
# Subdomain networks need names below one host: `*.localhost` resolves to loopback without any
# hosts file (RFC 6761), in Chromium and in Node alike.
if [ "$subdomains" = 1 ]; then host="localhost"; else host="127.0.0.1"; fi
url="http://$host:$port"

bash "$root/bin/fetch-wordpress.sh"

pids=()
stop() {
  for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM

rm -rf "$site"
mkdir -p "$site" "$run/tmp"
cp -r "$root/.cache/wordpress" "$web"
# A copy, not a link: the uninstall test must never reach the working tree.
mkdir -p "$web/wp-content/plugins/keystone-oidc"
for part in keystone-oidc.php uninstall.php readme.txt includes build languages assets; do
  [ -e "$root/$part" ] && cp -r "$root/$part" "$web/wp-content/plugins/keystone-oidc/"
done

# The network's constants, added to the same wp-config.php the other sites use once the network's
# tables exist (WP-CLI's --skip-config: our wp-config.php has no marker for it to write at).
network="$run/network.php"
cat >"$network" <<PHP
<?php
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', $( [ "$subdomains" = 1 ] && echo true || echo false ) );
define( 'DOMAIN_CURRENT_SITE', '$host:$port' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );
define( 'COOKIE_DOMAIN', false );
PHP
php "$root/bin/support/write-wp-config.php" "$web/wp-config.php" "$run/mysqld.sock" "$site/debug.log" "$url"
cp "$root/tests/multisite/support/router.php" "$site/router.php"

mariadb-install-db --no-defaults --datadir="$data" --auth-root-authentication-method=normal \
  --skip-test-db --user="$(id -un)" --tmpdir="$run/tmp" >"$site/mariadb-install.log" 2>&1
mariadbd --no-defaults --datadir="$data" --socket="$run/mysqld.sock" --skip-networking \
  --pid-file="$run/mysqld.pid" --log-error="$site/mariadb.log" --user="$(id -un)" --tmpdir="$run/tmp" \
  --innodb-buffer-pool-size=128M --max-connections=200 2>>"$site/mariadb.log" &
pids+=($!)
for _ in $(seq 1 100); do
  [ -S "$run/mysqld.sock" ] && break
  sleep 0.1
done
mariadb --no-defaults --socket="$run/mysqld.sock" -uroot -e 'CREATE DATABASE IF NOT EXISTS wordpress'

wp() { php -d error_reporting=24575 "$wp_cli" --allow-root --path="$web" "$@"; }
flags=()
[ "$subdomains" = 1 ] && flags+=(--subdomains)
wp core multisite-install --url="$url" --title="Keystone Network" --admin_user=admin \
  --admin_password=password --admin_email=admin@example.test --skip-email --skip-config "${flags[@]}" >/dev/null
php "$root/bin/support/write-wp-config.php" "$web/wp-config.php" "$run/mysqld.sock" "$site/debug.log" "$url" "$url" "$network"
wp rewrite structure '/%postname%/' --url="$url" >/dev/null
printf 'php -d error_reporting=24575 %q --allow-root --path=%q' "$wp_cli" "$web" >"$site/wp"

PHP_CLI_SERVER_WORKERS="${KEYSTONE_PHP_WORKERS:-4}" php -d display_errors=0 -d log_errors=1 \
  -d error_log="$site/php-error.log" -S "127.0.0.1:$port" -t "$web" "$site/router.php" \
  >"$site/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  if curl -fs -o /dev/null "$url/wp-login.php"; then break; fi
  sleep 0.1
done
echo "$url" >"$site/url"
echo "KEYSTONE_SITE_READY $url"
wait -n "${pids[@]}"
