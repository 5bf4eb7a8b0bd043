package com.serviceradar.edge.server.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-ServiceRadar-Signature} of a webhook request: {@code sha256=} followed by the
 * lowercase hex HMAC-SHA256, keyed with the UTF-8 bytes of the webhook secret, of {@code
 * "<timestamp>.<body>"}, where {@code <timestamp>} is the {@code X-ServiceRadar-Timestamp} header
 * (Unix seconds) and {@code <body>} the exact request body bytes. A receiver recomputes it,
 * compares in constant time, and rejects timestamps far from its own clock to refuse replays.
 */
final class WebhookSignature {

  static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  WebhookSignature(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the webhook secret must not be blank");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The header value for a body sent at {@code timestamp} (Unix seconds). */
  String sign(long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[****]";
  }
}
