#!/usr/bin/env bash
# Runs a WordPress site with the plugin the way a given kind of host serves it, as foreground
# processes this script owns: MariaDB on a private socket, the web server (nginx or Apache 2.4)
# and PHP (php-fpm or mod_php) on loopback, optionally Redis as the object cache and an nginx
# terminating TLS in front. Always starts from an empty database with a copy of the plugin's
# runtime files. Stops everything on exit or Ctrl-C.
#
#   bin/host-site.sh [NAME] [--host KIND] [--tls [CA_DIR]] [--subdir] [--redis]
#                    [--permalinks pretty|plain] [--no-htaccess] [--port N] [--workers N]
#                    [--plugin-dir DIR] [--mu-plugins DIR] [--production] [--front-of OTHER]
#
# KIND is one of
#   nginx          nginx + php-fpm, `try_files $uri $uri/ /index.php?$args` (the default);
#   apache-modphp  Apache 2.4 (mpm_prefork) + mod_php, with the .htaccess WordPress writes itself;
#   apache-fpm     Apache 2.4 (mpm_event) + php-fpm through mod_proxy_fcgi, same .htaccess.
# --tls puts nginx in front, terminating HTTPS with a certificate signed by the test CA in CA_DIR
# (ca.pem and ca.key; made in the site's folder when not given) and forwarding plain HTTP with
# X-Forwarded-Proto, which wp-config.php reads as WordPress documents. --subdir installs WordPress
# at /blog with its core in /blog/wp ("Giving WordPress its own directory": home ≠ siteurl).
# --redis runs redis-server on a unix socket and installs the Redis object cache drop-in from
# ../shared/fixtures. --permalinks plain keeps WordPress's default permalink setting;
# --no-htaccess leaves Apache without any .htaccess (AllowOverride None), as a host without
# mod_rewrite rules. --production turns WP_DEBUG and WP-Cron off (the benchmark's setting).
# --front-of OTHER adds a second web server to the running site OTHER (nginx only): its own nginx
# and php-fpm on another port, serving OTHER's files and wp-config.php against OTHER's database,
# as two servers behind a load balancer do.
# The site lives as long as its web server: the database may be stopped and started again
# (bin/support/mariadbd.sh) by whoever tests an outage.
# When the site answers, prints "KEYSTONE_SITE_READY <home url>" and writes .cache/sites/NAME/url
# (the home URL) and .cache/sites/NAME/siteurl (where wp-login.php and wp-admin are); the database
# socket is .cache/sites/NAME/run/mysqld.sock.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="host"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  name="$1"
  shift
fi
host="nginx"
tls=0
ca_dir=""
subdir=0
redis=0
permalinks="pretty"
htaccess=1
port=""
workers=4
plugin_source="$root"
mu_plugins=""
production=0
front_of=""
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host="$2"; shift 2 ;;
    --tls)
      tls=1
      if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then ca_dir="$(cd "$2" && pwd)"; shift; fi
      shift ;;
    --subdir) subdir=1; shift ;;
    --redis) redis=1; shift ;;
    --permalinks) permalinks="$2"; shift 2 ;;
    --no-htaccess) htaccess=0; shift ;;
    --port) port="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --plugin-dir) plugin_source="$(cd "$2" && pwd)"; shift 2 ;;
    --mu-plugins) mu_plugins="$(cd "$2" && pwd)"; shift 2 ;;
    --production) production=1; shift ;;
    --front-of) front_of="$2"; shift 2 ;;
    # Every site this script makes is fresh; accepted so callers of bin/site.sh can call it too.
    --fresh) shift ;;
    *) echo "host-site.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$host" in
  nginx | apache-modphp | apache-fpm) ;;
  *) echo "host-site.sh: unknown host kind $host (nginx, apache-modphp, apache-fpm)" >&2; exit 2 ;;
esac
case "$permalinks" in
  pretty | plain) ;;
  *) echo "host-site.sh: --permalinks is pretty or plain" >&2; exit 2 ;;
esac
if [ -n "$front_of" ] && [ "$host" != nginx ]; then
  echo "host-site.sh: --front-of is for nginx sites" >&2
  exit 2
fi

