#!/usr/bin/env bash
# Installs what the scale-out suite (tests/scaleout, bin/scaleout-site.sh) needs beyond
# bin/setup.sh: the Galera provider, and a state transfer method for a node that rejoins (rsync,
# or mariabackup where rsync cannot be had). Skips what is already there, as bin/setup.sh does.
set -euo pipefail
wanted=(galera-4 rsync)
missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "scaleout-setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  if ! DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    # Without rsync, a rejoining node is sent its state by mariabackup instead.
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends galera-4 mariadb-backup >/dev/null
  fi
fi
