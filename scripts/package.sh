#!/bin/sh
# Builds the release artifacts into packaging/target/packages/: the edge host's agent and the control
# plane as .deb packages, and the control plane as a tarball (packaging/build-packages.sh says what each
# holds). Builds the jars first, without the tests; `mvn verify` builds the same and checks them.
# Needs a JDK 17 with its jmods (jlink), Maven and dpkg-deb.
set -eu
cd "$(dirname -- "$0")/.."
mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true package -pl packaging -am
