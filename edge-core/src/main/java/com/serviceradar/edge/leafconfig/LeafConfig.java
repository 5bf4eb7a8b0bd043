package com.serviceradar.edge.leafconfig;

import com.serviceradar.edge.names.JetStreamDomain;
import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.template.Language;
import com.serviceradar.edge.template.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an edge site's {@code nats-leaf.conf} is rendered from, and {@link #render()}.
 *
 * <p>The leaf runs in operator mode with the platform's operator JWT, the system account and its
 * tenant's account preloaded ({@code resolver: MEMORY}), so a collector's tenant {@code .creds}
 * work against the leaf exactly as against the hub; a leaf without local auth would accept anyone
 * and ignore the creds (NATS-FACTS.md, "Operator-mode leaf"). It listens for local clients with TLS
 * ({@code nats-server.pem}), serves monitoring on 127.0.0.1 only, runs JetStream in its own domain
 * {@code edge-{site_slug}}, and links to the hub as {@code leaf-{tenant_slug}-{site_slug}} with
 * mutual TLS ({@code nats-leaf.pem}) into the tenant account, dropping and redialling that link
 * when it goes silent ({@link #linkLiveness()}, {@link LinkLiveness#LEAF_DEFAULT}).
 *
 * <p><b>Upstream credentials.</b> The remote's {@code credentials} file keeps the contract name
 * {@code creds/tenant.creds} (ARCHITECTURE.md, "Edge site bundle"), but it holds the site's own
 * <em>leaf user</em> ({@code leaf.{site}.{tenant}}, {@code allowed_connection_types: LEAFNODE}), a
 * user of the tenant account, not an account-wide or collector credential: one site can then be
 * revoked without touching any other site or collector (NATS-FACTS.md, "Identity chain").
 *
 * <p>The constructor verifies the JWTs against the operator: the system account must be the
 * operator's {@code system_account}, and both accounts must be signed by the operator ({@link
 * com.serviceradar.edge.natsauth.NatsIdentityException} otherwise); a JWT whose subject is not the
 * given public key is an {@link IllegalArgumentException}.
 */
