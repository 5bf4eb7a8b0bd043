package com.serviceradar.edge.server.natsauth;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.server.pki.PlatformCertificateAuthority;
import com.serviceradar.edge.server.system.EdgeProperties;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The control plane's own connection to the SaaS hub, as the SYS monitor user, when {@code
 * EDGE_HUB_CLIENT_URL} is set. It reconnects forever; listeners hear of every (re)connect, because
 * whatever happened on the hub while we were away has to be caught up then.
 */
@Component
public class HubConnection implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HubConnection.class);

  private final EdgeProperties properties;
  private final PlatformOperator platformOperator;
  private final PlatformCertificateAuthority platformCa;
  private final NatsIdentities identities;
  private final List<Runnable> onConnected = new CopyOnWriteArrayList<>();
  private volatile Connection connection;
  private volatile boolean running;
  private Thread connector;

  HubConnection(
      EdgeProperties properties,
      PlatformOperator platformOperator,
      PlatformCertificateAuthority platformCa,
      NatsIdentities identities) {
    this.properties = properties;
    this.platformOperator = platformOperator;
    this.platformCa = platformCa;
    this.identities = identities;
  }

  public boolean isConfigured() {
    return !properties.hub().clientUrl().isBlank();
  }

  /** The live connection, when there is one right now. */
  public Optional<Connection> connected() {
    Connection current = connection;
    return current != null && current.getStatus() == Connection.Status.CONNECTED
        ? Optional.of(current)
        : Optional.empty();
  }

  /** Runs {@code action} after every connect and reconnect to the hub. */
  public void whenConnected(Runnable action) {
    onConnected.add(action);
  }

  /**
   * A separate connection to the hub with other credentials (a tenant-account user), with the same
   * TLS trust as the monitor's; it does not reconnect: the caller opens a new one when it is lost.
   *
   * @throws IOException when the hub does not answer
   */
  public Connection connectAs(String credsText, String connectionName)
      throws IOException, InterruptedException {
    NatsUrl url = NatsUrl.parse(properties.hub().clientUrl());
    Options.Builder options =
        new Options.Builder()
            .server(url.toString())
            .connectionName(connectionName)
            .authHandler(Nats.staticCredentials(credsText.getBytes(StandardCharsets.UTF_8)))
            .maxReconnects(0)
            .connectionTimeout(Duration.ofSeconds(5))
            .errorListener(new QuietErrorListener());
    if ("tls".equals(url.scheme())) {
      options.sslContext(trustingPlatformRoot());
    }
    return Nats.connect(options.build());
  }

  @Override
  public void start() {
    if (!isConfigured()) {
      return;
    }
    NatsUrl url = NatsUrl.parse(properties.hub().clientUrl());
    String creds = identities.issueMonitorUser(platformOperator.operator()).credsText();
    Options.Builder options =
        new Options.Builder()
            .server(url.toString())
            .connectionName("serviceradar-edge-control-plane")
            .authHandler(Nats.staticCredentials(creds.getBytes(StandardCharsets.UTF_8)))
            .maxReconnects(-1)
            .reconnectWait(Duration.ofSeconds(1))
            .connectionTimeout(Duration.ofSeconds(5))
            .connectionListener(this::connectionEvent)
            .errorListener(new QuietErrorListener());
    if ("tls".equals(url.scheme())) {
      options.sslContext(trustingPlatformRoot());
    }
    running = true;
    Options built = options.build();
    connector = new Thread(() -> connectUntilStopped(built, url), "hub-connector");
    connector.setDaemon(true);
    connector.start();
  }

  /**
   * The first connection is made here, retrying with back-off up to 30 s, so the control plane
   * serves while the hub is down; once connected, jnats reconnects on its own, forever.
   */
  private void connectUntilStopped(Options options, NatsUrl url) {
    Duration wait = Duration.ofMillis(250);
    while (running) {
      try {
        Connection connected = Nats.connect(options);
        if (!running) {
          connected.close();
        }
        return;
      } catch (IOException e) {
        log.warn(
            "The NATS hub at {} does not answer yet ({}); retrying in {} ms",
            url,
            e.getMessage(),
            wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      wait =
          wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
              ? Duration.ofSeconds(30)
              : wait.multipliedBy(2);
    }
  }

  private void connectionEvent(Connection source, ConnectionListener.Events event) {
    switch (event) {
      case CONNECTED, RECONNECTED, RESUBSCRIBED -> {
        connection = source;
        if (event != ConnectionListener.Events.RESUBSCRIBED) {
          log.info("Connected to the NATS hub ({})", event.getEvent());
          onConnected.forEach(Runnable::run);
        }
      }
      case DISCONNECTED -> {
        if (connection != null) {
          log.warn("Lost the connection to the NATS hub; reconnecting");
        }
      }
      case CLOSED -> connection = null;
      default -> {}
    }
  }

  /** jnats reports every refused reconnect at ERROR; the connection events above already tell. */
  private static final class QuietErrorListener implements ErrorListener {
    @Override
    public void errorOccurred(Connection connection, String error) {
      log.warn("The NATS hub reported: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
      log.debug("NATS hub connection: {}", exception.toString());
    }
  }

  /** The hub's certificate is issued by the platform root; trust nothing else for this link. */
  private SSLContext trustingPlatformRoot() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      X509Certificate root = platformCa.root().certificate();
      trust.setCertificateEntry("serviceradar-platform-root", root);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the TLS context for the hub connection", e);
    }
  }

  @Override
  public void stop() {
    running = false;
    if (connector != null) {
      connector.interrupt();
    }
    Connection current = connection;
    connection = null;
    if (current != null) {
      try {
        current.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
