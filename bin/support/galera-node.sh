#!/usr/bin/env bash
# Runs one node of the scale-out site's MariaDB Galera cluster (bin/scaleout-site.sh) in the
# foreground: the one command line both the site script and a test that kills and restarts a node
# (tests/scaleout) use. The ports come from SITE_DIR/galera.env, written by the site script.
#
#   bin/support/galera-node.sh SITE_DIR N [--bootstrap]
#
# --bootstrap starts a new cluster (the first node of a fresh site); any other start joins the
# nodes that are up, by IST when their write-set cache still holds what this node missed, by SST
# (rsync, or mariabackup where rsync is missing) otherwise.
set -euo pipefail
site="$(cd "${1:?usage: galera-node.sh SITE_DIR N [--bootstrap]}" && pwd)"
n="${2:?usage: galera-node.sh SITE_DIR N [--bootstrap]}"
bootstrap=()
[ "${3:-}" = "--bootstrap" ] && bootstrap=(--wsrep-new-cluster)
# shellcheck source=/dev/null
. "$site/galera.env"
node="$site/db$n"
mkdir -p "$node/tmp" "$node/data"
# The rsync SST daemon drops root's rights (to nobody): as root, the joiner's data folder must be
# nobody's for the transfer to write into it (mariadbd, as root, reads and writes it either way).
if [ "$(id -u)" = 0 ]; then chown -R nobody:nogroup "$node/data"; fi
var() { eval "echo \"\${$1$n}\""; }
innodb=(--innodb-buffer-pool-size=64M --innodb-log-file-size=16M)
# A node that crashed left no position in grastate.dat (seqno -1): recovered from InnoDB, as
# Debian's galera_recovery does, it rejoins by IST (only what it missed) instead of a full SST.
start=()
if [ ${#bootstrap[@]} -eq 0 ] && grep -q '^seqno: *-1' "$node/data/grastate.dat" 2>/dev/null; then
  mariadbd --no-defaults --datadir="$node/data" --user="$(id -un)" --tmpdir="$node/tmp" "${innodb[@]}" \
    --skip-networking --socket="$node/recover.sock" --log-error="$node/recover.log" \
    --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-cluster-address="gcomm://$CLUSTER" \
    --binlog-format=ROW --wsrep-recover >/dev/null 2>&1 || true
  position=$(sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$node/recover.log" 2>/dev/null | tail -n 1 || true)
  if [ -n "$position" ] && [ "${position#*:}" != "-1" ]; then start=(--wsrep-start-position="$position"); fi
  if [ "$(id -u)" = 0 ]; then chown -R nobody:nogroup "$node/data"; fi
fi
sst=rsync
command -v rsync >/dev/null || sst=mariabackup
exec mariadbd --no-defaults --datadir="$node/data" --socket="$node/mysqld.sock" \
  --port="$(var SQL_PORT)" --bind-address=127.0.0.1 \
  --pid-file="$node/mysqld.pid" --log-error="$node/mariadb.log" --user="$(id -un)" --tmpdir="$node/tmp" \
  "${innodb[@]}" --max-connections=200 \
  --binlog-format=ROW --innodb-autoinc-lock-mode=2 --default-storage-engine=InnoDB \
  --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so \
  --wsrep-cluster-name=keystone --wsrep-cluster-address="gcomm://$CLUSTER" \
  --wsrep-node-name="node$n" --wsrep-node-address="127.0.0.1:$(var GCOMM_PORT)" \
  --wsrep-node-incoming-address="127.0.0.1:$(var SQL_PORT)" \
  --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(var GCOMM_PORT);ist.recv_addr=127.0.0.1:$(var IST_PORT);gcache.size=64M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT4S" \
  --wsrep-sst-method="$sst" --wsrep-sst-receive-address="127.0.0.1:$(var SST_PORT)" \
  --wsrep-slave-threads=2 \
  "${bootstrap[@]}" "${start[@]}" 2>>"$node/mariadb.log"
