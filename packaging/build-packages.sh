#!/bin/sh
# build-packages.sh VERSION OUT_DIR — the release artifacts, from the jars the Maven build made:
#   serviceradar-edge_<deb version>_<arch>.deb      the edge host's agent, on its own jlink runtime
# The packaging module runs it in Maven's package phase (scripts/package.sh). Needs a JDK 17 or newer
# (jdeps, jlink), dpkg-deb and GNU tar.
set -eu

version=$1
mkdir -p "$2"
out=$(CDPATH='' cd -- "$2" && pwd)
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
cli_jar=$root/edge-cli/target/edge-cli.jar
jdk_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
# "~" sorts before anything in Debian versions, so 0.1.0~SNAPSHOT precedes the release 0.1.0; a "-"
# would start a Debian revision.
deb_version=$(printf '%s' "$version" | tr - '~')
# Every packaged file gets the last commit's time, so two builds of one commit differ only where the
# jars and the runtime do.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
work=$out/work
rm -rf "$work"
mkdir -p "$work"
rm -f "$out"/serviceradar-edge*.deb

for jar in "$cli_jar"; do
  [ -f "$jar" ] || { echo "build-packages.sh: $jar is missing: build it first (scripts/package.sh)" >&2; exit 1; }
done

# deb TREE CONTROL ARCH: writes TREE/DEBIAN/control from CONTROL and builds OUT_DIR/<package>_<version>_<arch>.deb.
deb() {
  tree=$1
  package=$(sed -n 's/^Package: //p' "$2")
  installed_kib=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
  sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$3/" -e "s/@INSTALLED_SIZE@/$installed_kib/" "$2" \
    >"$tree/DEBIAN/control"
  find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Zgzip --build "$tree" "$out/${package}_${deb_version}_$3.deb" >/dev/null
}

agent_deb() {
  tree=$work/agent
  lib=$tree/usr/lib/serviceradar-edge
  install -d "$tree/DEBIAN" "$tree/usr/bin" "$lib"
  # jdeps lists the modules the jar's classes use, less java.desktop: only java.beans in commons-compress'
  # pack200 and commons-lang3's circuit breakers need it, which the CLI never runs, and AWT would add a
  # fifth to the runtime. jdk.crypto.ec is a security provider, loaded by name where jdeps cannot see it,
  # and TLS with elliptic curves (the leaf's and the control plane's) needs it.
  modules=$("${jdk_bin}jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$cli_jar" |
    tr , '\n' | grep -vx java.desktop | paste -sd , -)
  "${jdk_bin}jlink" --add-modules "$modules,jdk.crypto.ec" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$lib/runtime"
  install -m 0644 "$cli_jar" "$lib/edge-cli.jar"
  install -m 0755 "$here/agent/serviceradar-edge" "$tree/usr/bin/"
  install -m 0755 "$here/agent/prerm" "$here/agent/postrm" "$tree/DEBIAN/"
  deb "$tree" "$here/agent/control" "$(dpkg --print-architecture)"
}

agent_deb
rm -rf "$work"
ls -1 "$out"/*.deb
