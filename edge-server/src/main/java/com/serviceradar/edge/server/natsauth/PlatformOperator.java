package com.serviceradar.edge.server.natsauth;

import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsIdentityException;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.natsauth.SystemAccount;
import com.serviceradar.edge.server.system.AtRestSecrets;
import com.serviceradar.edge.server.system.ConfiguredValue;
import com.serviceradar.edge.server.system.EdgeProperties;
import com.serviceradar.edge.server.system.StartupRefusedException;
import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The NATS operator and its SYS account: loaded at start, created on the first start, or imported
 * from {@code EDGE_NATS_OPERATOR_JWT}, {@code EDGE_NATS_OPERATOR_SIGNING_SEED}, {@code
 * EDGE_NATS_SYSTEM_ACCOUNT_JWT} and {@code EDGE_NATS_SYSTEM_ACCOUNT_SEED} so an existing
 * installation's operator keeps working. A seed that does not match its JWT refuses the start.
 */
@Service
public class PlatformOperator implements SmartInitializingSingleton {

  static final String OPERATOR_NAME = "serviceradar";
  private static final Logger log = LoggerFactory.getLogger(PlatformOperator.class);

  private final JdbcClient jdbc;
  private final AtRestSecrets secrets;
  private final NatsIdentities identities;
  private final EdgeProperties properties;
  private final Clock clock;
  private volatile NatsOperator operator;

  PlatformOperator(
      JdbcClient jdbc,
      AtRestSecrets secrets,
      NatsIdentities identities,
      EdgeProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.identities = identities;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    operator();
  }

  public NatsOperator operator() {
    NatsOperator loaded = operator;
    if (loaded == null) {
      loaded = loadOrCreate();
      operator = loaded;
    }
    return loaded;
  }

  private synchronized NatsOperator loadOrCreate() {
    if (operator != null) {
      return operator;
    }
    return load().orElseGet(this::createOrImport);
  }

  private Optional<NatsOperator> load() {
    return jdbc.sql(
            """
            SELECT operator_jwt, operator_identity_seed_sealed, operator_signing_seed_sealed,
                   system_account_jwt, system_account_seed_sealed, system_account_signing_seed_sealed
              FROM nats_operator WHERE id = 1
            """)
        .query(
            (rs, row) ->
                NatsOperator.restore(
                    rs.getString("operator_jwt"),
                    openSeed(
                        rs.getString("operator_identity_seed_sealed"), "operator_identity_seed"),
                    openSeed(rs.getString("operator_signing_seed_sealed"), "operator_signing_seed"),
                    SystemAccount.restore(
                        rs.getString("system_account_jwt"),
                        openSeed(rs.getString("system_account_seed_sealed"), "system_account_seed"),
                        openSeed(
                            rs.getString("system_account_signing_seed_sealed"),
                            "system_account_signing_seed"))))
        .optional();
  }

  private NatsOperator createOrImport() {
    EdgeProperties.Import importing = properties.importing();
    boolean imported =
        !importing.natsOperatorJwt().isBlank()
            || !importing.natsOperatorSigningSeed().isBlank()
            || !importing.natsSystemAccountJwt().isBlank()
            || !importing.natsSystemAccountSeed().isBlank();
    NatsOperator created =
        imported ? importOperator(importing) : identities.createOperator(OPERATOR_NAME);
    SystemAccount system = created.systemAccount();
    try {
      jdbc.sql(
              """
              INSERT INTO nats_operator
                (id, operator_jwt, operator_identity_seed_sealed, operator_signing_seed_sealed,
                 system_account_jwt, system_account_seed_sealed, system_account_signing_seed_sealed,
                 imported, created_at)
              VALUES (1, :jwt, :identity, :signing, :systemJwt, :systemSeed, :systemSigning, :imported, :createdAt)
              """)
          .param("jwt", created.jwt())
          .param(
              "identity", sealSeed(created.identitySeed().orElse(null), "operator_identity_seed"))
          .param("signing", sealSeed(created.signingSeed(), "operator_signing_seed"))
          .param("systemJwt", system.jwt())
          .param("systemSeed", sealSeed(system.identitySeed(), "system_account_seed"))
          .param(
              "systemSigning",
              sealSeed(system.signingSeed().orElse(null), "system_account_signing_seed"))
          .param("imported", imported)
          .param("createdAt", Timestamps.now(clock))
          .update();
      log.info("{} the NATS operator {}", imported ? "Imported" : "Created", created.publicKey());
      return created;
    } catch (DuplicateKeyException anotherReplicaWasFirst) {
      return load().orElseThrow();
    }
  }

  private NatsOperator importOperator(EdgeProperties.Import importing) {
    if (importing.natsOperatorJwt().isBlank()
        || importing.natsOperatorSigningSeed().isBlank()
        || importing.natsSystemAccountJwt().isBlank()
        || importing.natsSystemAccountSeed().isBlank()) {
      throw new StartupRefusedException(
          "To import a NATS operator set all of EDGE_NATS_OPERATOR_JWT, EDGE_NATS_OPERATOR_SIGNING_SEED,"
              + " EDGE_NATS_SYSTEM_ACCOUNT_JWT and EDGE_NATS_SYSTEM_ACCOUNT_SEED",
          null);
    }
    try {
      return identities.importOperator(
          ConfiguredValue.read("EDGE_NATS_OPERATOR_JWT", importing.natsOperatorJwt()),
          Seed.of(
              ConfiguredValue.read(
                  "EDGE_NATS_OPERATOR_SIGNING_SEED", importing.natsOperatorSigningSeed())),
          ConfiguredValue.read("EDGE_NATS_SYSTEM_ACCOUNT_JWT", importing.natsSystemAccountJwt()),
          Seed.of(
              ConfiguredValue.read(
                  "EDGE_NATS_SYSTEM_ACCOUNT_SEED", importing.natsSystemAccountSeed())));
    } catch (NatsIdentityException e) {
      throw new StartupRefusedException(
          "Refusing to import the NATS operator: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new StartupRefusedException(
          "Refusing to import the NATS operator: a seed or JWT is not in NATS format", e);
    }
  }

  private String sealSeed(Seed seed, String column) {
    return seed == null ? null : secrets.seal(new String(seed.reveal()), "nats_operator." + column);
  }

  private Seed openSeed(String sealed, String column) {
    return sealed == null ? null : Seed.of(secrets.open(sealed, "nats_operator." + column));
  }
}