public record LeafConfig(
    TenantSlug tenant,
    SiteSlug site,
    NatsUrl upstream,
    String operatorJwt,
    AccountJwt systemAccount,
    AccountJwt tenantAccount,
    HostPort localListen,
    int monitoringPort,
    LeafPaths paths,
    JetStreamLimits jetStream,
    LinkLiveness linkLiveness) {

  /** Local clients: every interface, the standard NATS port. */
  public static final HostPort DEFAULT_LOCAL_LISTEN = new HostPort("0.0.0.0", 4222);

  public static final int DEFAULT_MONITORING_PORT = 8222;

  /** The monitoring listener is bound here only: it is for diagnostics on the edge host. */
  public static final String MONITORING_HOST = "127.0.0.1";

  private static final Template TEMPLATE =
      Template.load(LeafConfig.class, "nats-leaf.conf.tmpl", Language.NATS_CONF);

  public LeafConfig {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(upstream, "upstream");
    AccountJwt.requireJwt("operator JWT", operatorJwt);
    Objects.requireNonNull(systemAccount, "systemAccount");
    Objects.requireNonNull(tenantAccount, "tenantAccount");
    Objects.requireNonNull(localListen, "localListen");
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(jetStream, "jetStream");
    Objects.requireNonNull(linkLiveness, "linkLiveness");
    if (monitoringPort < 1 || monitoringPort > 65535) {
      throw new IllegalArgumentException(
          "monitoring port must be between 1 and 65535 (got " + monitoringPort + ")");
    }
    if (monitoringPort == localListen.port()) {
      throw new IllegalArgumentException(
          "monitoring port and local listen port are both " + monitoringPort);
    }
    requireSubject(
        NatsIdentities.verifySystemAccountJwt(systemAccount.jwt(), operatorJwt).publicKey(),
        systemAccount,
        "system account");
    requireSubject(
        NatsIdentities.verifyAccountJwt(tenantAccount.jwt(), operatorJwt).publicKey(),
        tenantAccount,
        "tenant account");
    if (tenantAccount.publicKey().equals(systemAccount.publicKey())) {
      throw new IllegalArgumentException("the tenant account must not be the system account");
    }
  }

  /**
   * A site's leaf with the defaults: local clients on {@link #DEFAULT_LOCAL_LISTEN}, monitoring on
   * 127.0.0.1:{@value #DEFAULT_MONITORING_PORT}, {@link LeafPaths#DEFAULT}, {@link
   * JetStreamLimits#DEFAULT} and {@link LinkLiveness#LEAF_DEFAULT}.
   *
   * @param upstream the hub's leafnode URL, e.g. {@code tls://nats.serviceradar.cloud:7422}
   */
  public static LeafConfig forSite(
      TenantSlug tenant,
      SiteSlug site,
      NatsUrl upstream,
      String operatorJwt,
      AccountJwt systemAccount,
      AccountJwt tenantAccount) {
    return new LeafConfig(
        tenant,
        site,
        upstream,
        operatorJwt,
        systemAccount,
        tenantAccount,
        DEFAULT_LOCAL_LISTEN,
        DEFAULT_MONITORING_PORT,
        LeafPaths.DEFAULT,
        JetStreamLimits.DEFAULT,
        LinkLiveness.LEAF_DEFAULT);
  }

  public LeafConfig withLocalListen(HostPort listen) {
    return new LeafConfig(
        tenant,
        site,
        upstream,
        operatorJwt,
        systemAccount,
        tenantAccount,
        listen,
        monitoringPort,
        paths,
        jetStream,
        linkLiveness);
  }

  public LeafConfig withMonitoringPort(int port) {
    return new LeafConfig(
        tenant,
        site,
        upstream,
        operatorJwt,
        systemAccount,
        tenantAccount,
        localListen,
        port,
        paths,
        jetStream,
        linkLiveness);
  }

  public LeafConfig withPaths(LeafPaths installPaths) {
    return new LeafConfig(
        tenant,
        site,
        upstream,
        operatorJwt,
        systemAccount,
        tenantAccount,
        localListen,
        monitoringPort,
        installPaths,
        jetStream,
        linkLiveness);
  }

  public LeafConfig withJetStream(JetStreamLimits limits) {
    return new LeafConfig(
        tenant,
        site,
        upstream,
        operatorJwt,
        systemAccount,
        tenantAccount,
        localListen,
        monitoringPort,
        paths,
        limits,
        linkLiveness);
  }

  /** With other ping settings (tests use a short interval to cut links quickly). */
  public LeafConfig withLinkLiveness(LinkLiveness liveness) {
    return new LeafConfig(
        tenant,
        site,
        upstream,
        operatorJwt,
        systemAccount,
        tenantAccount,
        localListen,
        monitoringPort,
        paths,
        jetStream,
        liveness);
  }

  /**
   * {@code leaf-{tenant_slug}-{site_slug}}: unique per account, or two leafs flap forever
   * (NATS-FACTS.md, "Leaf rules").
   */
  public String serverName() {
    return LeafNames.serverName(tenant, site);
  }

  /**
   * {@code edge-{site_slug}}: unique within the tenant, or JetStream silently mixes sites
   * (NATS-FACTS.md, "JetStream across the leaf link").
   */
  public String jetStreamDomain() {
    return JetStreamDomain.forSite(site).value();
  }

  /** The monitoring listener, {@code 127.0.0.1:{port}}. */
  public HostPort monitoring() {
    return new HostPort(MONITORING_HOST, monitoringPort);
  }

  /** {@code nats-leaf.conf}: UTF-8 text with {@code \n} line ends, every value quoted. */
  public String render() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("server_name", serverName());
    values.put("ping_interval", linkLiveness.pingIntervalText());
    values.put("ping_max", linkLiveness.pingMax());
    values.put("log_file", paths.logFile());
    values.put("listen", localListen.toString());
    values.put("server_cert_file", paths.certFile(LeafPaths.SERVER_CERT_FILE));
    values.put("server_key_file", paths.certFile(LeafPaths.SERVER_KEY_FILE));
    values.put("ca_file", paths.certFile(LeafPaths.CA_CHAIN_FILE));
    values.put("monitoring", monitoring().toString());
    values.put("store_dir", paths.storeDir());
    values.put("max_memory_store", jetStream.maxMemoryStore());
    values.put("max_file_store", jetStream.maxFileStore());
    values.put("domain", jetStreamDomain());
    values.put("operator_jwt", operatorJwt);
    values.put("system_account", systemAccount.publicKey());
    values.put("system_account_jwt", systemAccount.jwt());
    values.put("tenant_account", tenantAccount.publicKey());
    values.put("tenant_account_jwt", tenantAccount.jwt());
    values.put("upstream_url", upstream.toString());
    values.put("credentials", paths.credsFile());
    values.put("leaf_cert_file", paths.certFile(LeafPaths.LEAF_CERT_FILE));
    values.put("leaf_key_file", paths.certFile(LeafPaths.LEAF_KEY_FILE));
    return TEMPLATE.render(values);
  }

  static void requireSubject(String verifiedSubject, AccountJwt account, String what) {
    if (!verifiedSubject.equals(account.publicKey())) {
      throw new IllegalArgumentException(
          what
              + " JWT is for "
              + verifiedSubject
              + ", but its public key is given as "
              + account.publicKey());
    }
  }

  @Override
  public String toString() {
    return "LeafConfig[" + serverName() + " → " + upstream + "]";
  }
}
