#!/usr/bin/env bash
# Runs a WordPress site with the plugin active, as processes this script owns: MariaDB on a private
# socket and PHP's web server on loopback. Stops both on exit or Ctrl-C.
#
#   bin/site.sh NAME [--port N] [--fresh] [--no-plugin] [--copy-plugin] [--test-plugins]
#
# NAME keeps sites apart (.cache/sites/NAME): `dev` for npm start, others for tests, so several
# run at once. --fresh starts from an empty database. --no-plugin leaves the plugin out (for tests
# that upload the release zip); --copy-plugin installs a copy of the runtime files instead of a
# link to the working tree (for tests that delete the plugin through the admin). --test-plugins adds the must-use plugins tests steer the site with
# (tests/e2e/support/mu-plugins: a movable clock, a mail catcher). When the site answers, the script prints
# "KEYSTONE_SITE_READY <url>" and writes .cache/sites/NAME/url.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:?usage: bin/site.sh NAME [--port N] [--fresh]}"
shift
port=""
fresh=0
with_plugin=1
copy_plugin=0
test_plugins=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --no-plugin) with_plugin=0; shift ;;
    --copy-plugin) copy_plugin=1; shift ;;
    --test-plugins) test_plugins=1; shift ;;
    *) echo "site.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$port" ]; then
  if [ "$name" = dev ]; then port="${PORT:-8080}"; else port=$(bash "$root/bin/free-port.sh"); fi
fi

site="$root/.cache/sites/$name"
core="$root/.cache/wordpress"
web="$site/wordpress"
data="$site/mysql"
run="$site/run"
url="http://127.0.0.1:$port"

bash "$root/bin/fetch-wordpress.sh"

pids=()
stop() {
  # PHP's web server with PHP_CLI_SERVER_WORKERS forks workers that outlive their parent when it
  # is killed alone: they would keep the port and pile up run after run.
  for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM

if [ "$fresh" = 1 ]; then rm -rf "$site"; fi
mkdir -p "$site" "$run"
rm -f "$site/url"

if [ ! -f "$web/wp-load.php" ]; then
  rm -rf "$web"
  cp -r "$core" "$web"
fi
# The plugin is the working tree itself, linked in, so edits and builds show at once.
plugin_dir="$web/wp-content/plugins/keystone-oidc"
if [ "$with_plugin" = 1 ] && [ "$copy_plugin" = 1 ]; then
  rm -rf "$plugin_dir"
  mkdir -p "$plugin_dir"
  for part in keystone-oidc.php uninstall.php readme.txt includes build languages assets; do
    [ -e "$root/$part" ] && cp -r "$root/$part" "$plugin_dir/"
  done
elif [ "$with_plugin" = 1 ]; then
  [ -L "$plugin_dir" ] || rm -rf "$plugin_dir"
  ln -sfn "$root" "$plugin_dir"
fi
if [ "$test_plugins" = 1 ] && [ -d "$root/tests/e2e/support/mu-plugins" ]; then
  mkdir -p "$web/wp-content/mu-plugins"
  for file in "$root"/tests/e2e/support/mu-plugins/*.php; do
    [ -e "$file" ] && ln -sfn "$file" "$web/wp-content/mu-plugins/$(basename "$file")"
  done
fi
php "$root/bin/support/write-wp-config.php" "$web/wp-config.php" "$run/mysqld.sock" "$site/debug.log" "$url"
cp "$root/bin/support/router.php" "$site/router.php"

# A temporary folder of the site's own: sites installed side by side (tests start several) would
# otherwise clash over the same temporary table files in /tmp.
mkdir -p "$run/tmp"
if [ ! -d "$data/mysql" ]; then
  rm -rf "$data"
  mariadb-install-db --no-defaults --datadir="$data" --auth-root-authentication-method=normal \
    --skip-test-db --user="$(id -un)" --tmpdir="$run/tmp" >"$site/mariadb-install.log" 2>&1
fi
rm -f "$run/mysqld.sock"
mariadbd --no-defaults --datadir="$data" --socket="$run/mysqld.sock" --skip-networking \
  --pid-file="$run/mysqld.pid" --log-error="$site/mariadb.log" --user="$(id -un)" --tmpdir="$run/tmp" \
  --innodb-buffer-pool-size=256M --max-connections=500 2>>"$site/mariadb.log" &
pids+=($!)
for _ in $(seq 1 100); do
  [ -S "$run/mysqld.sock" ] && break
  sleep 0.1
done
mariadb --no-defaults --socket="$run/mysqld.sock" -uroot -e 'CREATE DATABASE IF NOT EXISTS wordpress'

php "$root/bin/support/install-wordpress.php" "$web" "$url" "$with_plugin"

PHP_CLI_SERVER_WORKERS="${KEYSTONE_PHP_WORKERS:-8}" php -d display_errors=0 -d log_errors=1 \
  -d error_log="$site/php-error.log" -S "127.0.0.1:$port" -t "$web" "$site/router.php" \
  >"$site/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  if curl -fs -o /dev/null "$url/wp-login.php"; then break; fi
  sleep 0.1
done
echo "$url" >"$site/url"

echo "KEYSTONE_SITE_READY $url"
if [ "$name" = dev ]; then
  cat <<MSG

  Keystone OIDC is running.
    Site:           $url/
    Admin login:    $url/wp-login.php   (admin / password)
    OIDC Provider:  $url/wp-admin/admin.php?page=keystone-oidc
    Discovery:      $url/.well-known/openid-configuration

  Press Ctrl-C to stop.
MSG
fi
wait -n "${pids[@]}"
