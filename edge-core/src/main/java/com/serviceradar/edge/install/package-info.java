/**
 * The one-line installer of an edge host: {@code install.sh}, which the control plane serves with
 * its own URL inside, so that {@code curl -fsSL <control plane>/install.sh | sudo sh -s -- --token
 * srj_...} installs nats-server and the agent package, enrolls the host and waits for its leaf.
 *
 * <p>Owns the script's template and its escaping. The script holds no secret and never puts the
 * join token on a command line of its own; this package never reads a token, the clock or the
 * environment.
 */
package com.serviceradar.edge.install;
