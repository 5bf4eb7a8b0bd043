package com.serviceradar.edge.cli;

import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.pki.PemException;
import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.LeafMaterial.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The doctor's checks of the way to the hub: the hub's name resolves, its leafnode port answers,
 * and a TLS handshake with the leaf's own certificate succeeds against a hub certificate naming
 * that host.
 */
final class HubReach {

  private HubReach() {}

  static Optional<InetAddress> dns(String host, List<Check> checks) {
    try {
      InetAddress address = InetAddress.getByName(host);
      checks.add(Check.pass(Doctor.DNS, host + " resolves to " + address.getHostAddress()));
      return Optional.of(address);
    } catch (UnknownHostException e) {
      checks.add(
          Check.fail(
              Doctor.DNS,
              host + " does not resolve",
              "check this host's DNS (/etc/resolv.conf) and that it may resolve external names"));
      return Optional.empty();
    }
  }

  static boolean tcp(InetAddress address, URI upstream, List<Check> checks) {
    int port = upstream.getPort() < 0 ? 7422 : upstream.getPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) Doctor.NETWORK_TIMEOUT.toMillis());
      checks.add(Check.pass(Doctor.TCP, "connected to " + address.getHostAddress() + ":" + port));
      return true;
    } catch (IOException e) {
      checks.add(
          Check.fail(
              Doctor.TCP,
              "hub unreachable: cannot connect to "
                  + upstream.getHost()
                  + ":"
                  + port
                  + " ("
                  + e.getMessage()
                  + ")",
              "allow outgoing TCP to "
                  + upstream.getHost()
                  + ":"
                  + port
                  + " in the site's firewall, or check the hub is up"));
      return false;
    }
  }

  /**
   * nats-server sends its INFO line in plain text and then expects the TLS handshake (2.9); the hub
   * certificate must chain to the platform root (the last certificate of ca-chain.pem) and name the
   * URL's host (NATS-FACTS.md, "TLS pitfalls"). The leaf certificate is presented, as the leaf
   * does.
   */
  static Check tls(InetAddress address, URI upstream, Map<Role, String> texts) {
    int port = upstream.getPort() < 0 ? 7422 : upstream.getPort();
    SSLContext ssl;
    try {
      ssl = context(texts);
    } catch (GeneralSecurityException | IOException | PemException | IllegalStateException e) {
      return Check.skip(
          Doctor.TLS, "the leaf certificate, key or ca-chain.pem are unusable (see above)");
    }
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(address, port), (int) Doctor.NETWORK_TIMEOUT.toMillis());
      plain.setSoTimeout((int) Doctor.NETWORK_TIMEOUT.toMillis());
      String info =
          new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (info == null || !info.startsWith("INFO")) {
        return Check.fail(
            Doctor.TLS,
            upstream.getHost() + ":" + port + " is not a NATS server (no INFO line)",
            "check the hub URL in nats-leaf.conf");
      }
      try (SSLSocket socket =
          (SSLSocket) ssl.getSocketFactory().createSocket(plain, upstream.getHost(), port, false)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        X509Certificate hub = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        return Check.pass(
            Doctor.TLS,
            "hub certificate "
                + hub.getSubjectX500Principal().getName()
                + " chains to the platform root and names "
                + upstream.getHost());
      }
    } catch (IOException e) {
      return Check.fail(
          Doctor.TLS,
          "TLS handshake with " + upstream.getHost() + ":" + port + " failed: " + e.getMessage(),
          "the hub's certificate must chain to the last certificate of ca-chain.pem and name "
              + upstream.getHost()
              + "; reinstall the current bundle");
    }
  }

  private static SSLContext context(Map<Role, String> texts)
      throws GeneralSecurityException, IOException {
    List<X509Certificate> chain = Pem.decodeCertificates(texts.get(Role.CA_CHAIN));
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("platform-root", chain.get(chain.size() - 1));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    List<X509Certificate> leaf = Pem.decodeCertificates(texts.get(Role.LEAF_CERT));
    PrivateKey key = Pem.decodePrivateKey(texts.get(Role.LEAF_KEY));
    KeyStore identity = KeyStore.getInstance("PKCS12");
    identity.load(null, null);
    char[] password = "doctor".toCharArray();
    identity.setKeyEntry("leaf", key, password, leaf.toArray(X509Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }
}
