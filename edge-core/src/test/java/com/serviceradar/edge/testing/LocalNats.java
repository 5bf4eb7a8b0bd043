package com.serviceradar.edge.testing;

import com.serviceradar.edge.pki.Pem;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Client-side helpers for tests against real servers on loopback: connects, HTTP monitoring. */
public final class LocalNats {

  private static final Pattern LEAFNODES = Pattern.compile("\"leafnodes\":\\s*(\\d+)");

  private LocalNats() {}

  /** Connects with a {@code .creds} text; TLS verified against {@code trustedPem} when not null. */
  public static Connection connect(String url, String credsText, String trustedPem)
      throws IOException, InterruptedException {
    return Nats.connect(options(url, credsText, trustedPem, Duration.ofSeconds(5)));
  }

  /** Tries to connect and returns why it failed; jnats waits out the connect timeout (1 s). */
  public static Exception refusedConnect(String url, String credsText, String trustedPem)
      throws InterruptedException {
    try {
      Nats.connect(options(url, credsText, trustedPem, Duration.ofSeconds(1))).close();
    } catch (IOException refused) {
      return refused;
    }
    throw new AssertionError("connect to " + url + " was not refused");
  }

  private static Options options(
      String url, String credsText, String trustedPem, Duration timeout) {
    Options.Builder builder =
        new Options.Builder()
            .server(url)
            .connectionTimeout(timeout)
            .maxReconnects(0)
            .errorListener(new ErrorListener() {});
    if (credsText != null) {
      builder.authHandler(Nats.staticCredentials(credsText.getBytes(StandardCharsets.UTF_8)));
    }
    if (trustedPem != null) {
      builder.sslContext(trusting(trustedPem));
    }
    return builder.build();
  }

  /** An SSLContext trusting exactly the certificates in the PEM text. */
  public static SSLContext trusting(String pem) {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      List<X509Certificate> certificates = Pem.decodeCertificates(pem);
      for (int i = 0; i < certificates.size(); i++) {
        trusted.setCertificateEntry("ca" + i, certificates.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Publishes on {@code from} until {@code subscription} (on another server) receives it: interest
   * crosses the leaf link shortly after a subscribe. Null if nothing arrived in time.
   */
  public static Message publishUntilReceived(
      Connection from, Subscription subscription, String subject, String payload, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      from.publish(subject, payload.getBytes(StandardCharsets.UTF_8));
      Message received = subscription.nextMessage(Duration.ofMillis(100));
      if (received != null) {
        return received;
      }
    }
    return null;
  }

  /** GET on a loopback monitoring endpoint; the body, or null when nothing answers. */
  public static String httpGet(String url) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException notAnswering) {
      return null;
    }
  }

  /**
   * Waits until {@code /leafz} of the monitoring listener reports at least one leaf connection and
   * returns its body; the last body (or null) if it did not in time.
   */
  public static String awaitLeafz(int monitoringPort, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String body = null;
    do {
      body = httpGet("http://127.0.0.1:" + monitoringPort + "/leafz");
      if (body != null && leafnodes(body) > 0) {
        return body;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return body;
  }

  /** The {@code leafnodes} count of a {@code /leafz} body, -1 when absent. */
  public static int leafnodes(String leafz) {
    Matcher matcher = LEAFNODES.matcher(leafz);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
  }
}
