/**
 * What an edge host downloads to install itself, without signing in: {@code GET /install.sh} (the
 * one-line installer, with this control plane's URL inside) and the agent package from {@code
 * EDGE_AGENT_PACKAGE_DIR}.
 *
 * <p>Serves no secret: the join token stays on the host that runs the script. Never serves any file
 * but an agent package found in that folder, whatever the request's path says.
 */
package com.serviceradar.edge.server.install;
