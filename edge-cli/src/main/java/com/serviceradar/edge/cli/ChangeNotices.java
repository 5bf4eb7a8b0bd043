package com.serviceradar.edge.cli;

import com.serviceradar.edge.names.NoticeSubjects;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.verify.LeafConf;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The site agent's ear at its own leaf: subscribes there to {@link NoticeSubjects#CONFIG_CHANGED},
 * which the control plane publishes at the hub when the tenant's account JWT changed, and which
 * crosses the leaf link to every connected leaf. It listens with creds of its own ({@code
 * notice.creds} next to {@code agent.json}, fetched once with the agent token) that may subscribe
 * to that subject and nothing else: the leaf's creds may link only as a leafnode, and the
 * collectors' may publish data. Polling stays the fallback for every notice missed (leaf or hub
 * down, an older control plane), so a failure here is reported, never fatal, and retried.
 */
final class ChangeNotices implements AutoCloseable {

  static final String CREDS_FILE = "notice.creds";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  // A reload of the leaf closes its local clients once (NATS-FACTS.md): be back quickly.
  private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);

  private final SiteAgent agent;
  private final Path prefix;
  private final Path confFile;
  private final Runnable onNotice;
  private final Consumer<String> report;
  private Connection connection;
  private String lastFailure;

  ChangeNotices(
      SiteAgent agent, Path prefix, Path confFile, Runnable onNotice, Consumer<String> report) {
    this.agent = agent;
    this.prefix = prefix;
    this.confFile = confFile;
    this.onNotice = onNotice;
    this.report = report;
  }

  /**
   * Starts listening unless it already does (the client then reconnects by itself). A failure is
   * reported once, until it changes, and tried again at the next call.
   */
  void ensureListening() {
    if (connection != null) {
      return;
    }
    try {
      LeafConf conf = LeafConf.parse(Files.readString(confFile, StandardCharsets.UTF_8));
      String url = localUrl(conf);
      Options options =
          new Options.Builder()
              .server(url)
              .connectionName("serviceradar-edge-agent")
              .authHandler(Nats.staticCredentials(creds().getBytes(StandardCharsets.UTF_8)))
              .sslContext(trusting(conf))
              .connectionTimeout(CONNECT_TIMEOUT)
              .maxReconnects(-1)
              .reconnectWait(RECONNECT_WAIT)
              .errorListener(new ErrorListener() {})
              .build();
      Connection opened = Nats.connect(options);
      opened.createDispatcher(message -> onNotice.run()).subscribe(NoticeSubjects.CONFIG_CHANGED);
      connection = opened;
      lastFailure = null;
      report.accept("listening for change notices at " + url);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      reportFailure(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reportFailure(String why) {
    if (!Objects.equals(why, lastFailure)) {
      lastFailure = why;
      report.accept("change notices unavailable (" + why + "): syncing every interval only");
    }
  }

  /** The agent's notice creds, fetched once with the agent token and kept 0600. */
  private String creds() throws IOException {
    Path file = SiteAgent.directory(prefix).resolve(CREDS_FILE);
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    String creds =
        Json.text(
            agent
                .client()
                .post("/api/v1/edge-sites/" + agent.siteId() + "/notice-creds", Json.object()),
            "creds",
            null);
    if (creds == null || creds.isBlank()) {
      throw ExitException.failure("the control plane sent no notice creds");
    }
    SecretFile.write(file, creds);
    return creds;
  }

  /** The leaf's local client port, on loopback when it listens on every address. */
  private static String localUrl(LeafConf conf) {
    String listen =
        conf.top("listen")
            .orElseThrow(() -> ExitException.failure("the leaf's configuration has no listen"));
    int colon = listen.lastIndexOf(':');
    String host = colon < 0 ? "" : listen.substring(0, colon);
    String port = listen.substring(colon + 1);
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return "tls://" + host + ":" + port;
  }

  /** Trusts the site's CA chain, which issued the leaf's local server certificate. */
  private static SSLContext trusting(LeafConf conf) throws IOException, GeneralSecurityException {
    String caFile =
        conf.top("ca_file")
            .orElseThrow(() -> ExitException.failure("the leaf's configuration has no ca_file"));
    List<X509Certificate> chain =
        Pem.decodeCertificates(Files.readString(Path.of(caFile), StandardCharsets.UTF_8));
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    for (int i = 0; i < chain.size(); i++) {
      trusted.setCertificateEntry("ca" + i, chain.get(i));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  @Override
  public void close() throws InterruptedException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
