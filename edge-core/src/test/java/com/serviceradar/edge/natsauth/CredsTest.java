package com.serviceradar.edge.natsauth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.testing.IdentityFixtures;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.support.JwtUtils;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredsTest {

  private static final String FIXTURE = IdentityFixtures.text("leaf-nyc-office.creds");
  private static final String FIXTURE_SEED =
      "SUAMKTGETNWCXAS3O4JPB263D2CXWFG726EE3GNY6FKTQEE53QDZQZWF7A";

  @Test
  void aCredsFileJnatsWroteParsesAndFormatsBackByteForByte() throws Exception {
    NKey account = NKey.createAccount(new SecureRandom());
    NKey user = NKey.createUser(new SecureRandom());
    String jwt =
        JwtUtils.issueUserJWT(
            account, new String(account.getPublicKey()), new String(user.getPublicKey()), "u");
    String written = String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed()));

    Creds creds = Creds.parse(written);

    assertThat(creds.jwt()).isEqualTo(jwt);
    assertThat(creds.userPublicKey()).isEqualTo(new String(user.getPublicKey()));
    assertThat(creds.format()).isEqualTo(written);
    assertThat(Creds.of(jwt, Seed.of(user.getSeed()))).isEqualTo(creds);
  }

  @Test
  void theLeafFixtureRoundTripsAndItsSeedIsTheKeyOfItsJwt() {
    Creds creds = Creds.parse(FIXTURE);

    assertThat(creds.format()).isEqualTo(FIXTURE);
    assertThat(new String(creds.seed().reveal())).isEqualTo(FIXTURE_SEED);
    assertThat(creds.userPublicKey())
        .isEqualTo("UAO7LSGXXK5NHA7L2CY5GZBDFZFHBIKMSHKALBPMMIC4TK63QDXENY5B");
  }

  @Test
  void jnatsReadsWhatFormatWritesAndSignsWithItsSeed() throws Exception {
    Creds creds = Creds.parse(FIXTURE);
    AuthHandler handler = Nats.staticCredentials(creds.format().getBytes(UTF_8));
    byte[] nonce = "nonce".getBytes(UTF_8);

    assertThat(new String(handler.getJWT())).isEqualTo(creds.jwt());
    assertThat(
            NKey.fromPublicKey(creds.userPublicKey().toCharArray())
                .verify(nonce, handler.sign(nonce)))
        .isTrue();
  }

  @Test
  void refusesTextWithoutBothBlocksSayingWhatIsMissing() {
    String jwtOnly = FIXTURE.substring(0, FIXTURE.indexOf("************************* IMPORTANT"));
    for (String malformed : List.of("", "not creds", jwtOnly, FIXTURE.replace(".O2xZ", " O2xZ"))) {
      assertThatThrownBy(() -> Creds.parse(malformed))
          .isInstanceOfSatisfying(
              NatsIdentityException.class,
              e -> assertThat(e.reason()).isEqualTo(NatsIdentityException.Reason.MALFORMED_CREDS))
          .hasMessage("not a NATS user .creds (a JWT and a seed block)");
    }
    assertThatThrownBy(() -> Creds.parse(null)).isInstanceOf(NatsIdentityException.class);
  }

  @Test
  void refusesABrokenSeedWithoutRepeatingIt() {
    String broken = FIXTURE.replace(FIXTURE_SEED, "SUAOTHERSEEDXX");

    assertThatThrownBy(() -> Creds.parse(broken))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            e -> assertThat(e.reason()).isEqualTo(NatsIdentityException.Reason.MALFORMED_SEED))
        .hasMessage("the .creds holds a malformed user seed")
        .message()
        .doesNotContain("SUAOTHERSEEDXX");
  }

  @Test
  void refusesAJwtThatWouldBreakTheFileLayout() {
    Seed seed = Creds.parse(FIXTURE).seed();

    for (String jwt : List.of("", "one.part", "a.b.c\n-----BEGIN", "a b.c.d")) {
      assertThatThrownBy(() -> Creds.of(jwt, seed))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a user JWT of three base64url parts is required");
    }
    assertThatThrownBy(() -> Creds.of(Creds.parse(FIXTURE).jwt(), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringShowsTheUserAndNeverTheSeed() {
    Creds creds = Creds.parse(FIXTURE);

    assertThat(creds.toString())
        .isEqualTo(
            "Creds[UAO7LSGXXK5NHA7L2CY5GZBDFZFHBIKMSHKALBPMMIC4TK63QDXENY5B, seed not shown]")
        .doesNotContain(FIXTURE_SEED);
    assertThat(String.valueOf(List.of(creds))).doesNotContain(FIXTURE_SEED);
  }
}
