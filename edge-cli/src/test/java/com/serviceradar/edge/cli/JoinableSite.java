package com.serviceradar.edge.cli;

import com.serviceradar.edge.testing.NatsServerProcess;

/**
 * A site registered through the API with free local ports, and a one-time join token a host enrolls
 * it with.
 */
record JoinableSite(String siteId, int clientPort, String joinToken) {

  static JoinableSite create(ApiClient admin, String name) {
    int clientPort = NatsServerProcess.freePort();
    String siteId =
        Json.text(
            admin.post(
                "/api/v1/edge-sites",
                Json.object(
                    "name",
                    name,
                    "localListen",
                    "127.0.0.1:" + clientPort,
                    "monitoringPort",
                    NatsServerProcess.freePort())),
            "id",
            "");
    return new JoinableSite(siteId, clientPort, joinToken(admin, siteId));
  }

  /** Another one-time join token for the site. */
  static String joinToken(ApiClient admin, String siteId) {
    return Json.text(
        admin.post(
            "/api/v1/onboarding-packages",
            Json.object("componentType", "nats-leaf", "edgeSiteId", siteId)),
        "token",
        "");
  }
}
