package com.serviceradar.edge.storeforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.names.SiteSlug;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.Source;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stream shapes and limits of store-and-forward, without a server. */
class EdgeStreamsTest {

  private static final SiteSlug NYC = SiteSlug.of("nyc-office");
  private static final SiteSlug LONDON = SiteSlug.of("london");
  private static final SiteSlug BERLIN = SiteSlug.of("berlin");

  @Test
  void aSitesBufferIsOnDiskCapturesTheCollectorSubjectsAndRefusesWhenFull() {
    StreamConfiguration buffer = EdgeStreams.buffer(BufferLimits.of(3600, 1L << 20));

    assertThat(buffer.getName()).isEqualTo("EDGE_BUFFER");
    assertThat(buffer.getSubjects()).containsExactlyElementsOf(CollectorSubjects.ALL);
    assertThat(buffer.getStorageType()).isEqualTo(StorageType.File);
    assertThat(buffer.getDiscardPolicy()).isEqualTo(DiscardPolicy.New);
    assertThat(buffer.getMaxAge()).isEqualTo(Duration.ofHours(1));
    assertThat(buffer.getMaxBytes()).isEqualTo(1L << 20);
  }

  @Test
  void theIngestStreamCapturesTheSaasDirectSubjectsAndSourcesEachRelayOnceFromItsStart() {
    StreamConfiguration ingest = EdgeStreams.ingest(List.of(1, 0, 1));

    assertThat(ingest.getName()).isEqualTo("EDGE_INGEST");
    assertThat(ingest.getSubjects()).containsExactlyElementsOf(CollectorSubjects.ALL);
    assertThat(ingest.getSources())
        .extracting(Source::getName)
        .containsExactly("EDGE_RELAY_00", "EDGE_RELAY_01");
    assertThat(ingest.getSources()).allSatisfy(source -> assertThat(source.getExternal()).isNull());
    assertThat(ingest.getSources()).extracting(Source::getStartSeq).containsOnly(1L);
  }

  @Test
  void aRelaySourcesEachSiteThroughItsDomainInAStableOrderAndHasNoSubjects() {
    StreamConfiguration relay =
        EdgeStreams.relay(3, List.of(new RelaySource(NYC, 501), RelaySource.fromStart(LONDON)));

    assertThat(relay.getName()).isEqualTo("EDGE_RELAY_03");
    assertThat(relay.getSubjects()).isEmpty();
    assertThat(relay.getStorageType()).isEqualTo(StorageType.File);
    assertThat(relay.getMaxAge()).isEqualTo(EdgeStreams.INGEST_MAX_AGE);
    assertThat(relay.getSources())
        .extracting(Source::getName)
        .containsExactly("EDGE_BUFFER", "EDGE_BUFFER");
    assertThat(relay.getSources())
        .extracting(source -> source.getExternal().getApi())
        .containsExactly("$JS.edge-london.API", "$JS.edge-nyc-office.API");
    assertThat(relay.getSources()).extracting(Source::getStartSeq).containsExactly(1L, 501L);
  }

  @Test
  void relayNamesAreBuiltAndReadInOnePlace() {
    assertThat(EdgeStreams.relayName(0)).isEqualTo("EDGE_RELAY_00");
    assertThat(EdgeStreams.relayName(123)).isEqualTo("EDGE_RELAY_123");
    assertThat(EdgeStreams.relayNumber("EDGE_RELAY_07")).contains(7);
    assertThat(EdgeStreams.relayNumber("EDGE_RELAY_123")).contains(123);
    assertThat(EdgeStreams.relayNumber("EDGE_INGEST")).isEmpty();
    assertThat(EdgeStreams.relayNumber("EDGE_RELAY_x")).isEmpty();
    assertThatThrownBy(() -> new RelaySource(NYC, 0)).hasMessageContaining("startSeq");
  }

  @Test
  void eachSitesSourceHasItsOwnIndexName() {
    assertThat(EdgeStreams.sourceIndexName(NYC))
        .startsWith("EDGE_BUFFER:")
        .hasSize("EDGE_BUFFER:".length() + 8)
        .isEqualTo(EdgeStreams.sourceIndexName(SiteSlug.of("nyc-office")))
        .isNotEqualTo(EdgeStreams.sourceIndexName(LONDON));
  }

  @Test
  void oneUpdateKeepsEveryKnownSourceAndAddsOnlyAFewNewOnes() {
    Set<String> sourced = Set.of(EdgeStreams.sourceIndexName(LONDON));

    assertThat(EdgeStreams.nextRelaySources(sources(NYC, LONDON, BERLIN), sourced, 1))
        .containsExactlyElementsOf(sources(NYC, LONDON));
    assertThat(EdgeStreams.nextRelaySources(sources(NYC, BERLIN), sourced, 5))
        .as("a deleted site's source goes at once")
        .containsExactlyElementsOf(sources(NYC, BERLIN));
  }

  @Test
  void limitsOutsideTheirBoundsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> BufferLimits.of(59, 1L << 20))
        .hasMessageStartingWith("maxAgeSeconds must be between 60 and");
    assertThatThrownBy(() -> BufferLimits.of(3600, (64L << 10) - 1))
        .hasMessageStartingWith("maxBytes must be between 65536 and");
    assertThatThrownBy(() -> BufferLimits.of(3600, (10L << 30) + 1))
        .hasMessageStartingWith("maxBytes must be between");
    assertThat(BufferLimits.DEFAULT).isEqualTo(BufferLimits.of(7 * 24 * 3600, 1L << 30));
  }

  private static List<RelaySource> sources(SiteSlug... sites) {
    return java.util.Arrays.stream(sites).map(RelaySource::fromStart).toList();
  }
}
