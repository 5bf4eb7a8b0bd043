package com.serviceradar.edge.server.storeforward;

import com.serviceradar.edge.server.site.SiteBufferHealth.BufferedSite;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The outage backlog for {@code /actuator/prometheus}, per tenant (a bounded label): messages and
 * bytes waiting in edge buffers for the hub ({@code edge_buffer_undelivered_messages}, {@code
 * edge_buffer_bytes}) and sites whose buffer refuses publishes ({@code edge_buffer_sites_full}).
 * Set after each store-and-forward round from what it observed, so a scrape costs nothing.
 */
@Component
class BufferMetrics {

  private final MultiGauge undelivered;
  private final MultiGauge bytes;
  private final MultiGauge full;

  BufferMetrics(MeterRegistry registry) {
    undelivered =
        MultiGauge.builder("edge.buffer.undelivered")
            .baseUnit("messages")
            .description("Messages buffered at edge sites that the hub does not hold yet")
            .register(registry);
    bytes =
        MultiGauge.builder("edge.buffer")
            .baseUnit("bytes")
            .description("Bytes held in edge sites' store-and-forward buffers")
            .register(registry);
    full =
        MultiGauge.builder("edge.buffer.sites.full")
            .description("Edge sites whose buffer is full and refuses publishes")
            .register(registry);
  }

  void refresh(List<BufferedSite> sites, Map<UUID, String> tenantSlugs) {
    Map<UUID, List<BufferedSite>> byTenant =
        sites.stream().collect(Collectors.groupingBy(BufferedSite::tenantId));
    List<MultiGauge.Row<?>> undeliveredRows = new ArrayList<>();
    List<MultiGauge.Row<?>> bytesRows = new ArrayList<>();
    List<MultiGauge.Row<?>> fullRows = new ArrayList<>();
    tenantSlugs.forEach(
        (tenantId, slug) -> {
          List<BufferedSite> own = byTenant.getOrDefault(tenantId, List.of());
          Tags tags = Tags.of("tenant", slug);
          undeliveredRows.add(
              MultiGauge.Row.of(
                  tags, own.stream().mapToLong(site -> site.undelivered().orElse(0L)).sum()));
          bytesRows.add(
              MultiGauge.Row.of(
                  tags, own.stream().mapToLong(site -> site.bufferedBytes().orElse(0L)).sum()));
          fullRows.add(MultiGauge.Row.of(tags, own.stream().filter(BufferedSite::full).count()));
        });
    undelivered.register(undeliveredRows, true);
    bytes.register(bytesRows, true);
    full.register(fullRows, true);
  }
}
