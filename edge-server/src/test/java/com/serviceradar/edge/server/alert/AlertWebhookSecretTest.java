package com.serviceradar.edge.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.system.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertWebhookSecretTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;

  private static AlertSettings.Webhook webhook(String secret) {
    return new AlertSettings.Webhook(
        "http://127.0.0.1:9/hook",
        secret,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        20,
        Duration.ofSeconds(10));
  }

  @Test
  void withoutASecretOneIsGeneratedOnceIntoThePrivateDataDirectoryFile() throws Exception {
    DataDirectory directory = new DataDirectory(dataDir);

    String first = WebhookSecret.resolve(webhook(""), directory, RANDOM);
    String second = WebhookSecret.resolve(webhook(""), directory, RANDOM);

    Path file = dataDir.resolve("alert-webhook-secret");
    assertThat(first).matches("[0-9a-f]{64}").isEqualTo(second);
    assertThat(Files.readString(file).strip()).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aConfiguredSecretWinsAndNothingIsWritten() {
    String secret =
        WebhookSecret.resolve(webhook(" whsec-set "), new DataDirectory(dataDir), RANDOM);

    assertThat(secret).isEqualTo("whsec-set");
    assertThat(dataDir.resolve("alert-webhook-secret")).doesNotExist();
  }

  @Test
  void theSignatureIsTheHmacOfTimestampDotBody() {
    String signature = new WebhookSignature("key").sign(1700000000L, "{}".getBytes());

    // printf '1700000000.{}' | openssl dgst -sha256 -hmac key
    assertThat(signature)
        .isEqualTo("sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
  }
}
