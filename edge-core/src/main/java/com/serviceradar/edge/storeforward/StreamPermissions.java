package com.serviceradar.edge.storeforward;

import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.natsauth.UserPermissions;
import java.util.ArrayList;
import java.util.List;

/** What the users around store-and-forward may do, as NATS subject permissions. */
public final class StreamPermissions {

  private static final String INGEST = EdgeStreams.INGEST;

  private StreamPermissions() {}

  /**
   * The control plane's own user in a tenant account: the JetStream API of the hub and of every
   * leaf domain, and acks of its delivery consumer.
   */
  public static UserPermissions streamManager() {
    return UserPermissions.allow(
        List.of("$JS.API.>", "$JS.*.API.>", "$JS.ACK." + INGEST + ".>"),
        List.of(CollectorSubjects.INBOX));
  }

  /**
   * A SaaS-side reader ({@code consumer-creds}): the live collector subjects, and on {@code
   * EDGE_INGEST} its info and creating, using, acking and deleting consumers — never changing,
   * purging or deleting the stream.
   */
  public static UserPermissions ingestReader() {
    List<String> publish =
        List.of(
            CollectorSubjects.INBOX,
            "$JS.API.INFO",
            "$JS.API.STREAM.INFO." + INGEST,
            "$JS.API.CONSUMER.CREATE." + INGEST,
            "$JS.API.CONSUMER.CREATE." + INGEST + ".>",
            "$JS.API.CONSUMER.DURABLE.CREATE." + INGEST + ".*",
            "$JS.API.CONSUMER.INFO." + INGEST + ".*",
            "$JS.API.CONSUMER.DELETE." + INGEST + ".*",
            "$JS.API.CONSUMER.NAMES." + INGEST,
            "$JS.API.CONSUMER.LIST." + INGEST,
            "$JS.API.CONSUMER.MSG.NEXT." + INGEST + ".*",
            "$JS.ACK." + INGEST + ".>",
            "$JS.FC." + INGEST + ".>");
    List<String> subscribe = new ArrayList<>(CollectorSubjects.ALL);
    subscribe.add(CollectorSubjects.INBOX);
    return UserPermissions.allow(publish, subscribe);
  }
}
