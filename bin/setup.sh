#!/usr/bin/env bash
# Installs what the project needs and skips what is already there: Debian packages, npm packages,
# the build and the WordPress core. Safe to run before every start and test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

apt_packages=(
  php-cli php-fpm php-mysql php-curl php-mbstring php-xml php-gd php-intl php-gmp
  mariadb-server nginx phpunit chromium zip unzip curl ca-certificates procps
  apache2 libapache2-mod-auth-openidc python3-authlib python3-requests python3-flask
  libapache2-mod-php redis-server php-redis openssl php-codesniffer php-excimer
)
missing=()
for pkg in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

stamp=build/.stamp
if [ ! -f "$stamp" ] || [ -n "$(find src webpack.config.js tsconfig.json package-lock.json -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "setup: building the screens"
  npx wp-scripts build >/dev/null
  touch "$stamp"
fi
# The translation template follows the build and the PHP strings (bin/make-pot.sh).
pot=languages/keystone-oidc.pot
if [ ! -f "$pot" ] || [ "$stamp" -nt "$pot" ] || [ -n "$(find includes keystone-oidc.php -newer "$pot" -print -quit 2>/dev/null)" ]; then
  bash bin/make-pot.sh
fi

bash bin/fetch-wordpress.sh
