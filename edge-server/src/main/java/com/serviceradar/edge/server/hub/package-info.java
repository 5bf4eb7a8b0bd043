/**
 * The SaaS NATS hub as the control plane generates it: the hub bundle (config, certificate, CA) for
 * platform operators, and the development hub that {@code EDGE_DEV_HUB=true} runs beside the
 * server.
 */
package com.serviceradar.edge.server.hub;
