#!/usr/bin/env bash
# Runs the plugin scaled out, as big WordPress sites run it, on loopback, as foreground processes
# this script owns: a 3-node MariaDB Galera cluster (bin/support/galera-node.sh), 3 web nodes
# (each its own php-fpm pool behind nginx, on its own port, same WordPress files and wp-config.php)
# each talking to a different Galera node, and one Redis with the Redis Object Cache drop-in from
# ../shared/fixtures shared by every web node. The shared cache can be switched off while the site
# runs (the file run/no-shared-cache: each request then keeps its objects to itself), so one site
# serves both variants. Always starts from an empty database. Stops everything on exit or Ctrl-C.
#
#   bin/scaleout-site.sh [NAME] [--workers N]
#
# When the site answers on every node, prints "KEYSTONE_SCALEOUT_READY <url1> <url2> <url3>" and
# writes .cache/sites/NAME/urls. Node N's database socket is .cache/sites/NAME/dbN/mysqld.sock;
# its pid file dbN/mysqld.pid (a test kills it and starts it again with galera-node.sh); Redis's
# socket run/redis.sock, its pid file run/redis.pid.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="scaleout"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  name="$1"
  shift
fi
workers=2
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    *) echo "scaleout-site.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
nodes=3
site="$root/.cache/sites/$name"
core="$root/.cache/wordpress"
web="$site/wordpress"
run="$site/run"
redis_fixture="$root/../shared/fixtures/redis-object-cache.php"
if [ ! -f "$redis_fixture" ]; then
  echo "scaleout-site.sh: $redis_fixture is missing (the Redis object cache drop-in lives in ../shared/fixtures)" >&2
  exit 1
fi
if [ ! -f /usr/lib/galera/libgalera_smm.so ]; then
  echo "scaleout-site.sh: no Galera provider (bin/scaleout-setup.sh installs galera-4)" >&2
  exit 1
fi
fpm=$(command -v php-fpm8.2 || command -v php-fpm || ls /usr/sbin/php-fpm* 2>/dev/null | tail -n 1)
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

bash "$root/bin/fetch-wordpress.sh"

pids=()
stop() {
  trap '' INT TERM
  # Web nodes first, then Redis, then the database nodes (a node that stops last would otherwise
  # be the only one whose state is safe to bootstrap from: nothing here is kept, so any order
  # works, but each must have exited before the folder goes).
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for n in $(seq 1 "$nodes"); do
    if [ -f "$site/db$n/mysqld.pid" ]; then kill "$(cat "$site/db$n/mysqld.pid")" 2>/dev/null || true; fi
  done
  if [ -f "$run/redis.pid" ]; then kill "$(cat "$run/redis.pid")" 2>/dev/null || true; fi
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 100); do
    alive=0
    for n in $(seq 1 "$nodes"); do
      if [ -f "$site/db$n/mysqld.pid" ] && kill -0 "$(cat "$site/db$n/mysqld.pid")" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
}
trap stop EXIT
trap 'exit 130' INT TERM

# shellcheck source=bin/support/render.sh
. "$root/bin/support/render.sh"

rm -rf "$site"
mkdir -p "$run"

# Ports: SQL, group communication, IST and SST per node.
env_file="$site/galera.env"
: >"$env_file"
cluster=""
for n in $(seq 1 "$nodes"); do
  for kind in SQL_PORT GCOMM_PORT IST_PORT SST_PORT; do
    echo "$kind$n=$(bash "$root/bin/free-port.sh")" >>"$env_file"
  done
done
# shellcheck source=/dev/null
. "$env_file"
for n in $(seq 1 "$nodes"); do
  port_var="GCOMM_PORT$n"
  cluster="$cluster${cluster:+,}127.0.0.1:${!port_var}"
done
echo "CLUSTER=$cluster" >>"$env_file"

# The first node starts the cluster; the others join it one at a time (state transfer by rsync).
mkdir -p "$site/db1/tmp"
mariadb-install-db --no-defaults --datadir="$site/db1/data" --auth-root-authentication-method=normal \
  --skip-test-db --user="$(id -un)" --tmpdir="$site/db1/tmp" >"$site/mariadb-install.log" 2>&1
wait_synced() {
  local sock="$site/db$1/mysqld.sock"
  for _ in $(seq 1 600); do
    state=$(mariadb --no-defaults --socket="$sock" -uroot -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}' || true)
    [ "$state" = Synced ] && return 0
    sleep 0.1
  done
  echo "scaleout-site.sh: node $1 did not reach Synced; see $site/db$1/mariadb.log" >&2
  exit 1
}
bash "$root/bin/support/galera-node.sh" "$site" 1 --bootstrap &
pids+=($!)
wait_synced 1
mariadb --no-defaults --socket="$site/db1/mysqld.sock" -uroot -e 'CREATE DATABASE IF NOT EXISTS wordpress'
for n in $(seq 2 "$nodes"); do
  mkdir -p "$site/db$n/data"
  bash "$root/bin/support/galera-node.sh" "$site" "$n" &
  pids+=($!)
  wait_synced "$n"
done

redis-server --port 0 --unixsocket "$run/redis.sock" --unixsocketperm 777 --save '' --appendonly no \
  --daemonize no --dir "$run" --pidfile "$run/redis.pid" --logfile "$site/redis.log" &
pids+=($!)
for _ in $(seq 1 100); do
  [ -S "$run/redis.sock" ] && break
  sleep 0.1
done

