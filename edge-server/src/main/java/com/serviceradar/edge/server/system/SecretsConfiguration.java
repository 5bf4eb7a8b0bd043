package com.serviceradar.edge.server.system;

import com.serviceradar.edge.secrets.MasterKey;
import com.serviceradar.edge.secrets.SecretSealer;
import java.security.SecureRandom;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sealer for private keys and nkey seeds at rest. Its master key comes from {@code
 * EDGE_MASTER_KEY}; when unset, one is generated into the data directory (0600) with a warning,
 * because losing it loses every stored private key.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

  static final String MASTER_KEY_FILE = "master-key";
  private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

  @Bean
  SecureRandom secureRandom() {
    return new SecureRandom();
  }

  @Bean
  SecretSealer secretSealer(
      EdgeProperties properties, DataDirectory dataDirectory, SecureRandom random) {
    MasterKey current = currentMasterKey(properties, dataDirectory, random);
    List<MasterKey> previous =
        properties.previousMasterKeys().stream()
            .filter(text -> !text.isBlank())
            .map(MasterKey::fromBase64)
            .toList();
    return new SecretSealer(current, previous, random);
  }

  private static MasterKey currentMasterKey(
      EdgeProperties properties, DataDirectory dataDirectory, SecureRandom random) {
    if (!properties.masterKey().isBlank()) {
      return MasterKey.fromBase64(properties.masterKey().strip());
    }
    if (dataDirectory.writeSecretIfAbsent(
        MASTER_KEY_FILE, MasterKey.generate(random).toBase64() + "\n")) {
      log.warn(
          "EDGE_MASTER_KEY is not set: generated a master key into {}. Back it up or set EDGE_MASTER_KEY:"
              + " without it the stored private keys and seeds cannot be read.",
          dataDirectory.resolve(MASTER_KEY_FILE));
    }
    return MasterKey.fromBase64(dataDirectory.read(MASTER_KEY_FILE).strip());
  }
}
