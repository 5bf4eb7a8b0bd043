#!/bin/sh
# build-packages.sh VERSION OUT_DIR — the release artifacts, from the jars the Maven build made:
#   serviceradar-edge_<deb version>_<arch>.deb      the edge host's agent, on its own jlink runtime
#   serviceradar-edge-server_<deb version>_all.deb  the control plane as a hardened systemd service, with
#                                                   the agent package for edge hosts to download
#   serviceradar-edge-server-<version>.tar.gz       the control plane's jar and launcher, for other systems
# The packaging module runs it in Maven's package phase (scripts/package.sh). Needs a JDK 17 or newer
# (jdeps, jlink), dpkg-deb and GNU tar.
set -eu

version=$1
mkdir -p "$2"
out=$(CDPATH='' cd -- "$2" && pwd)
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
cli_jar=$root/edge-cli/target/edge-cli.jar
server_jar=$root/edge-server/target/edge-server.jar
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
rm -f "$out"/serviceradar-edge*.deb "$out"/serviceradar-edge-server-*.tar.gz

for jar in "$cli_jar" "$server_jar"; do
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
  # Tab completion for bash (where bash-completion loads it by the command's name), made by the
  # packaged CLI itself so it always matches its commands and options.
  install -d "$tree/usr/share/bash-completion/completions"
  "$lib/runtime/bin/java" -jar "$lib/edge-cli.jar" generate-completion \
    >"$tree/usr/share/bash-completion/completions/serviceradar-edge"
  deb "$tree" "$here/agent/control" "$(dpkg --print-architecture)"
}

server_deb() {
  tree=$work/server
  install -d "$tree/DEBIAN" "$tree/usr/bin" "$tree/usr/share/serviceradar-edge-server" \
    "$tree/usr/lib/systemd/system"
  # Root's alone: the agent keeps its token in this folder too, and server.env may hold the master key.
  install -d -m 0700 "$tree/etc/serviceradar-edge"
  install -m 0600 "$here/server/server.env" "$tree/etc/serviceradar-edge/"
  install -m 0755 "$here/server/serviceradar-edge-server" "$tree/usr/bin/"
  install -m 0644 "$server_jar" "$tree/usr/share/serviceradar-edge-server/edge-server.jar"
  # The agent package edge hosts download from /downloads/ (server.env's EDGE_AGENT_PACKAGE_DIR).
  install -d "$tree/usr/share/serviceradar-edge-server/agent"
  install -m 0644 "$out"/serviceradar-edge_"${deb_version}"_*.deb "$tree/usr/share/serviceradar-edge-server/agent/"
  install -m 0644 "$here/server/serviceradar-edge-server.service" "$tree/usr/lib/systemd/system/"
  install -m 0644 "$here/server/conffiles" "$tree/DEBIAN/"
  install -m 0755 "$here/server/postinst" "$here/server/prerm" "$here/server/postrm" "$tree/DEBIAN/"
  deb "$tree" "$here/server/control" all
}

server_tarball() {
  name=serviceradar-edge-server-$version
  install -d "$work/$name/bin" "$work/$name/share/serviceradar-edge-server"
  install -m 0755 "$here/server/serviceradar-edge-server" "$work/$name/bin/"
  install -m 0644 "$server_jar" "$work/$name/share/serviceradar-edge-server/edge-server.jar"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C "$work" -cf - "$name" |
    gzip -n >"$out/$name.tar.gz"
}

agent_deb
server_deb
server_tarball
rm -rf "$work"
ls -1 "$out"/*.deb "$out"/*.tar.gz
