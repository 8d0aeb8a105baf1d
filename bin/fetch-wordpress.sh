#!/usr/bin/env bash
# Fetches WordPress core from Debian's trixie-security suite into .cache/wordpress, without
# installing anything system-wide: a private apt state reads the mirror URIs this machine's own
# apt sources already use, so no host name lives in the project.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.cache/wordpress"
suite="${KEYSTONE_WP_SUITE:-trixie-security}"

if [ -f "$dest/wp-includes/version.php" ]; then
  exit 0
fi

work="$root/.cache/apt-wordpress"
rm -rf "$work"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/root"

# The first URI of the sources that carry the security suite, else the main archive's.
uris=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
uris="$uris $(grep -ho '^deb[^ ]* [^ ]*' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' || true)"
security_uri=$(tr ' ' '\n' <<<"$uris" | grep -- '-security' | head -n1 || true)
main_uri=$(tr ' ' '\n' <<<"$uris" | grep -v -- '-security' | grep . | head -n1 || true)
if [ -z "$main_uri" ]; then
  echo "fetch-wordpress: no Debian apt source found on this machine" >&2
  exit 1
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
{
  if [ -n "$security_uri" ]; then
    echo "deb [signed-by=$keyring] $security_uri $suite main"
  fi
  echo "deb [signed-by=$keyring] $main_uri ${suite%-security} main"
} >"$work/sources.list"

apt_opts=(
  -o "Dir::Etc::sourcelist=$work/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "Dir::State::status=/dev/null"
  -o "Debug::NoLocking=1"
  -o "APT::Get::List-Cleanup=0"
  -o "APT::Sandbox::User=root"
)
apt-get "${apt_opts[@]}" -qq update

# WordPress symlinks some of its files into these packages.
packages=(wordpress wordpress-theme-twentytwentyfive)
for name in $(apt-cache "${apt_opts[@]}" depends wordpress 2>/dev/null | awk '/Depends:/{print $2}' | tr -d '<>' | grep -E '^(libjs-|libphp-|php-getid3)' | sort -u); do
  packages+=("$name")
done
(cd "$work/debs" && apt-get "${apt_opts[@]}" -qq download "${packages[@]}")
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$work/root"
done

rm -rf "$dest.tmp"
mkdir -p "$(dirname "$dest")"
# Dereference links into the other packages; drop links that point outside what was unpacked.
(cd "$work/root" && find usr/share/wordpress -xtype l -lname '/*' | while read -r link; do
  target=$(readlink "$link")
  if [ -e "$work/root$target" ]; then
    rm "$link"
    ln -s "$work/root$target" "$link"
  fi
done)
cp -rL "$work/root/usr/share/wordpress" "$dest.tmp"
if [ -d "$work/root/usr/share/wordpress/wp-content/themes" ] && [ -z "$(ls -A "$dest.tmp/wp-content/themes" 2>/dev/null)" ]; then
  mkdir -p "$dest.tmp/wp-content/themes"
  cp -rL "$work/root/usr/share/wordpress/wp-content/themes/." "$dest.tmp/wp-content/themes/"
fi
find "$dest.tmp" -xtype l -delete
rm -f "$dest.tmp/wp-config.php"
mv "$dest.tmp" "$dest"
rm -rf "$work"
echo "fetch-wordpress: WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$dest/wp-includes/version.php") in .cache/wordpress"
