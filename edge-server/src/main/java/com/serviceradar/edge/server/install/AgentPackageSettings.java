package com.serviceradar.edge.server.install;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the agent packages this control plane hands to edge hosts are.
 *
 * @param dir the folder holding {@code serviceradar-edge_<version>_<arch>.deb}, one per
 *     architecture ({@code EDGE_AGENT_PACKAGE_DIR}); blank: none is published
 */
@ConfigurationProperties("edge.agent-package")
record AgentPackageSettings(@DefaultValue("") String dir) {}
