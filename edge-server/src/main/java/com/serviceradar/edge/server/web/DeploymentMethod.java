package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.system.ApiProblemException;
import java.util.Arrays;
import java.util.Locale;

/** How the tenant admin runs the leaf at the site; step 2 of the wizard shows each one's steps. */
enum DeploymentMethod {
  PACKAGE("Package", "setup.sh installs nats-server's files and a systemd service"),
  DOCKER("Docker", "the official nats image with the bundle's files mounted"),
  MANUAL("Manual", "copy the files yourself and start nats-server");

  private final String label;
  private final String summary;

  DeploymentMethod(String label, String summary) {
    this.label = label;
    this.summary = summary;
  }

  public String label() {
    return label;
  }

  public String summary() {
    return summary;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static DeploymentMethod fromWireName(String text) {
    if (text == null || text.isBlank()) {
      return PACKAGE;
    }
    return Arrays.stream(values())
        .filter(method -> method.wireName().equals(text))
        .findFirst()
        .orElseThrow(() -> ApiProblemException.invalid("method must be package, docker or manual"));
  }
}
