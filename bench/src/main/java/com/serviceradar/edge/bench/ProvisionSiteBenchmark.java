package com.serviceradar.edge.bench;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.PlatformRootCa;
import com.serviceradar.edge.pki.TenantCa;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.secrets.MasterKey;
import com.serviceradar.edge.secrets.SecretSealer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What creating one edge site costs in cryptography: the leaf's upstream and local-server certificates
 * from its tenant CA, its NATS leaf user, and sealing the two private keys and the user seed. The
 * database writes around it are not included. Sampled, so JMH reports the median and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProvisionSiteBenchmark {

  private final SecureRandom random = new SecureRandom();
  private TenantCa tenantCa;
  private TenantAccount account;
  private NatsIdentities identities;
  private SecretSealer sealer;
  private final SiteSlug site = SiteSlug.of("nyc-office");

  @Setup
  public void createTenant() {
    Instant now = Instant.now();
    PlatformRootCa root = PlatformRootCa.create(now, random);
    tenantCa = root.issueTenantCa(TenantSlug.of("acme"), now, random);
    identities = new NatsIdentities(Clock.systemUTC(), random);
    NatsOperator operator = identities.createOperator("bench");
    account = identities.createTenantAccount(operator, TenantSlug.of("acme"));
    sealer = SecretSealer.of(MasterKey.generate(random), random);
  }

  @Benchmark
  public String provisionOneSite() {
    Validity validity = Validity.from(Instant.now(), Period.ofYears(1));
    IssuedCertificate leaf = tenantCa.issueLeafCertificate(site, validity, random);
    IssuedCertificate server =
        tenantCa.issueLocalServerCertificate(site, Optional.of("leaf.nyc.example.com"), validity, random);
    UserCredentials user = identities.issueLeafUser(account, site, UUID.randomUUID());
    return sealer.seal(leaf.privateKeyPem(), "leaf")
        + sealer.seal(server.privateKeyPem(), "server")
        + sealer.seal(new String(user.seed().reveal()), "seed");
  }
}
