package com.serviceradar.edge.leafconfig;

import com.serviceradar.edge.names.JetStreamDomain;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.template.Language;
import com.serviceradar.edge.template.Template;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the SaaS hub's {@code nats-hub.conf} is rendered from, and {@link #render()}.
 *
 * <p>The hub runs in operator mode with a full resolver, so account JWTs pushed later with {@code
 * $SYS.REQ.CLAIMS.UPDATE} (new tenants, revocations) are kept in {@link HubPaths#resolverDir()} and
 * survive restarts. The system account and the given tenant accounts are also preloaded; checked on
 * nats-server 2.9.10, a full resolver stores a preloaded JWT at start only when it is newer ({@code
 * iat}) than the one in the directory, so an old bundle cannot undo a revocation pushed since.
 *
 * <p>Clients connect on the client URL's port (with TLS when it is {@code tls://}); leafs connect
 * on the leaf URL's port with mutual TLS, verified against the platform root alone. A leaf
 * therefore sends its tenant CA along with its certificate ({@code nats-leaf.pem} holds both), and
 * new tenants need no change here. Both listeners bind {@link #listenHost()}. JetStream runs in
 * domain {@code hub}, distinct from every leaf's. {@link #linkLiveness()} sets how soon a leaf link
 * that went silent without closing is dropped, and so reported disconnected ({@link
 * LinkLiveness#HUB_DEFAULT}).
 *
 * @param monitoring the HTTP monitoring listener, if any
 * @param tenantAccounts rendered sorted by public key, so their order does not matter
 */
public record HubConfig(
    String serverName,
    NatsUrl clientUrl,
    NatsUrl leafUrl,
    String listenHost,
    Optional<HostPort> monitoring,
    HubPaths paths,
    String operatorJwt,
    AccountJwt systemAccount,
    List<AccountJwt> tenantAccounts,
    LinkLiveness linkLiveness) {

  public static final String DEFAULT_SERVER_NAME = "hub";
  public static final String DEFAULT_LISTEN_HOST = "0.0.0.0";
  public static final String JETSTREAM_DOMAIN = JetStreamDomain.HUB.value();

  private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Template TEMPLATE =
      Template.load(HubConfig.class, "nats-hub.conf.tmpl", Language.NATS_CONF);

  public HubConfig {
    if (serverName == null || !SERVER_NAME.matcher(serverName).matches()) {
      throw new IllegalArgumentException(
          "hub server name must be 1-128 letters, digits or . _ -, starting with a letter or"
              + " digit");
    }
    Objects.requireNonNull(clientUrl, "clientUrl");
    Objects.requireNonNull(leafUrl, "leafUrl");
    HostPort.requireHost("hub listen host", listenHost);
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(paths, "paths");
    AccountJwt.requireJwt("operator JWT", operatorJwt);
    Objects.requireNonNull(systemAccount, "systemAccount");
    tenantAccounts = List.copyOf(tenantAccounts);
    Objects.requireNonNull(linkLiveness, "linkLiveness");
    Set<Integer> ports = new HashSet<>();
    ports.add(clientUrl.port());
    if (!ports.add(leafUrl.port())) {
      throw new IllegalArgumentException(
          "client and leafnode listeners cannot share port " + leafUrl.port());
    }
    monitoring.ifPresent(
        http -> {
          if (ports.contains(http.port())) {
            throw new IllegalArgumentException(
                "monitoring port " + http.port() + " is taken by another listener");
          }
        });
    LeafConfig.requireSubject(
        NatsIdentities.verifySystemAccountJwt(systemAccount.jwt(), operatorJwt).publicKey(),
        systemAccount,
        "system account");
    Set<String> seen = new HashSet<>();
    seen.add(systemAccount.publicKey());
    for (AccountJwt account : tenantAccounts) {
      if (!seen.add(account.publicKey())) {
        throw new IllegalArgumentException(
            "account " + account.publicKey() + " is given twice (or is the system account)");
      }
      LeafConfig.requireSubject(
          NatsIdentities.verifyAccountJwt(account.jwt(), operatorJwt).publicKey(),
          account,
          "tenant account");
    }
  }

  /**
   * A hub with the defaults: server name {@value #DEFAULT_SERVER_NAME}, listeners on {@value
   * #DEFAULT_LISTEN_HOST}, no monitoring, {@link HubPaths#DEFAULT}, {@link
   * LinkLiveness#HUB_DEFAULT}.
   *
   * @param clientUrl where clients and the control plane connect ({@code EDGE_HUB_CLIENT_URL})
   * @param leafUrl where leafs connect ({@code EDGE_HUB_LEAF_URL})
   */
  public static HubConfig of(
      NatsUrl clientUrl,
      NatsUrl leafUrl,
      String operatorJwt,
      AccountJwt systemAccount,
      List<AccountJwt> tenantAccounts) {
    return new HubConfig(
        DEFAULT_SERVER_NAME,
        clientUrl,
        leafUrl,
        DEFAULT_LISTEN_HOST,
        Optional.empty(),
        HubPaths.DEFAULT,
        operatorJwt,
        systemAccount,
        tenantAccounts,
        LinkLiveness.HUB_DEFAULT);
  }

  public HubConfig withServerName(String name) {
    return new HubConfig(
        name,
        clientUrl,
        leafUrl,
        listenHost,
        monitoring,
        paths,
        operatorJwt,
        systemAccount,
        tenantAccounts,
        linkLiveness);
  }

  public HubConfig withListenHost(String host) {
    return new HubConfig(
        serverName,
        clientUrl,
        leafUrl,
        host,
        monitoring,
        paths,
        operatorJwt,
        systemAccount,
        tenantAccounts,
        linkLiveness);
  }

  public HubConfig withMonitoring(HostPort http) {
    return new HubConfig(
        serverName,
        clientUrl,
        leafUrl,
        listenHost,
        Optional.of(http),
        paths,
        operatorJwt,
        systemAccount,
        tenantAccounts,
        linkLiveness);
  }

  public HubConfig withPaths(HubPaths installPaths) {
    return new HubConfig(
        serverName,
        clientUrl,
        leafUrl,
        listenHost,
        monitoring,
        installPaths,
        operatorJwt,
        systemAccount,
        tenantAccounts,
        linkLiveness);
  }

  /** With other ping settings (tests use a short interval to cut links quickly). */
  public HubConfig withLinkLiveness(LinkLiveness liveness) {
    return new HubConfig(
        serverName,
        clientUrl,
        leafUrl,
        listenHost,
        monitoring,
        paths,
        operatorJwt,
        systemAccount,
        tenantAccounts,
        liveness);
  }

  /** The hosts the hub's server certificate must name: the client and leaf URL hosts, once. */
  public List<String> certificateHosts() {
    List<String> hosts = new ArrayList<>();
    hosts.add(leafUrl.host());
    if (!hosts.contains(clientUrl.host())) {
      hosts.add(clientUrl.host());
    }
    return List.copyOf(hosts);
  }

  /** {@code nats-hub.conf}: UTF-8 text with {@code \n} line ends, every value quoted. */
  public String render() {
    List<Map<String, Object>> accounts = new ArrayList<>();
    accounts.add(account(systemAccount));
    tenantAccounts.stream()
        .sorted(Comparator.comparing(AccountJwt::publicKey))
        .forEach(account -> accounts.add(account(account)));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("server_name", serverName);
    values.put("ping_interval", linkLiveness.pingIntervalText());
    values.put("ping_max", linkLiveness.pingMax());
    values.put("client_listen", new HostPort(listenHost, clientUrl.port()).toString());
    values.put("client_tls", "tls".equals(clientUrl.scheme()));
    values.put("cert_file", paths.certFile(HubPaths.CERT_FILE));
    values.put("key_file", paths.certFile(HubPaths.KEY_FILE));
    values.put("root_ca_file", paths.certFile(HubPaths.ROOT_CA_FILE));
    values.put("monitoring", monitoring.isPresent());
    values.put("monitoring_listen", monitoring.map(HostPort::toString).orElse(""));
    values.put("operator_jwt", operatorJwt);
    values.put("system_account", systemAccount.publicKey());
    values.put("resolver_dir", paths.resolverDir());
    values.put("accounts", accounts);
    values.put("leaf_host", listenHost);
    values.put("leaf_port", leafUrl.port());
    values.put("store_dir", paths.storeDir());
    values.put("domain", JETSTREAM_DOMAIN);
    return TEMPLATE.render(values);
  }

  private static Map<String, Object> account(AccountJwt account) {
    return Map.of("public_key", account.publicKey(), "jwt", account.jwt());
  }

  @Override
  public String toString() {
    return "HubConfig[" + serverName + ", clients " + clientUrl + ", leafs " + leafUrl + "]";
  }
}
