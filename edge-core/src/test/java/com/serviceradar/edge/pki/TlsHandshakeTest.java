package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.NYC_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real TLS handshakes with the JDK on 127.0.0.1 only. The JDK checks validity against the real
 * clock, so these certificates get a pinned validity wide enough to cover it.
 */
class TlsHandshakeTest {

  private static final Validity WIDE =
      new Validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2049-12-31T00:00:00Z"));
  private static final char[] PASSWORD = "test".toCharArray();

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(WIDE, random);
  private final TenantCa acme = root.issueTenantCa(ACME, WIDE, random);
  private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopServer() {
    serverThread.shutdownNow();
  }

  @Test
  void collectorTrustingCaChainReachesTheLocalServerByEveryLocalName() throws Exception {
    IssuedCertificate server =
        acme.issueLocalServerCertificate(NYC_OFFICE, Optional.empty(), WIDE, random);
    SSLContext serverContext = context(server, List.of());
    SSLContext clientContext = context(null, acme.caChain());

    for (String host : List.of("localhost", "127.0.0.1", "nats.nyc-office.acme.serviceradar")) {
      assertThat(handshake(serverContext, false, clientContext, host))
          .as("handshake verifying %s", host)
          .isEqualTo("no client certificate");
    }
  }

  @Test
  void localServerNameCheckFailsForAHostItDoesNotCover() throws Exception {
    IssuedCertificate server =
        acme.issueLocalServerCertificate(NYC_OFFICE, Optional.empty(), WIDE, random);

    assertThatThrownBy(
            () ->
                handshake(
                    context(server, List.of()),
                    false,
                    context(null, acme.caChain()),
                    "nats.other-site.acme.serviceradar"))
        .isInstanceOf(HandshakeFailed.class)
        .hasMessageContaining("No subject alternative DNS name matching nats.other-site");
  }

  @Test
  void leafAuthenticatesToAHubTrustingThePlatformRootAndTenantCa() throws Exception {
    IssuedCertificate hub = root.issueHubServerCertificate(List.of("127.0.0.1"), WIDE, random);
    IssuedCertificate leaf = acme.issueLeafCertificate(NYC_OFFICE, WIDE, random);

    String clientSeenByHub =
        handshake(
            context(hub, acme.caChain()),
            true,
            context(leaf, List.of(root.certificate())),
            "127.0.0.1");

    assertThat(clientSeenByHub).isEqualTo("CN=leaf.nyc-office.acme.serviceradar");
  }

  @Test
  void leafSendingItsTenantCaAuthenticatesToAHubTrustingOnlyThePlatformRoot() throws Exception {
    IssuedCertificate hub = root.issueHubServerCertificate(List.of("127.0.0.1"), WIDE, random);
    IssuedCertificate leaf = acme.issueLeafCertificate(NYC_OFFICE, WIDE, random);

    String clientSeenByHub =
        handshake(
            context(hub, List.of(root.certificate())),
            true,
            context(leaf, List.of(root.certificate()), acme.certificate()),
            "127.0.0.1");

    assertThat(clientSeenByHub).isEqualTo("CN=leaf.nyc-office.acme.serviceradar");
  }

  @Test
  void leafFromAnotherPlatformIsRefusedByTheHub() throws Exception {
    IssuedCertificate hub = root.issueHubServerCertificate(List.of("127.0.0.1"), WIDE, random);
    PlatformRootCa otherRoot = PlatformRootCa.create(WIDE, random);
    TenantCa otherAcme = otherRoot.issueTenantCa(ACME, WIDE, random);
    IssuedCertificate strangerLeaf = otherAcme.issueLeafCertificate(NYC_OFFICE, WIDE, random);

    assertThatThrownBy(
            () ->
                handshake(
                    context(hub, acme.caChain()),
                    true,
                    context(strangerLeaf, List.of(root.certificate()), otherAcme.certificate()),
                    "127.0.0.1"))
        .isInstanceOf(HandshakeFailed.class)
        .hasMessageContaining(
            "server: javax.net.ssl.SSLHandshakeException: PKIX path validation failed");
  }

