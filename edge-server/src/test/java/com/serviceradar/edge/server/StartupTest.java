package com.serviceradar.edge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.pki.PlatformRootCa;
import com.serviceradar.edge.secrets.MasterKey;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.system.StartupRefusedException;
import com.serviceradar.edge.testing.NatsServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the control plane does at start with its master key and with an imported root CA and NATS
 * operator: use them when they fit, refuse to start (serving nothing) with a clear message when
 * not.
 */
class StartupTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start(int port, String... settings) {
    List<String> args =
        new ArrayList<>(List.of("--edge.data-dir=" + dataDir, "--edge.port=" + port));
    for (String setting : settings) {
      args.add("--" + setting);
    }
    return new SpringApplicationBuilder(EdgeServerApplication.class)
        .run(args.toArray(String[]::new));
  }

  private static boolean listening(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static StartupRefusedException refusal(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupRefusedException refused) {
        return refused;
      }
    }
    throw new AssertionError("start failed, but not with a refusal", thrown);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dataDir.resolve(name), content);
  }

  @Test
  void keysSealedWithOneMasterKeyCannotBeReadWithAnother() throws Exception {
    MasterKey first = MasterKey.generate(RANDOM);
    MasterKey second = MasterKey.generate(RANDOM);
    start(0, "edge.master-key=" + first.toBase64()).close();
    int port = NatsServerProcess.freePort();

    assertThatThrownBy(() -> start(port, "edge.master-key=" + second.toBase64()))
        .satisfies(
            thrown ->
                assertThat(refusal(thrown).getMessage())
                    .contains(first.id())
                    .contains("EDGE_MASTER_KEY")
                    .doesNotContain(first.toBase64())
                    .doesNotContain(second.toBase64()));
    assertThat(listening(port)).isFalse();
  }

  @Test
  void aRotatedMasterKeyStillReadsKeysSealedWithThePreviousOne() {
    MasterKey first = MasterKey.generate(RANDOM);
    MasterKey second = MasterKey.generate(RANDOM);
    start(0, "edge.master-key=" + first.toBase64()).close();

    try (ConfigurableApplicationContext server =
        start(
            0,
            "edge.master-key=" + second.toBase64(),
            "edge.previous-master-keys=" + first.toBase64())) {
      assertThat(server.isActive()).isTrue();
    }
  }

  @Test
  void withoutAMasterKeyOneIsGeneratedIntoTheDataDirectory() throws Exception {
    start(0).close();

    Path keyFile = dataDir.resolve("master-key");
    assertThat(Files.getPosixFilePermissions(keyFile)).hasSize(2);
    MasterKey.fromBase64(Files.readString(keyFile).strip());
    start(0).close();
  }

  @Test
  void anExistingRootCaAndNatsOperatorAreImportedAtFirstStart() throws Exception {
    PlatformRootCa root = PlatformRootCa.create(Instant.now(), RANDOM);
    NatsOperator operator =
        new NatsIdentities(Clock.systemUTC(), RANDOM).createOperator("existing");
    Path certificate = write("root.pem", root.certificatePem());
    Path key = write("root-key.pem", root.privateKeyPem());

    try (ConfigurableApplicationContext server =
        start(
            0,
            "edge.bootstrap-token=sre_startup-test",
            "edge.importing.root-ca-cert=" + certificate,
            "edge.importing.root-ca-key=" + key,
            "edge.importing.nats-operator-jwt=" + operator.jwt(),
            "edge.importing.nats-operator-signing-seed="
                + new String(operator.signingSeed().reveal()),
            "edge.importing.nats-system-account-jwt=" + operator.systemAccount().jwt(),
            "edge.importing.nats-system-account-seed="
                + new String(operator.systemAccount().identitySeed().reveal()))) {
      JdbcClient jdbc = server.getBean(JdbcClient.class);
      assertThat(
              jdbc.sql("SELECT certificate_pem FROM platform_root_ca").query(String.class).single())
          .isEqualTo(root.certificatePem());
      assertThat(jdbc.sql("SELECT operator_jwt FROM nats_operator").query(String.class).single())
          .isEqualTo(operator.jwt());

      ApiClient api =
          new ApiClient(
              Integer.parseInt(server.getEnvironment().getProperty("local.server.port")),
              "sre_startup-test");
      String tenantId =
          api.post("/api/v1/tenants", Map.of("slug", "acme", "name", "Acme")).text("id");
      String accountJwt = jdbc.sql("SELECT jwt FROM nats_accounts").query(String.class).single();
      assertThat(operator.verifyAccountJwt(accountJwt).publicKey())
          .isEqualTo(api.get("/api/v1/tenants/" + tenantId).text("natsAccountPublicKey"));
      String tenantCa =
          jdbc.sql("SELECT certificate_pem FROM tenant_cas").query(String.class).single();
      assertThat(com.serviceradar.edge.pki.Pem.decodeCertificate(tenantCa).getIssuerX500Principal())
          .isEqualTo(root.certificate().getSubjectX500Principal());
    }
  }

  @Test
  void aRootCaKeyThatDoesNotMatchItsCertificateIsRefused() throws Exception {
    PlatformRootCa one = PlatformRootCa.create(Instant.now(), RANDOM);
    PlatformRootCa other = PlatformRootCa.create(Instant.now(), RANDOM);
    Path certificate = write("root.pem", one.certificatePem());
    Path key = write("root-key.pem", other.privateKeyPem());
    int port = NatsServerProcess.freePort();

    assertThatThrownBy(
            () ->
                start(
                    port,
                    "edge.importing.root-ca-cert=" + certificate,
                    "edge.importing.root-ca-key=" + key))
        .satisfies(
            thrown ->
                assertThat(refusal(thrown).getMessage())
                    .startsWith("Refusing to import the root CA")
                    .doesNotContain("PRIVATE KEY"));
    assertThat(listening(port)).isFalse();
  }

  @Test
  void anOperatorSigningSeedThatIsNotTheOperatorsIsRefused() throws Exception {
    NatsIdentities identities = new NatsIdentities(Clock.systemUTC(), RANDOM);
    NatsOperator operator = identities.createOperator("existing");
    NatsOperator stranger = identities.createOperator("stranger");
    String strangerSeed = new String(stranger.signingSeed().reveal());
    int port = NatsServerProcess.freePort();

    assertThatThrownBy(
            () ->
                start(
                    port,
                    "edge.importing.nats-operator-jwt=" + operator.jwt(),
                    "edge.importing.nats-operator-signing-seed=" + strangerSeed,
                    "edge.importing.nats-system-account-jwt=" + operator.systemAccount().jwt(),
                    "edge.importing.nats-system-account-seed="
                        + new String(operator.systemAccount().identitySeed().reveal())))
        .satisfies(
            thrown ->
                assertThat(refusal(thrown).getMessage())
                    .startsWith("Refusing to import the NATS operator")
                    .contains("signing")
                    .doesNotContain(strangerSeed));
    assertThat(listening(port)).isFalse();
  }
}
