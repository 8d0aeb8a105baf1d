#!/usr/bin/env bash
# Runs the benchmark's WordPress as production runs it: nginx in front of a fixed pool of php-fpm
# workers with opcache on, MariaDB on a private socket, WP_DEBUG and WP-Cron off. Always starts
# from an empty database, with a copy of the plugin's runtime files and the benchmark's must-use
# plugins (tests/bench/mu-plugins). Stops everything on exit or Ctrl-C.
#
#   bin/bench-site.sh [NAME] [--port N] [--workers N] [--plugin-dir DIR] [--front-of OTHER]
#
# --plugin-dir benchmarks another copy of the plugin (a candidate change, an older release)
# instead of this working tree. --front-of OTHER adds a second web server to the running site
# OTHER: its own nginx and php-fpm on another port, serving OTHER's files and wp-config.php (same
# salts, same home URL) against OTHER's database, as two servers behind a load balancer do.
# The site lives as long as its web server: the database may be stopped and started again
# (bin/support/mariadbd.sh) by whoever tests an outage.
# When the site answers, prints "KEYSTONE_SITE_READY <url>" and writes .cache/sites/NAME/url; the
# database socket is .cache/sites/NAME/run/mysqld.sock.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="bench"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  name="$1"
  shift
fi
port=""
workers=4
plugin_source="$root"
front_of=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --plugin-dir) plugin_source="$(cd "$2" && pwd)"; shift 2 ;;
    --front-of) front_of="$2"; shift 2 ;;
    *) echo "bench-site.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$port" ] || port=$(bash "$root/bin/free-port.sh")

site="$root/.cache/sites/$name"
core="$root/.cache/wordpress"
web="$site/wordpress"
run="$site/run"
if [ -n "$front_of" ]; then
  web="$root/.cache/sites/$front_of/wordpress"
  if [ ! -f "$web/wp-config.php" ]; then
    echo "bench-site.sh: no site $front_of to add a web server to" >&2
    exit 1
  fi
fi
url="http://127.0.0.1:$port"
fpm=$(command -v php-fpm8.2 || command -v php-fpm || true)
if [ -z "$fpm" ]; then
  for candidate in /usr/sbin/php-fpm*; do
    [ -x "$candidate" ] && fpm="$candidate"
  done
fi
if [ -z "$fpm" ]; then
  echo "bench-site.sh: php-fpm not found (bin/setup.sh installs it)" >&2
  exit 1
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

bash "$root/bin/fetch-wordpress.sh"

pids=()
web_pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM

rm -rf "$site"
mkdir -p "$run"
# A second web server finds the files, the configuration and the database already there.
if [ -z "$front_of" ]; then
  cp -r "$core" "$web"

  plugin_dir="$web/wp-content/plugins/keystone-oidc"
  mkdir -p "$plugin_dir"
  for part in keystone-oidc.php uninstall.php readme.txt includes build languages assets; do
    [ -e "$plugin_source/$part" ] && cp -r "$plugin_source/$part" "$plugin_dir/"
  done
  mkdir -p "$web/wp-content/mu-plugins"
  cp "$root"/tests/bench/mu-plugins/*.php "$web/wp-content/mu-plugins/"

  php "$root/bin/support/write-wp-config.php" "$web/wp-config.php" "$run/mysqld.sock" "$site/debug.log" "$url"
  # Production settings: no debug mode, and no WP-Cron spawning loopback requests mid-batch.
  sed -i \
    -e "s/define( 'WP_DEBUG', true );/define( 'WP_DEBUG', false );/" \
    -e "s/define( 'DISABLE_WP_CRON', false );/define( 'DISABLE_WP_CRON', true );/" \
    "$web/wp-config.php"

  # Its own temporary folder: sites installed side by side must not clash over the same
  # temporary table files in /tmp.
  mkdir -p "$run/tmp"
  mariadb-install-db --no-defaults --datadir="$site/mysql" --auth-root-authentication-method=normal \
    --skip-test-db --user="$(id -un)" --tmpdir="$run/tmp" >"$site/mariadb-install.log" 2>&1
  bash "$root/bin/support/mariadbd.sh" "$site" &
  pids+=($!)
  for _ in $(seq 1 100); do
    [ -S "$run/mysqld.sock" ] && break
    sleep 0.1
  done
  mariadb --no-defaults --socket="$run/mysqld.sock" -uroot -e 'CREATE DATABASE IF NOT EXISTS wordpress'

  php "$root/bin/support/install-wordpress.php" "$web" "$url" 1
fi

# Workers run as the invoking user; as root, php-fpm needs -R and nginx a `user` line.
user_line=""
fpm_flags=()
nginx_user=""
if [ "$(id -u)" = 0 ]; then
  user_line="user = root
group = root"
  fpm_flags+=(-R)
  nginx_user="user root root;"
fi
render() {
  local template="$1" target="$2" user="$3"
  awk -v user="$user" -v run="$run" -v site="$site" -v web="$web" -v port="$port" -v workers="$workers" '
    { gsub(/@RUN@/, run); gsub(/@SITE@/, site); gsub(/@WEB@/, web); gsub(/@PORT@/, port); gsub(/@WORKERS@/, workers) }
    /^@USER_LINE@$/ { if (user != "") print user; next }
    { print }
  ' "$template" >"$target"
}
render "$root/bin/support/php-fpm.conf.template" "$run/php-fpm.conf" "$user_line"
render "$root/bin/support/nginx.conf.template" "$run/nginx.conf" "$nginx_user"

"$fpm" -F -y "$run/php-fpm.conf" "${fpm_flags[@]}" \
  -d opcache.enable=1 -d opcache.memory_consumption=128 -d opcache.interned_strings_buffer=16 \
  -d opcache.max_accelerated_files=20000 -d opcache.validate_timestamps=0 \
  >>"$site/php-fpm.log" 2>&1 &
pids+=($!)
web_pids+=($!)
"$nginx_bin" -p "$run" -e "$site/nginx-error.log" -c "$run/nginx.conf" -g 'daemon off;' \
  >>"$site/nginx-error.log" 2>&1 &
pids+=($!)
web_pids+=($!)
for _ in $(seq 1 100); do
  if curl -fs -o /dev/null "$url/wp-login.php"; then break; fi
  sleep 0.1
done
if ! curl -fs -o /dev/null "$url/wp-login.php"; then
  echo "bench-site.sh: the site did not answer; see $site/*.log" >&2
  exit 1
fi
echo "$url" >"$site/url"
echo "KEYSTONE_SITE_READY $url"
wait -n "${web_pids[@]}"
