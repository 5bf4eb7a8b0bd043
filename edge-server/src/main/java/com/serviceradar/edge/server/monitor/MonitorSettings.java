package com.serviceradar.edge.server.monitor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the monitor looks again ({@code EDGE_MONITOR_RECONCILE_INTERVAL}, {@code
 * EDGE_MONITOR_SCAN_INTERVAL}) and how long it collects CONNZ replies from the hub's servers.
 */
@ConfigurationProperties("edge.monitor")
record MonitorSettings(
    @DefaultValue("30s") Duration reconcileInterval,
    @DefaultValue("60s") Duration scanInterval,
    @DefaultValue("750ms") Duration replyWindow) {}