  @Test
  void serverOnlyCertificateCannotStandInForTheLeafClientCertificate() throws Exception {
    IssuedCertificate hub = root.issueHubServerCertificate(List.of("127.0.0.1"), WIDE, random);
    IssuedCertificate serverOnly =
        acme.issueLocalServerCertificate(NYC_OFFICE, Optional.empty(), WIDE, random);

    assertThatThrownBy(
            () ->
                handshake(
                    context(hub, acme.caChain()),
                    true,
                    context(serverOnly, List.of(root.certificate())),
                    "127.0.0.1"))
        .isInstanceOf(HandshakeFailed.class)
        .hasMessageContaining(
            "server: javax.net.ssl.SSLHandshakeException: Extended key usage does not permit use for"
                + " TLS client authentication");
  }

  /**
   * Runs one TLS exchange on 127.0.0.1 and returns the client subject the server saw, or "no client
   * certificate".
   */
  private String handshake(
      SSLContext serverContext, boolean needClientAuth, SSLContext clientContext, String host)
      throws Exception {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    try (SSLServerSocket listener =
        (SSLServerSocket)
            serverContext.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      listener.setNeedClientAuth(needClientAuth);
      listener.setSoTimeout(5_000);
      Future<String> served =
          serverThread.submit(
              () -> {
                try (SSLSocket connection = (SSLSocket) listener.accept()) {
                  connection.setSoTimeout(5_000);
                  connection.startHandshake();
                  int received = connection.getInputStream().read();
                  connection.getOutputStream().write(received);
                  connection.getOutputStream().flush();
                  return needClientAuth
                      ? connection.getSession().getPeerPrincipal().getName()
                      : "no client certificate";
                }
              });
      try {
        exchange(clientContext, host, loopback, listener.getLocalPort());
      } catch (IOException clientFailure) {
        Throwable serverFailure = null;
        try {
          served.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          serverFailure = e.getCause();
        }
        throw new HandshakeFailed(clientFailure, serverFailure);
      }
      return served.get(10, TimeUnit.SECONDS);
    }
  }

  /** Connects, verifies {@code host} against the server's certificate and exchanges one byte. */
  private static void exchange(SSLContext clientContext, String host, InetAddress address, int port)
      throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(address, port), 5_000);
      plain.setSoTimeout(5_000);
      try (SSLSocket client =
          (SSLSocket) clientContext.getSocketFactory().createSocket(plain, host, port, true)) {
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        client.startHandshake();
        client.getOutputStream().write(42);
        client.getOutputStream().flush();
        if (client.getInputStream().read() != 42) {
          throw new IOException("server closed the connection without echoing");
        }
      }
    }
  }

  /** The handshake or exchange failed; the message gives both sides' reasons. */
  private static final class HandshakeFailed extends Exception {
    private static final long serialVersionUID = 1L;

    HandshakeFailed(IOException clientReason, Throwable serverReason) {
      super("client: " + clientReason + "; server: " + serverReason, clientReason);
    }
  }

  /** A TLS context presenting {@code identity} (if any) and trusting {@code trusted}. */
  private SSLContext context(
      IssuedCertificate identity, List<X509Certificate> trusted, X509Certificate... chainTail)
      throws GeneralSecurityException, IOException {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (identity != null) {
      X509Certificate[] chain = new X509Certificate[1 + chainTail.length];
      chain[0] = identity.certificate();
      System.arraycopy(chainTail, 0, chain, 1, chainTail.length);
      keys.setKeyEntry("identity", identity.privateKey(), PASSWORD, chain);
    }
    keyManagers.init(keys, PASSWORD);
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    for (int i = 0; i < trusted.size(); i++) {
      anchors.setCertificateEntry("trusted-" + i, trusted.get(i));
    }
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(anchors);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), random);
    return context;
  }
}