# The port clients use; with TLS in front, the web server behind it gets a port of its own.
[ -n "$port" ] || port=$(bash "$root/bin/free-port.sh")
backend_port="$port"
scheme="http"
if [ "$tls" = 1 ]; then
  backend_port=$(bash "$root/bin/free-port.sh")
  scheme="https"
fi
# home_path: where the site's home is below the document root; core_path: where WordPress's own
# files are (siteurl).
home_path=""
core_path=""
if [ "$subdir" = 1 ]; then
  home_path="/blog"
  core_path="/blog/wp"
fi

site="$root/.cache/sites/$name"
core="$root/.cache/wordpress"
web="$site/wordpress"
run="$site/run"
if [ -n "$front_of" ]; then
  web="$root/.cache/sites/$front_of/wordpress"
  if [ ! -f "$web/wp-config.php" ]; then
    echo "host-site.sh: no site $front_of to add a web server to" >&2
    exit 1
  fi
fi
abspath="$web$core_path"
url="$scheme://127.0.0.1:$port$home_path"
siteurl="$scheme://127.0.0.1:$port$core_path"

fpm=""
if [ "$host" != apache-modphp ]; then
  fpm=$(command -v php-fpm8.2 || command -v php-fpm || true)
  if [ -z "$fpm" ]; then
    for candidate in /usr/sbin/php-fpm*; do
      [ -x "$candidate" ] && fpm="$candidate"
    done
  fi
  if [ -z "$fpm" ]; then
    echo "host-site.sh: php-fpm not found (bin/setup.sh installs it)" >&2
    exit 1
  fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
apache_bin=$(command -v apache2 || echo /usr/sbin/apache2)
apache_modules=/usr/lib/apache2/modules
redis_fixture="$root/../shared/fixtures/redis-object-cache.php"
if [ "$redis" = 1 ] && [ ! -f "$redis_fixture" ]; then
  echo "host-site.sh: $redis_fixture is missing (the Redis object cache drop-in lives in ../shared/fixtures)" >&2
  exit 1
fi

bash "$root/bin/fetch-wordpress.sh"

