package com.serviceradar.edge.natsauth;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Operator-mode configuration snippets and client connections for the real-server tests. */
final class OperatorModeServers {

  private OperatorModeServers() {}

  /**
   * {@code operator}, {@code system_account} and a MEMORY resolver preloading the accounts: what a
   * hub and an operator-mode leaf both carry (NATS-FACTS.md, "Hub and leaf configuration").
   */
  static String operatorMode(NatsOperator operator, List<? extends NatsAccount> accounts) {
    StringBuilder config = new StringBuilder();
    config.append("operator: \"").append(operator.jwt()).append("\"\n");
    config.append("system_account: ").append(operator.systemAccount().publicKey()).append('\n');
    config.append("resolver: MEMORY\n");
    config.append("resolver_preload: {\n");
    for (NatsAccount account : accounts) {
      config
          .append("  ")
          .append(account.publicKey())
          .append(": \"")
          .append(account.jwt())
          .append("\"\n");
    }
    config.append("}\n");
    return config.toString();
  }

  /** Connects with the user's creds. */
  static Connection connect(String url, UserCredentials user)
      throws IOException, InterruptedException {
    return connect(url, user, Duration.ofSeconds(5));
  }

  /**
   * Tries to connect with creds the server should refuse and returns why it failed. jnats reports a
   * refused connect only when its connection timeout ends, so that timeout is kept short.
   */
  static IOException refusedConnect(String url, UserCredentials user) throws InterruptedException {
    try {
      connect(url, user, Duration.ofSeconds(1)).close();
    } catch (IOException refused) {
      return refused;
    }
    throw new AssertionError(user + " was not refused");
  }

  private static Connection connect(String url, UserCredentials user, Duration timeout)
      throws IOException, InterruptedException {
    Options options =
        new Options.Builder()
            .server(url)
            .authHandler(Nats.staticCredentials(user.credsText().getBytes(StandardCharsets.UTF_8)))
            .connectionName(user.name())
            .connectionTimeout(timeout)
            .maxReconnects(0)
            .errorListener(new ErrorListener() {})
            .build();
    return Nats.connect(options);
  }
}
