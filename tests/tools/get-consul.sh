#!/usr/bin/env bash
# Prints the path of a real `consul` binary for the Consul integration tests, obtaining it first when the machine has none.
# Consul is not in Debian's current release, but Debian bullseye ships it (package `consul`, 1.8.7, MPL-2.0; the HTTP API the
# gateway uses is unchanged since). The package is downloaded with apt-get under a private apt state — its own sources list
# naming bullseye on the mirror and keyring this machine already uses, its own lists and cache — so the machine's apt sources
# and package database are never touched, and nothing is installed: the binary is extracted with dpkg-deb and kept in
# ${XDG_CACHE_HOME:-~/.cache}/ocelotgateway/consul. Messages go to stderr; the path (only) to stdout. Exit status 1 when it
# cannot be had (no mirror configured, no network): the tests then report the real-agent cases as skipped.
set -euo pipefail

cache="${XDG_CACHE_HOME:-$HOME/.cache}/ocelotgateway"
binary="$cache/consul"
if [ -n "${CONSUL_BINARY:-}" ] && [ -x "$CONSUL_BINARY" ]; then echo "$CONSUL_BINARY"; exit 0; fi
if command -v consul >/dev/null 2>&1; then command -v consul; exit 0; fi
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

# The first Debian archive (not the security archive) and its keyring from the machine's sources, one-line or deb822 format.
mirror="" keyring=""
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -r "$file" ] || continue
  read -r mirror keyring < <(awk '
    /^[[:space:]]*#/ { next }
    /^[[:space:]]*$/ { if (uri != "") exit; next }
    $1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { u = $i; break }
                  if (u ~ /\/debian\/?$/) { if (match($0, /signed-by=[^] ]+/)) k = substr($0, RSTART + 10, RLENGTH - 10); print u, k; exit } u = ""; next }
    tolower($1) == "uris:" { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { uri = $i; break }; next }
    tolower($1) == "signed-by:" { key = $2; next }
    END { if (uri != "") print uri, key }' "$file") || true
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ]; then
  echo "get-consul: no Debian mirror in /etc/apt/sources.list*; cannot fetch Debian bullseye's consul package" >&2
  exit 1
fi
keyring="${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/sources.list.d" "$work/deb"
echo "deb [signed-by=$keyring] ${mirror%/} bullseye main" > "$work/sources.list"
apt_private=(
  -o "Dir::State=$work/state" -o "Dir::State::status=$work/state/status"
  -o "Dir::Cache=$work/cache"
  -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/sources.list.d"
  -o "APT::Sandbox::User=$(id -un)" -o "Acquire::Languages=none" -o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false" \
  -o "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false" -o "Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false" -q
)
touch "$work/state/status"
echo "get-consul: downloading Debian bullseye's consul package from ${mirror%/} (private apt state, nothing installed)" >&2
apt-get "${apt_private[@]}" update >&2
(cd "$work/deb" && apt-get "${apt_private[@]}" download consul >&2)
dpkg-deb -x "$work"/deb/consul_*.deb "$work/root"
mkdir -p "$cache"
install -m 0755 "$work/root/usr/bin/consul" "$binary.partial"
mv "$binary.partial" "$binary"
echo "get-consul: $("$binary" version | head -n 1) cached at $binary" >&2
echo "$binary"