# The web nodes' ports; node 1's URL is the site's home URL (the issuer), as behind a load balancer
# every node answers for the one public name.
ports=()
for n in $(seq 1 "$nodes"); do ports+=("$(bash "$root/bin/free-port.sh")"); done
url="http://127.0.0.1:${ports[0]}"

cp -r "$core" "$web"
plugin_dir="$web/wp-content/plugins/keystone-oidc"
mkdir -p "$plugin_dir" "$web/wp-content/mu-plugins"
for part in keystone-oidc.php uninstall.php readme.txt includes build languages assets; do
  [ -e "$root/$part" ] && cp -r "$root/$part" "$plugin_dir/"
done
cp "$root"/tests/bench/mu-plugins/*.php "$web/wp-content/mu-plugins/"
cp "$redis_fixture" "$web/wp-content/object-cache.php"

extra="$run/wp-config-extra.php"
cat >"$extra" <<PHP
// One wp-config.php for every web node: each php-fpm pool names its own Galera node.
\$keystone_db_socket = getenv( 'KEYSTONE_DB_SOCKET' );
define( 'KEYSTONE_OIDC_GALERA', true );
define( 'WP_REDIS_SCHEME', 'unix' );
define( 'WP_REDIS_PATH', '$run/redis.sock' );
define( 'WP_REDIS_PREFIX', '$name' );
define( 'WP_REDIS_GRACEFUL', true );
define( 'WP_REDIS_TIMEOUT', 0.5 );
define( 'WP_REDIS_READ_TIMEOUT', 0.5 );
// The variant without a shared object cache, switched while the site runs.
define( 'WP_REDIS_DISABLED', is_file( '$run/no-shared-cache' ) );
PHP
php "$root/bin/support/write-wp-config.php" "$web/wp-config.php" "$site/db1/mysqld.sock" "$site/debug.log" "$url" "$url" "$extra"
# DB_HOST from the pool's node (node 1 for command-line PHP), production settings as the benchmark's.
sed -i \
  -e "s#^define( 'DB_HOST', .*#define( 'DB_HOST', 'localhost:' . ( getenv( 'KEYSTONE_DB_SOCKET' ) ?: '$site/db1/mysqld.sock' ) );#" \
  -e "s/define( 'WP_DEBUG', true );/define( 'WP_DEBUG', false );/" \
  -e "s/define( 'DISABLE_WP_CRON', false );/define( 'DISABLE_WP_CRON', true );/" \
  "$web/wp-config.php"
KEYSTONE_DB_SOCKET="$site/db1/mysqld.sock" php "$root/bin/support/install-wordpress.php" "$web" "$url" 1 pretty

fpm_user=""
fpm_flags=()
nginx_user=""
if [ "$(id -u)" = 0 ]; then
  fpm_user="user = root
group = root"
  fpm_flags+=(-R)
  nginx_user="user root root;"
fi
servers=""
for n in $(seq 1 "$nodes"); do
  node_run="$run/web$n"
  mkdir -p "$node_run"
  R_RUN="$node_run" R_SITE="$site" R_WORKERS="$workers" R_USER_LINE="$fpm_user" \
    render "$root/bin/support/php-fpm.conf.template" "$node_run/php-fpm.conf"
  KEYSTONE_DB_SOCKET="$site/db$n/mysqld.sock" "$fpm" -F -y "$node_run/php-fpm.conf" "${fpm_flags[@]}" \
    -d opcache.enable=1 -d opcache.memory_consumption=64 -d opcache.interned_strings_buffer=8 \
    -d opcache.max_accelerated_files=20000 -d opcache.validate_timestamps=0 \
    >>"$site/php-fpm.log" 2>&1 &
  pids+=($!)
  servers="$servers
	server {
		listen 127.0.0.1:${ports[$((n - 1))]};
		server_name 127.0.0.1;
		root $web;
		index index.php;
		absolute_redirect off;
		location / {
			try_files \$uri \$uri/ /index.php?\$args;
		}
		location ~ \\.php\$ {
			try_files \$uri =404;
			include /etc/nginx/fastcgi_params;
			fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
			fastcgi_param HTTP_PROXY \"\";
			fastcgi_param HTTP_HOST \$host:\$server_port;
			fastcgi_buffer_size 64k;
			fastcgi_buffers 16 64k;
			fastcgi_pass unix:$node_run/php-fpm.sock;
		}
	}"
done
cat >"$run/nginx.conf" <<NGINX
$nginx_user
worker_processes 1;
pid $run/nginx.pid;
error_log $site/nginx-error.log warn;
events { worker_connections 1024; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	keepalive_timeout 65;
	keepalive_requests 100000;
	client_body_temp_path $run/nginx-body;
	fastcgi_temp_path $run/nginx-fastcgi;
	proxy_temp_path $run/nginx-proxy;
	uwsgi_temp_path $run/nginx-uwsgi;
	scgi_temp_path $run/nginx-scgi;
$servers
}
NGINX
"$nginx_bin" -p "$run" -e "$site/nginx-error.log" -c "$run/nginx.conf" -g 'daemon off;' >>"$site/nginx-error.log" 2>&1 &
pids+=($!)

urls=()
for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/wp-login.php" && break
    sleep 0.1
  done
  if ! curl -fs -o /dev/null "http://127.0.0.1:$port/wp-login.php"; then
    echo "scaleout-site.sh: web node on port $port did not answer; see $site/*.log" >&2
    exit 1
  fi
  urls+=("http://127.0.0.1:$port")
done
echo "${urls[*]}" >"$site/urls"
echo "KEYSTONE_SCALEOUT_READY ${urls[*]}"
# Until stopped: the web server and the nodes a test kills and restarts are watched by the test.
wait "${pids[-1]}"
