/**
 * The {@code serviceradar-edge} command line: one class per subcommand. Never loads Spring; talks
 * to the control plane over its REST API and uses edge-core for local work.
 */
package com.serviceradar.edge.cli;
