package com.serviceradar.edge.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.serviceradar.edge.leafconfig.AccountJwt;
import com.serviceradar.edge.leafconfig.HostPort;
import com.serviceradar.edge.leafconfig.HubConfig;
import com.serviceradar.edge.leafconfig.HubPaths;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.leafconfig.LeafPaths;
import com.serviceradar.edge.leafconfig.LinkLiveness;
import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.PlatformRootCa;
import com.serviceradar.edge.pki.TenantCa;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A SaaS hub and edge-site leafs of several tenants, rendered from the real configurations and run
 * by the real nats-server on loopback: what the control plane would set up, without it. Tenants are
 * declared first (the hub preloads their accounts), then sites; servers start and stop at will,
 * keeping their ports and JetStream data. For partition tests the hub can listen on a {@link
 * NetworkNamespace}'s WAN address and a site's leaf run inside the namespace ({@link
 * Tenant#siteBehind}).
 */
public final class EdgeLab implements AutoCloseable {

  private final Path dir;
  private final SecureRandom random = new SecureRandom();
  private final Instant now = Instant.now().minus(Duration.ofMinutes(1));
  private final NatsIdentities identities = new NatsIdentities(Clock.systemUTC(), random);
  private final NatsOperator operator = identities.createOperator("serviceradar-lab");
  private final PlatformRootCa root = PlatformRootCa.create(now, random);
  private final Map<String, Tenant> tenants = new LinkedHashMap<>();
  private final List<Site> sites = new ArrayList<>();
  private final int hubClientPort = NatsServerProcess.freePort();
  private final int hubLeafPort = NatsServerProcess.freePort();
  private final String configExtra;
  private String hubHost = "127.0.0.1";
  private LinkLiveness hubLiveness = LinkLiveness.HUB_DEFAULT;
  private LinkLiveness leafLiveness = LinkLiveness.LEAF_DEFAULT;
  private Path hubConf;
  private NatsServerProcess hub;

  private EdgeLab(Path dir, String configExtra) {
    this.dir = dir;
    this.configExtra = configExtra;
  }

  /**
   * @param configExtra lines appended to the hub's and every leaf's configuration
   */
  public static EdgeLab create(Path dir, String configExtra, String... tenantSlugs) {
    EdgeLab lab = new EdgeLab(dir, configExtra);
    for (String slug : tenantSlugs) {
      TenantSlug tenant = TenantSlug.of(slug);
      lab.tenants.put(
          slug,
          lab
          .new Tenant(
              tenant,
              lab.identities.createTenantAccount(lab.operator, tenant),
              lab.root.issueTenantCa(tenant, lab.now, lab.random)));
    }
    return lab;
  }

  /**
   * The hub listens, and is dialled by leafs and clients, at this address instead of 127.0.0.1
   * (such as {@link NetworkNamespace#hubAddress()}); its certificate names it. Before the hub or
   * any site is written.
   */
  public EdgeLab withHubHost(String host) {
    requireNothingWritten();
    hubHost = host;
    return this;
  }

  /** Ping settings other than the defaults, before the hub or any site is written. */
  public EdgeLab withLinkLiveness(LinkLiveness hub, LinkLiveness leaf) {
    requireNothingWritten();
    hubLiveness = hub;
    leafLiveness = leaf;
    return this;
  }

  private void requireNothingWritten() {
    if (hubConf != null || !sites.isEmpty()) {
      throw new IllegalStateException("configure the lab before writing the hub or a site");
    }
  }

  public Tenant tenant(String slug) {
    return tenants.get(slug);
  }

  public String hubUrl() {
    return "nats://" + hubHost + ":" + hubClientPort;
  }

  public NatsServerProcess hub() {
    return hub;
  }

  public void startHub() throws IOException {
    if (hubConf == null) {
      hubConf = writeHub();
    }
    hub = NatsServerProcess.startFromFile(List.of(), hubConf, hubHost, hubClientPort, null);
  }

  public void stopHub() {
    hub.close();
  }

  /**
   * The control plane's monitor user at the hub (system account): receives {@code
   * $SYS.ACCOUNT.<account>.CONNECT} and {@code .DISCONNECT} and may ask for CONNZ.
   */
  public Connection system() throws IOException, InterruptedException {
    return LocalNats.connect(hubUrl(), identities.issueMonitorUser(operator).credsText(), null);
  }

  @Override
  public void close() {
    sites.forEach(Site::stop);
    if (hub != null) {
      hub.close();
    }
  }

  private Path writeHub() throws IOException {
    Path hubDir = dir.resolve("hub");
    HubConfig config =
        HubConfig.of(
                NatsUrl.parse(hubUrl()),
                NatsUrl.parse("tls://" + hubHost + ":" + hubLeafPort),
                operator.jwt(),
                AccountJwt.of(operator.systemAccount()),
                tenants.values().stream().map(tenant -> AccountJwt.of(tenant.account())).toList())
            .withListenHost(hubHost)
            .withLinkLiveness(hubLiveness)
            .withPaths(
                new HubPaths(
                    hubDir.resolve("etc").toString(),
                    hubDir.resolve("jwt").toString(),
                    hubDir.resolve("data").toString()));
    IssuedCertificate certificate =
        root.issueHubServerCertificate(config.certificateHosts(), now, random);
    write(config.paths().certFile(HubPaths.CERT_FILE), certificate.certificatePem(), false);
    write(config.paths().certFile(HubPaths.KEY_FILE), certificate.privateKeyPem(), true);
    write(config.paths().certFile(HubPaths.ROOT_CA_FILE), root.certificatePem(), false);
    write(config.paths().confFile(), config.render() + "\n" + configExtra + "\n", false);
    return Path.of(config.paths().confFile());
  }

  /** A tenant: its account and CA, and users issued in its account. */
  public final class Tenant {
    private final TenantSlug slug;
    private final TenantAccount account;
    private final TenantCa ca;

    Tenant(TenantSlug slug, TenantAccount account, TenantCa ca) {
      this.slug = slug;
      this.account = account;
      this.ca = ca;
    }

    public TenantAccount account() {
      return account;
    }

    public String caChain() {
      return ca.caChainPem();
    }

    public String creds(String name, UserPermissions permissions) {
      return identities.issueUser(account, name, permissions, List.of()).credsText();
    }

    /** A new site of this tenant, its leaf's files written (not started). */
    public Site site(String siteSlug) throws IOException {
      Site site = new Site(this, SiteSlug.of(siteSlug), Optional.empty());
      sites.add(site);
      return site;
    }

    /**
     * A new site whose leaf runs inside the namespace, listening for collectors on its {@link
     * NetworkNamespace#siteAddress()} and dialling the hub across its WAN: the lab's hub must be at
     * {@link NetworkNamespace#hubAddress()} ({@link #withHubHost}).
     */
    public Site siteBehind(String siteSlug, NetworkNamespace network) throws IOException {
      if (!network.hubAddress().equals(hubHost)) {
        throw new IllegalStateException("the hub must listen at " + network.hubAddress());
      }
      Site site = new Site(this, SiteSlug.of(siteSlug), Optional.of(network));
      sites.add(site);
      return site;
    }
  }

  /** One edge site's leaf. */
  public final class Site {
    private final Tenant tenant;
    private final SiteSlug slug;
    private final Optional<NetworkNamespace> network;
    private final LeafConfig config;
    private NatsServerProcess leaf;

    Site(Tenant tenant, SiteSlug slug, Optional<NetworkNamespace> network) throws IOException {
      this.tenant = tenant;
      this.slug = slug;
      this.network = network;
      Path leafDir = dir.resolve(LeafNames.serverName(tenant.slug, slug));
      this.config =
          LeafConfig.forSite(
                  tenant.slug,
                  slug,
                  NatsUrl.parse("tls://" + hubHost + ":" + hubLeafPort),
                  operator.jwt(),
                  AccountJwt.of(operator.systemAccount()),
                  AccountJwt.of(tenant.account))
              .withLocalListen(
                  new HostPort(
                      network.map(NetworkNamespace::siteAddress).orElse("127.0.0.1"),
                      NatsServerProcess.freePort()))
              .withLinkLiveness(leafLiveness)
              .withMonitoringPort(NatsServerProcess.freePort())
              .withPaths(
                  new LeafPaths(
                      leafDir.resolve("etc").toString(),
                      leafDir.resolve("data").toString(),
                      leafDir.resolve("log").toString()));
      writeLeaf();
    }

    public SiteSlug slug() {
      return slug;
    }

    public LeafConfig config() {
      return config;
    }

    public String localUrl() {
      return "tls://" + config.localListen().host() + ":" + config.localListen().port();
    }

    public NatsServerProcess leaf() {
      return leaf;
    }

    public void start() throws IOException {
      leaf =
          NatsServerProcess.startFromFile(
              network.map(NetworkNamespace::launcher).orElse(List.of()),
              Path.of(config.paths().confFile()),
              config.localListen().host(),
              config.localListen().port(),
              Path.of(config.paths().logFile()));
    }

    /**
     * Waits until the leaf's link to the hub is up: as the leaf reports it, or for a leaf behind a
     * namespace (whose monitoring port is its own 127.0.0.1) as the hub does.
     */
    public void awaitLinked() throws InterruptedException, IOException {
      if (network.isPresent()) {
        try (Connection system = system()) {
          if (!LeafLinks.awaitLinked(system, tenant.account.publicKey(), config.serverName())) {
            throw new AssertionError("the hub does not see the leaf: " + leaf.log() + hub.log());
          }
        }
        return;
      }
      String leafz = LocalNats.awaitLeafz(config.monitoringPort(), Duration.ofSeconds(15));
      if (leafz == null || LocalNats.leafnodes(leafz) < 1) {
        throw new AssertionError("the leaf did not link up: " + leaf.log());
      }
    }

    public void stop() {
      if (leaf != null) {
        leaf.close();
      }
    }

    /** A collector's connection at this leaf, reconnecting forever (as collectors do). */
    public Connection connect(String creds) throws IOException, InterruptedException {
      return Nats.connect(
          new Options.Builder()
              .server(localUrl())
              .authHandler(Nats.staticCredentials(creds.getBytes(UTF_8)))
              .sslContext(LocalNats.trusting(tenant.caChain()))
              .maxReconnects(-1)
              .reconnectWait(Duration.ofMillis(100))
              .connectionTimeout(Duration.ofSeconds(5))
              .errorListener(new ErrorListener() {})
              .build());
    }

    private void writeLeaf() throws IOException {
      IssuedCertificate upstream = tenant.ca.issueLeafCertificate(slug, now, random);
      IssuedCertificate local =
          tenant.ca.issueLocalServerCertificate(
              slug, network.map(NetworkNamespace::siteAddress), now, random);
      LeafPaths paths = config.paths();
      String caPem = tenant.ca.certificatePem();
      write(paths.certFile(LeafPaths.SERVER_CERT_FILE), local.certificatePem() + caPem, false);
      write(paths.certFile(LeafPaths.SERVER_KEY_FILE), local.privateKeyPem(), true);
      write(paths.certFile(LeafPaths.LEAF_CERT_FILE), upstream.certificatePem() + caPem, false);
      write(paths.certFile(LeafPaths.LEAF_KEY_FILE), upstream.privateKeyPem(), true);
      write(paths.certFile(LeafPaths.CA_CHAIN_FILE), tenant.ca.caChainPem(), false);
      write(
          paths.credsFile(),
          identities.issueLeafUser(tenant.account, slug, UUID.randomUUID()).credsText(),
          true);
      write(paths.confFile(), config.render() + "\n" + configExtra + "\n", false);
      Files.createDirectories(Path.of(paths.logDir()));
    }
  }

  private static void write(String file, String text, boolean secret) throws IOException {
    Path path = Path.of(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, UTF_8);
    if (secret) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