pids=()
web_pids=()
elsewhere=""
stop() {
  # Apache's prefork MPM stops by signalling its whole process group, this script included: that
  # second TERM must not cut the wait below short.
  trap '' INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # Until each has really exited (MariaDB still writes its buffer pool dump while shutting down):
  # whoever removes the site's folder next must find nothing writing into it.
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  if [ -n "$elsewhere" ]; then rm -rf "$elsewhere"; fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# shellcheck source=bin/support/render.sh
. "$root/bin/support/render.sh"
rm -rf "$site"
# Apache refuses to serve as root, so its workers run as www-data, which must reach the site's
# files: where the clone lives below a folder www-data cannot enter (root's home, say), the site
# lives in a folder of its own under /tmp instead, .cache/sites/NAME points to it, and it goes
# when the site stops.
elsewhere=""
if [ "$(id -u)" = 0 ] && [ "$host" != nginx ] && ! runuser -u www-data -- test -x "$root/.cache/wordpress"; then
  elsewhere=$(mktemp -d /tmp/keystone-site-XXXXXX)
  chmod 755 "$elsewhere"
  mkdir -p "$(dirname "$site")"
  ln -s "$elsewhere" "$site"
  site="$elsewhere"
  web="$site/wordpress"
  run="$site/run"
  abspath="$web$core_path"
fi
export R_RUN="$run" R_SITE="$site" R_WEB="$web" R_PORT="$backend_port" R_WORKERS="$workers"
mkdir -p "$run"
# A second web server finds the files, the configuration and the database already there.
if [ -z "$front_of" ]; then
  mkdir -p "$(dirname "$abspath")"
  cp -r "$core" "$abspath"
  if [ "$subdir" = 1 ]; then
    # The home folder's front controller loads WordPress from its own folder, as the handbook's
    # "Giving WordPress its own directory" says.
    sed "s#/wp-blog-header.php#/${core_path#"$home_path"/}/wp-blog-header.php#" "$core/index.php" >"$web$home_path/index.php"
  fi

  plugin_dir="$abspath/wp-content/plugins/keystone-oidc"
  mkdir -p "$plugin_dir"
  for part in keystone-oidc.php uninstall.php readme.txt includes admin build languages assets; do
    [ -e "$plugin_source/$part" ] && cp -r "$plugin_source/$part" "$plugin_dir/"
  done
  if [ -n "$mu_plugins" ]; then
    mkdir -p "$abspath/wp-content/mu-plugins"
    cp "$mu_plugins"/*.php "$abspath/wp-content/mu-plugins/"
  fi

  # Lines a host adds to wp-config.php above "That's all, stop editing!".
  extra="$run/wp-config-extra.php"
  : >"$extra"
  if [ "$tls" = 1 ]; then
    cat >>"$extra" <<'PHP'
// Behind a proxy that terminates HTTPS: WordPress's documented wp-config.php lines
// (Administration Over SSL), so is_ssl() and every URL it builds say https.
if ( isset( $_SERVER['HTTP_X_FORWARDED_PROTO'] ) && false !== strpos( $_SERVER['HTTP_X_FORWARDED_PROTO'], 'https' ) ) {
	$_SERVER['HTTPS'] = 'on';
}
define( 'FORCE_SSL_ADMIN', true );
PHP
  fi
  if [ "$redis" = 1 ]; then
    cat >>"$extra" <<PHP
define( 'WP_REDIS_SCHEME', 'unix' );
define( 'WP_REDIS_PATH', '$run/redis.sock' );
define( 'WP_REDIS_PREFIX', '$name' );
PHP
  fi
  php "$root/bin/support/write-wp-config.php" "$abspath/wp-config.php" "$run/mysqld.sock" "$site/debug.log" "$url" "$siteurl" "$extra"
  if [ "$production" = 1 ]; then
    # Production settings: no debug mode, and no WP-Cron spawning loopback requests mid-batch.
    sed -i \
      -e "s/define( 'WP_DEBUG', true );/define( 'WP_DEBUG', false );/" \
      -e "s/define( 'DISABLE_WP_CRON', false );/define( 'DISABLE_WP_CRON', true );/" \
      "$abspath/wp-config.php"
  fi

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

  if [ "$redis" = 1 ]; then
    redis-server --port 0 --unixsocket "$run/redis.sock" --unixsocketperm 777 --save '' \
      --appendonly no --daemonize no --dir "$run" --logfile "$site/redis.log" &
    pids+=($!)
    for _ in $(seq 1 100); do
      [ -S "$run/redis.sock" ] && break
      sleep 0.1
    done
    # Copied at run time, never committed: the drop-in is a third party's file.
    cp "$redis_fixture" "$abspath/wp-content/object-cache.php"
  fi

  server_software=""
  if [ "$host" != nginx ] && [ "$htaccess" = 1 ]; then server_software="Apache"; fi
  KEYSTONE_SERVER_SOFTWARE="$server_software" \
    php "$root/bin/support/install-wordpress.php" "$abspath" "$url" 1 "$permalinks"
  if [ "$host" != nginx ] && [ "$htaccess" = 1 ] && [ ! -f "$web$home_path/.htaccess" ]; then
    echo "host-site.sh: WordPress wrote no .htaccess" >&2
    exit 1
  fi
  if [ "$host" != nginx ] && [ "$htaccess" = 0 ]; then rm -f "$web$home_path/.htaccess"; fi
fi

# Workers run as the invoking user; as root, php-fpm needs -R and nginx a `user` line. Apache
# refuses to serve as root, so its workers (and mod_php with them) run as www-data, which must
# reach the database socket and write the site's logs.
fpm_user=""
fpm_flags=()
nginx_user=""
apache_user=""
if [ "$(id -u)" = 0 ]; then
  fpm_user="user = root
group = root"
  fpm_flags+=(-R)
  nginx_user="user root root;"
  apache_user="User www-data
Group www-data"
  if [ "$host" = apache-modphp ]; then
    touch "$site/debug.log" "$site/php-error.log"
    chown www-data:www-data "$site/debug.log" "$site/php-error.log"
  fi
fi
if [ "$host" = apache-fpm ]; then
  # Apache's workers (www-data) connect to php-fpm's socket.
  fpm_user="$fpm_user
listen.mode = 0666"
fi

if [ -n "$fpm" ]; then
  R_USER_LINE="$fpm_user" render "$root/bin/support/php-fpm.conf.template" "$run/php-fpm.conf"
  "$fpm" -F -y "$run/php-fpm.conf" "${fpm_flags[@]}" \
    -d opcache.enable=1 -d opcache.memory_consumption=128 -d opcache.interned_strings_buffer=16 \
    -d opcache.max_accelerated_files=20000 -d opcache.validate_timestamps=0 \
    >>"$site/php-fpm.log" 2>&1 &
  pids+=($!)
  web_pids+=($!)
fi

if [ "$host" = nginx ]; then
  # Behind the TLS proxy the Host header (with the public port) comes from the proxy as it is.
  host_header='$host:$server_port'
  [ "$tls" = 1 ] && host_header='$http_host'
  R_USER_LINE="$nginx_user" R_FRONT="$home_path/index.php" R_HOST_HEADER="$host_header" \
    render "$root/bin/support/nginx.conf.template" "$run/nginx.conf"
  "$nginx_bin" -p "$run" -e "$site/nginx-error.log" -c "$run/nginx.conf" -g 'daemon off;' \
    >>"$site/nginx-error.log" 2>&1 &
  pids+=($!)
  web_pids+=($!)
else
  if [ "$host" = apache-modphp ]; then
    mpm="prefork"
    php_handler="LoadModule php_module $apache_modules/libphp8.2.so
<FilesMatch \"\\.php\$\">
	SetHandler application/x-httpd-php
</FilesMatch>
php_admin_value error_log $site/php-error.log
php_admin_flag log_errors on
php_admin_flag display_errors off
php_admin_value memory_limit 256M"
  else
    mpm="event"
    php_handler="LoadModule proxy_module $apache_modules/mod_proxy.so
LoadModule proxy_fcgi_module $apache_modules/mod_proxy_fcgi.so
<FilesMatch \"\\.php\$\">
	SetHandler \"proxy:unix:$run/php-fpm.sock|fcgi://localhost\"
</FilesMatch>"
  fi
  allow_override="All"
  [ "$htaccess" = 1 ] || allow_override="None"
  R_USER_LINE="$apache_user" R_MPM="$mpm" R_MODULES="$apache_modules" R_PHP="$php_handler" \
    R_ALLOW_OVERRIDE="$allow_override" render "$root/bin/support/apache.conf.template" "$run/apache.conf"
  "$apache_bin" -f "$run/apache.conf" -DFOREGROUND >>"$site/apache-error.log" 2>&1 &
  pids+=($!)
  web_pids+=($!)
fi

if [ "$tls" = 1 ]; then
  tls_dir="$site/tls"
  mkdir -p "$tls_dir"
  if [ -z "$ca_dir" ]; then
    ca_dir="$tls_dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
      -subj "/CN=Keystone OIDC test CA" -keyout "$ca_dir/ca.key" -out "$ca_dir/ca.pem" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  fi
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$tls_dir/server.key" -out "$tls_dir/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' >"$tls_dir/server.ext"
  openssl x509 -req -in "$tls_dir/server.csr" -CA "$ca_dir/ca.pem" -CAkey "$ca_dir/ca.key" \
    -CAcreateserial -CAserial "$tls_dir/ca.srl" -days 2 -extfile "$tls_dir/server.ext" -out "$tls_dir/server.pem" 2>/dev/null
  mkdir -p "$run/proxy"
  R_RUN="$run/proxy" R_USER_LINE="$nginx_user" R_PORT="$port" R_BACKEND_PORT="$backend_port" R_TLS="$tls_dir" \
    render "$root/bin/support/tls-proxy.conf.template" "$run/proxy/nginx.conf"
  "$nginx_bin" -p "$run/proxy" -e "$site/tls-proxy-error.log" -c "$run/proxy/nginx.conf" -g 'daemon off;' \
    >>"$site/tls-proxy-error.log" 2>&1 &
  pids+=($!)
  web_pids+=($!)
fi

curl_flags=(-fs -o /dev/null)
[ "$tls" = 1 ] && curl_flags+=(--cacert "$ca_dir/ca.pem")
for _ in $(seq 1 100); do
  if curl "${curl_flags[@]}" "$siteurl/wp-login.php"; then break; fi
  sleep 0.1
done
if ! curl "${curl_flags[@]}" "$siteurl/wp-login.php"; then
  echo "host-site.sh: the site did not answer; see $site/*.log" >&2
  exit 1
fi
echo "$url" >"$site/url"
echo "$siteurl" >"$site/siteurl"
echo "KEYSTONE_SITE_READY $url"
wait -n "${web_pids[@]}"
