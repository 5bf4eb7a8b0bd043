#!/bin/sh
# Runs the whole test suite. On a fresh Debian/Ubuntu machine with a JDK 17 and Maven it first installs
# (as root, from apt) or asks for what the tests need: nats-server, chromium with chromium-driver, a PostgreSQL
# server, and for the packages the JDK's jmods, systemd-analyze and debootstrap.
set -eu
cd "$(dirname -- "$0")/.."

as_root() {
  [ "$(id -u)" -eq 0 ]
}

apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    apt-get update -qq
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

missing=""
command -v nats-server >/dev/null 2>&1 || missing="$missing nats-server"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
command -v pg_ctlcluster >/dev/null 2>&1 || command -v pg_isready >/dev/null 2>&1 || missing="$missing postgresql"
# The packaging module: jlink needs the JDK's jmods (a package of their own on newer Ubuntu), and the
# control plane's unit is checked with systemd-analyze.
java_properties=$(java -XshowSettings:properties -version 2>&1)
java_home=$(printf '%s\n' "$java_properties" | sed -n 's/^ *java.home = //p')
java_feature=$(printf '%s\n' "$java_properties" | sed -n 's/^ *java.specification.version = //p')
[ -d "$java_home/jmods" ] || missing="$missing openjdk-$java_feature-jmods"
command -v systemd-analyze >/dev/null 2>&1 || missing="$missing systemd"
# FreshHostIT installs on a Debian 12 root that scripts/debian-root.sh makes with it, once, into
# /var/cache/serviceradar-edge.
[ -x /usr/sbin/debootstrap ] || command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
if [ -n "$missing" ]; then
  if as_root; then
    echo "test.sh: installing$missing from apt" >&2
    # shellcheck disable=SC2086 # one word per package
    apt_install $missing
  else
    echo "test.sh: the tests need$missing. Install with: sudo apt-get install -y$missing" >&2
    exit 1
  fi
fi

# setup.sh's service tests drop to Debian's nats user, as the installed service does.
if as_root && ! id nats >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin nats
fi

# PostgreSQL: the tests use the server on 127.0.0.1:5432 (trust auth, or EDGE_TEST_PG_* below).
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if as_root && command -v pg_ctlcluster >/dev/null 2>&1; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
  fi
  tries=0
  until pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || [ "$tries" -ge 30 ]; do
    tries=$((tries + 1))
    sleep 1
  done
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "test.sh: PostgreSQL does not answer on 127.0.0.1:5432; the tests will try an embedded one (not as root)." >&2
elif as_root && [ -z "${EDGE_TEST_PG_USER:-}" ] && ! psql -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
  # A stock server asks for passwords on TCP: give the tests a role of their own rather than loosen pg_hba.
  su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'edge_test') THEN
        CREATE ROLE edge_test LOGIN CREATEDB PASSWORD 'edge_test';
      END IF; END \\\$\\\$;\"" >/dev/null
  EDGE_TEST_PG_USER=edge_test
  EDGE_TEST_PG_PASSWORD=edge_test
  EDGE_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres
  export EDGE_TEST_PG_USER EDGE_TEST_PG_PASSWORD EDGE_TEST_PG_URL
fi

exec mvn -B -ntp verify
