#!/usr/bin/env bash
# Runs the MariaDB server of a site made by bin/bench-site.sh in the foreground, on the site's
# private socket: the one command line both the site script and a test that restarts the database
# mid-load (tests/reliability) use.
#
#   bin/support/mariadbd.sh SITE_DIR
set -euo pipefail
site="$(cd "${1:?usage: bin/support/mariadbd.sh SITE_DIR}" && pwd)"
run="$site/run"
# Its own temporary folder: a cleaner of /tmp must not pull files from under a running statement.
mkdir -p "$run/tmp"
exec mariadbd --no-defaults --datadir="$site/mysql" --socket="$run/mysqld.sock" --skip-networking \
  --pid-file="$run/mysqld.pid" --log-error="$site/mariadb.log" --user="$(id -un)" --tmpdir="$run/tmp" \
  --innodb-buffer-pool-size=1G --max-connections=500 2>>"$site/mariadb.log"
