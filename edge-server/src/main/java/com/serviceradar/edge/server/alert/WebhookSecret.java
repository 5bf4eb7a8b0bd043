package com.serviceradar.edge.server.alert;

import com.serviceradar.edge.server.system.DataDirectory;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the webhook's signing secret comes from: {@code EDGE_ALERT_WEBHOOK_SECRET}, or else a
 * random one generated once into {@code $EDGE_DATA_DIR/alert-webhook-secret} (0600). Replicas with
 * their own data directories each generate their own, so several replicas need the variable set.
 */
final class WebhookSecret {

  static final String FILE = "alert-webhook-secret";
  private static final Logger log = LoggerFactory.getLogger(WebhookSecret.class);

  private WebhookSecret() {}

  static String resolve(
      AlertSettings.Webhook webhook, DataDirectory dataDirectory, SecureRandom random) {
    if (!webhook.secret().isBlank()) {
      return webhook.secret().strip();
    }
    byte[] generated = new byte[32];
    random.nextBytes(generated);
    if (dataDirectory.writeSecretIfAbsent(FILE, HexFormat.of().formatHex(generated) + "\n")) {
      log.warn(
          "EDGE_ALERT_WEBHOOK_SECRET is not set: generated the webhook signing secret into {}. Give"
              + " the receiver that value to check X-ServiceRadar-Signature, or set"
              + " EDGE_ALERT_WEBHOOK_SECRET (the same on every replica).",
          dataDirectory.resolve(FILE));
    } else {
      log.info("Signing alert webhooks with the secret in {}", dataDirectory.resolve(FILE));
    }
    return dataDirectory.read(FILE).strip();
  }
}
