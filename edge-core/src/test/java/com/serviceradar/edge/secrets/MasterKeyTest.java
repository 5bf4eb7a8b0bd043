package com.serviceradar.edge.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

  private static final String ZERO_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void keyIdIsTheStartOfTheSha256OfTheRawKey() {
    // printf %s "$ZERO_KEY" | base64 -d | sha256sum → 66687aadf862bd77...
    assertThat(MasterKey.fromBase64(ZERO_KEY).id()).isEqualTo("66687aad");
  }

  @Test
  void masterKeyReadsPaddedUnpaddedUrlSafeAndSurroundedByWhitespace() {
    byte[] raw = new byte[32];
    raw[0] = (byte) 0xfb;
    raw[1] = (byte) 0xff;
    String standard = Base64.getEncoder().encodeToString(raw);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String id = MasterKey.fromBase64(standard).id();

    assertThat(MasterKey.fromBase64(standard + "\n").id()).isEqualTo(id);
    assertThat(MasterKey.fromBase64(standard.replace("=", "")).id()).isEqualTo(id);
    assertThat(MasterKey.fromBase64(urlSafe).id()).isEqualTo(id);
    assertThat(MasterKey.fromBase64(standard).toBase64()).isEqualTo(standard);
  }

  @Test
  void masterKeyOfWrongLengthIsRefusedWithoutEchoingIt() {
    String sixteenBytes = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());

    assertThatThrownBy(() -> MasterKey.fromBase64(sixteenBytes))
        .isInstanceOf(InvalidMasterKeyException.class)
        .hasMessageStartingWith(
            "master key must decode to exactly 32 bytes (256 bits), got 16 bytes")
        .message()
        .doesNotContain(sixteenBytes);
  }

  @Test
  void masterKeyThatIsNotBase64IsRefusedWithoutEchoingIt() {
    String notBase64 = "this is my secret master key!!!";

    assertThatThrownBy(() -> MasterKey.fromBase64(notBase64))
        .isInstanceOf(InvalidMasterKeyException.class)
        .hasNoCause()
        .hasMessageStartingWith("master key is not valid base64")
        .message()
        .doesNotContain("secret")
        .doesNotContain("!");
  }

  @Test
  void emptyMasterKeyIsRefused() {
    assertThatThrownBy(() -> MasterKey.fromBase64(" "))
        .isInstanceOf(InvalidMasterKeyException.class)
        .hasMessageStartingWith("master key is empty");
  }

  @Test
  void generatedKeyComesFromTheGivenRandomness() throws NoSuchAlgorithmException {
    MasterKey first = MasterKey.generate(seeded(5));
    MasterKey second = MasterKey.generate(seeded(5));
    MasterKey other = MasterKey.generate(seeded(6));

    assertThat(Base64.getDecoder().decode(first.toBase64())).hasSize(32);
    assertThat(first.toBase64()).isEqualTo(second.toBase64());
    assertThat(other.id()).isNotEqualTo(first.id());
  }

  @Test
  void toStringShowsOnlyTheId() throws NoSuchAlgorithmException {
    MasterKey key = MasterKey.generate(seeded(5));

    assertThat(key.toString()).isEqualTo("MasterKey[id=" + key.id() + "]");
  }

  static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
  }
}
