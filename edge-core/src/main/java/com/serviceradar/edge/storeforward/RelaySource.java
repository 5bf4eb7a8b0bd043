package com.serviceradar.edge.storeforward;

import com.serviceradar.edge.names.SiteSlug;
import io.nats.client.api.Source;
import java.util.Objects;

/**
 * One site's {@code EDGE_BUFFER} as a relay's source.
 *
 * @param startSeq where the relay starts reading the buffer when it holds none of the site's
 *     messages (the site is new to it, or what it held has been purged): the first message the hub
 *     does not hold yet. When the relay does hold some, nats-server resumes after the newest of
 *     them instead.
 */
public record RelaySource(SiteSlug site, long startSeq) {

  public RelaySource {
    Objects.requireNonNull(site, "site");
    if (startSeq < 1) {
      throw new IllegalArgumentException("startSeq starts at 1: " + startSeq);
    }
  }

  /** A source that reads the site's buffer from its first message. */
  public static RelaySource fromStart(SiteSlug site) {
    return new RelaySource(site, 1);
  }

  Source toSource() {
    return EdgeStreams.sourceOf(site, startSeq);
  }
}
