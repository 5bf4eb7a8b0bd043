package com.serviceradar.edge.server.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web UI's settings.
 *
 * @param secureCookie mark the session cookie {@code Secure} ({@code EDGE_WEB_SECURE_COOKIE}); turn
 *     off only to use the UI over plain HTTP from another machine in development
 * @param connectionWait how long the wizard's last step waits for a site's first connection before
 *     it lists the likely causes
 */
@ConfigurationProperties("edge.web")
record WebSettings(
    @DefaultValue("true") boolean secureCookie, @DefaultValue("5m") Duration connectionWait) {}
