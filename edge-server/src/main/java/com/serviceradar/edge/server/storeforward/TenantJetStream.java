package com.serviceradar.edge.server.storeforward;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.server.natsauth.HubConnection;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import io.nats.client.Connection;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One connection per tenant to the hub, as the control plane's stream-manager user of the tenant's
 * account (JetStream is per account, so a tenant's streams are reached only from inside it). Opened
 * when first needed, opened again when lost, closed on shutdown. The user is issued for the
 * connection and never stored.
 */
@Component
class TenantJetStream implements AutoCloseable {

  private final HubConnection hub;
  private final TenantAccounts accounts;
  private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();

  TenantJetStream(HubConnection hub, TenantAccounts accounts) {
    this.hub = hub;
    this.accounts = accounts;
  }

  boolean isConfigured() {
    return hub.isConfigured();
  }

  /** The tenant's connection, opened now if there is none or it was lost. */
  Connection connection(UUID tenantId, TenantSlug tenant) throws IOException, InterruptedException {
    Connection current = connections.get(tenantId);
    if (current != null && current.getStatus() == Connection.Status.CONNECTED) {
      return current;
    }
    if (current != null) {
      current.close();
    }
    Connection opened =
        hub.connectAs(
            accounts.issueStreamManager(tenantId, tenant).credsText(),
            "serviceradar-edge-streams-" + tenant.value());
    connections.put(tenantId, opened);
    return opened;
  }

  @Override
  public void close() throws InterruptedException {
    for (Connection connection : connections.values()) {
      connection.close();
    }
    connections.clear();
  }
}
