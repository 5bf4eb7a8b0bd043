#!/bin/sh
# debian-root.sh: prints the path of a cached Debian 12 (bookworm) root for tests that need a fresh
# edge host (packaging's FreshHostIT), making it with debootstrap the first time. Needs root.
#
# The cache lives outside the clone, because CI starts from a fresh clone and debootstrap takes
# about a minute: $EDGE_DEBIAN_ROOT_CACHE, default /var/cache/serviceradar-edge. Tests never write
# into it: they mount an overlay on top. Rebuild it by deleting the folder this script prints.
#
# What a fresh host has, and no more: Debian's minbase with curl and ca-certificates (the one-liner
# is `curl ... | sh`) and iproute2 (setup.sh asks ss who holds the leaf's port). No Java. nats-server
# is not installed, but its package waits in the apt cache with current package lists, so install.sh's
# own `apt-get update && apt-get install nats-server` runs as on a real host, quickly, and still
# works when deb.debian.org cannot be reached (apt-get update then warns and keeps the cached lists).
set -eu

suite=bookworm
# Bump when what goes into the root changes: a new folder is made, the old one can be deleted.
recipe=1
cache=${EDGE_DEBIAN_ROOT_CACHE:-/var/cache/serviceradar-edge}
mirror=${EDGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$cache/debian-$suite-r$recipe

if [ -f "$root/.complete" ]; then
  printf '%s\n' "$root"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || {
  echo "debian-root.sh: making $root needs root (debootstrap, chroot)" >&2
  exit 1
}
command -v debootstrap >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
command -v debootstrap >/dev/null 2>&1 || {
  echo "debian-root.sh: debootstrap is missing: apt-get install debootstrap (scripts/test.sh does)" >&2
  exit 1
}

mkdir -p "$cache"
# One builder at a time; a second run waits, then finds the root complete.
exec 9>"$cache/.debian-$suite.lock"
flock 9
if [ -f "$root/.complete" ]; then
  printf '%s\n' "$root"
  exit 0
fi

# Built beside the cache's final name and renamed at the end: a run cut short leaves only a
# temporary folder, removed here or by the next run, never a half-made root under the final name.
rm -rf "$cache"/.building-debian-"$suite"-*
building=$(mktemp -d "$cache/.building-debian-$suite-r$recipe.XXXXXX")
# It becomes the host's /, which every user must be able to enter (mktemp made it 0700).
chmod 0755 "$building"
trap 'rm -rf "$building"' EXIT
started=$(date +%s)
echo "debian-root.sh: making a Debian $suite root in $root (once; about a minute)" >&2
debootstrap --variant=minbase --include=ca-certificates,curl,iproute2 "$suite" "$building" "$mirror" >&2
# debootstrap leaves the base system's packages in the apt cache: only nats-server's belong there.
chroot "$building" apt-get clean
chroot "$building" apt-get update -qq >&2
chroot "$building" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --download-only nats-server >&2
if chroot "$building" sh -c 'command -v java' >/dev/null 2>&1; then
  echo "debian-root.sh: java found in the new root: it must have none" >&2
  exit 1
fi
touch "$building/.complete"
rm -rf "$root"
mv "$building" "$root"
trap - EXIT
echo "debian-root.sh: made $root in $(($(date +%s) - started)) s" >&2
printf '%s\n' "$root"
