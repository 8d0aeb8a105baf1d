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
# database socket is .cache/sites/NAME/run/mysqld.sock. The nginx + php-fpm host of
# bin/host-site.sh, with the benchmark's settings.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="bench"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  name="$1"
  shift
fi
exec bash "$root/bin/host-site.sh" "$name" --host nginx --production \
  --mu-plugins "$root/tests/bench/mu-plugins" "$@"
