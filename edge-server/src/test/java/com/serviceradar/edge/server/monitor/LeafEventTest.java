package com.serviceradar.edge.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Parsing the hub's advisories, from events captured on nats-server 2.9.10 (test resources). */
class LeafEventTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = LeafEventTest.class.getResourceAsStream("/sys-events/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aLeafConnectNamesTheAccountUserServerAndStart() throws IOException {
    LeafEvent event = LeafEvent.parse(JSON, fixture("leaf-connect.json")).orElseThrow();

    assertThat(event.type()).isEqualTo(LeafEvent.Type.CONNECT);
    assertThat(event.account())
        .isEqualTo("ABIYIEDKFTSKCOTTAPVRQSN2QMSOUXM5G2K4GY5DWL6GNY4JFHA2JBL4");
    assertThat(event.userKey())
        .isEqualTo("UCLEYW3AEO2O4UV7WRHNLSSGRQRS4FJM7J4BOGSOGBNDIIQRZVYRXHEQ");
    assertThat(event.serverName()).isEqualTo("leaf-t-2f023dc0-nyc-office");
    assertThat(event.nameTag()).isEqualTo("leaf.nyc-office.t-2f023dc0");
    assertThat(event.at()).isEqualTo(OffsetDateTime.parse("2026-11-27T00:38:50.210275903Z"));
    assertThat(event.reason()).isNull();
  }

  @Test
  void aLeafDisconnectCarriesTheHubsReason() throws IOException {
    LeafEvent event = LeafEvent.parse(JSON, fixture("leaf-disconnect.json")).orElseThrow();

    assertThat(event.type()).isEqualTo(LeafEvent.Type.DISCONNECT);
    assertThat(event.reason()).isEqualTo("Client Closed");
    assertThat(event.linkStartedAt())
        .isEqualTo(OffsetDateTime.parse("2026-11-27T00:38:50.210275Z"));
    assertThat(event.userKey())
        .isEqualTo("UCLEYW3AEO2O4UV7WRHNLSSGRQRS4FJM7J4BOGSOGBNDIIQRZVYRXHEQ");
  }

  @Test
  void aClientConnectionIsNotALeafEvent() throws IOException {
    String client =
        new String(fixture("leaf-connect.json"), StandardCharsets.UTF_8)
            .replace("\"Leafnode\"", "\"Client\"");

    assertThat(LeafEvent.parse(JSON, client.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
