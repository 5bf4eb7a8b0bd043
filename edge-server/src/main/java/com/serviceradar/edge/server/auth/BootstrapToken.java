package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.DataDirectory;
import com.serviceradar.edge.server.system.EdgeProperties;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.SecretToken;
import com.serviceradar.edge.server.system.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Makes sure a platform-operator token exists before the first request: {@code
 * EDGE_BOOTSTRAP_TOKEN} when set, otherwise the one in {@code $EDGE_DATA_DIR/bootstrap-token},
 * generated (0600) on first start. It lives in the database like every other token, so all replicas
 * accept it.
 */
@Component
class BootstrapToken implements SmartInitializingSingleton {

  static final String FILE_NAME = "bootstrap-token";
  private static final Logger log = LoggerFactory.getLogger(BootstrapToken.class);

  private final EdgeProperties properties;
  private final DataDirectory dataDirectory;
  private final ApiTokenRepository repository;
  private final Clock clock;

  BootstrapToken(
      EdgeProperties properties,
      DataDirectory dataDirectory,
      ApiTokenRepository repository,
      Clock clock) {
    this.properties = properties;
    this.dataDirectory = dataDirectory;
    this.repository = repository;
    this.clock = clock;
  }

  /** Tells whoever started the server where it listens and where the bootstrap token is. */
  @EventListener(ApplicationReadyEvent.class)
  void announce(ApplicationReadyEvent ready) {
    String port =
        ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "?");
    String source =
        properties.bootstrapToken().isBlank()
            ? "is in " + dataDirectory.resolve(FILE_NAME)
            : "is the value of EDGE_BOOTSTRAP_TOKEN";
    log.info(
        "ServiceRadar Edge control plane is up at http://localhost:{}/ (data in {}); the platform-operator bootstrap token {}",
        port,
        dataDirectory.root(),
        source);
  }

  @Override
  public void afterSingletonsInstantiated() {
    String hash = SecretToken.sha256(currentSecret());
    if (repository.replaceBootstrapHash(hash)) {
      return;
    }
    try {
      repository.insert(
          new ApiTokenRepository.StoredToken(
              ApiTokenRepository.BOOTSTRAP_TOKEN_ID,
              null,
              "bootstrap",
              Role.PLATFORM_OPERATOR,
              null),
          hash,
          Timestamps.now(clock),
          "system");
    } catch (DuplicateKeyException anotherReplicaWasFirst) {
      repository.replaceBootstrapHash(hash);
    }
  }

  private String currentSecret() {
    String configured = properties.bootstrapToken().strip();
    if (!configured.isEmpty()) {
      return configured;
    }
    Path file = dataDirectory.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      dataDirectory.writeSecretIfAbsent(
          FILE_NAME,
          SecretToken.generate(ApiTokens.API_TOKEN_PREFIX, new SecureRandom()).value() + "\n");
      log.info("Generated a platform-operator bootstrap token in {}", file);
    }
    return dataDirectory.read(FILE_NAME).strip();
  }
}
