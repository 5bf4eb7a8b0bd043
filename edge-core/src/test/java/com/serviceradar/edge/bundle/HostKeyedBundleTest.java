package com.serviceradar.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostKeyedBundleTest {

  private static Map<String, String> sent() {
    Map<String, String> files = new HashMap<>();
    for (String path : HostKeyedBundle.SENT_FILES) {
      files.put(path, "content of " + path + "\n");
    }
    return files;
  }

  @Test
  void theHostsKeyServesBothCertificatesAndSecretsAreOwnerOnly() {
    Bundle bundle = HostKeyedBundle.assemble("edge-site-x", sent(), "KEY PEM", "CREDS TEXT");

    assertThat(bundle.file("nats/certs/nats-leaf-key.pem").orElseThrow().text())
        .isEqualTo("KEY PEM\n");
    assertThat(bundle.file("nats/certs/nats-server-key.pem").orElseThrow().text())
        .isEqualTo("KEY PEM\n");
    assertThat(bundle.file("creds/tenant.creds").orElseThrow().mode()).isEqualTo(FileMode.SECRET);
    assertThat(bundle.file("nats/certs/nats-leaf-key.pem").orElseThrow().mode())
        .isEqualTo(FileMode.SECRET);
    assertThat(bundle.file("setup.sh").orElseThrow().mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(bundle.file("MANIFEST.sha256").orElseThrow().text())
        .contains("creds/tenant.creds")
        .contains("setup.sh");
  }

  @Test
  void aMissingOrUnexpectedSentFileIsRefused() {
    Map<String, String> missing = sent();
    missing.remove("setup.sh");
    Map<String, String> extra = sent();
    extra.put("nats/certs/nats-leaf-key.pem", "a key from the server");

    assertThatThrownBy(() -> HostKeyedBundle.assemble("edge-site-x", missing, "K", "C"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setup.sh");
    assertThatThrownBy(() -> HostKeyedBundle.assemble("edge-site-x", extra, "K", "C"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
