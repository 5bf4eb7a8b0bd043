package com.serviceradar.edge.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

  private static final String SEED = "SUAMLK2ZNL35WSMW37E7UD4VZ7ELPKW7DHC3BWBSD2GCZ7IUQQXZIORRBU";
  private static final String PLACE = "nats_leaf_server:42:leaf_user_seed";

  private final SecureRandom random = MasterKeyTest.seeded(42);
  private final MasterKey oldKey = MasterKey.generate(random);
  private final MasterKey newKey = MasterKey.generate(random);

  SecretSealerTest() throws NoSuchAlgorithmException {}

  @Test
  void sealedValueOpensToTheSameText() {
    SecretSealer sealer = SecretSealer.of(newKey, random);

    assertThat(sealer.open(sealer.seal(SEED, PLACE), PLACE)).isEqualTo(SEED);
    assertThat(sealer.open(sealer.seal(SEED))).isEqualTo(SEED);
    byte[] binary = {0, 1, 2, (byte) 0xff};
    assertThat(sealer.openBytes(sealer.sealBytes(binary, PLACE), PLACE)).isEqualTo(binary);
  }

  @Test
  void twoSealsOfTheSameValueDiffer() {
    SecretSealer sealer = SecretSealer.of(newKey, random);

    assertThat(sealer.seal(SEED, PLACE)).isNotEqualTo(sealer.seal(SEED, PLACE));
  }

  @Test
  void sealedTextNamesVersionAndKeyAndHidesTheValue() {
    String sealed = SecretSealer.of(newKey, random).seal(SEED, PLACE);

    assertThat(sealed)
        .startsWith("v1." + newKey.id() + ".")
        .matches("v1\\.[0-9a-f]{8}\\.[A-Za-z0-9_-]+")
        .doesNotContain(SEED);
    byte[] body = Base64.getUrlDecoder().decode(sealed.substring(12));
    assertThat(body).hasSize(12 + SEED.length() + 16);
  }

  @Test
  void sealedFormatIsPlainAesGcmAsDocumented() throws Exception {
    String sealed = SecretSealer.of(newKey, random).seal(SEED, PLACE);
    byte[] body = Base64.getUrlDecoder().decode(sealed.substring(12));

    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(Base64.getDecoder().decode(newKey.toBase64()), "AES"),
        new GCMParameterSpec(128, body, 0, 12));
    cipher.updateAAD((sealed.substring(0, 12) + PLACE).getBytes(StandardCharsets.UTF_8));
    byte[] plaintext = cipher.doFinal(body, 12, body.length - 12);

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(SEED);
  }

  @Test
  void valueSealedWithAnotherMasterKeyNamesThatKeyId() {
    String sealed = SecretSealer.of(oldKey, random).seal(SEED, PLACE);
    SecretSealer sealer = SecretSealer.of(newKey, random);

    assertThatThrownBy(() -> sealer.open(sealed, PLACE))
        .isInstanceOf(UnknownMasterKeyException.class)
        .hasMessageStartingWith(
            "sealed with master key id " + oldKey.id() + ", which is not configured")
        .hasMessageNotContaining(SEED)
        .satisfies(e -> assertThat(((UnknownMasterKeyException) e).keyId()).isEqualTo(oldKey.id()));
  }

  @Test
  void rotationOpensWithTheOldKeyAndSealsWithTheNewOne() {
    String sealedBefore = SecretSealer.of(oldKey, random).seal(SEED, PLACE);
    SecretSealer rotated = new SecretSealer(newKey, List.of(oldKey), random);

    assertThat(rotated.open(sealedBefore, PLACE)).isEqualTo(SEED);
    assertThat(rotated.needsResealing(sealedBefore)).isTrue();
    String resealed = rotated.seal(rotated.open(sealedBefore, PLACE), PLACE);
    assertThat(resealed).startsWith("v1." + newKey.id() + ".");
    assertThat(rotated.needsResealing(resealed)).isFalse();
    assertThat(SecretSealer.of(newKey, random).open(resealed, PLACE)).isEqualTo(SEED);
  }

  @Test
  void alteredCiphertextIsDetected() {
    SecretSealer sealer = SecretSealer.of(newKey, random);
    String sealed = sealer.seal(SEED, PLACE);
    char last = sealed.charAt(sealed.length() - 5);
    String altered =
        sealed.substring(0, sealed.length() - 5)
            + (last == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 4);

    assertThatThrownBy(() -> sealer.open(altered, PLACE))
        .isInstanceOf(TamperedSecretException.class)
        .hasMessageContaining("failed authentication")
        .hasMessageNotContaining(altered);
  }

  @Test
  void valueMovedToAnotherPlaceIsDetected() {
    SecretSealer sealer = SecretSealer.of(newKey, random);
    String sealed = sealer.seal(SEED, PLACE);

    assertThatThrownBy(() -> sealer.open(sealed, "nats_leaf_server:43:leaf_user_seed"))
        .isInstanceOf(TamperedSecretException.class);
  }

  @Test
  void relabelledKeyIdIsDetected() {
    SecretSealer rotated = new SecretSealer(newKey, List.of(oldKey), random);
    String sealed = rotated.seal(SEED, PLACE);
    String relabelled = sealed.replace(newKey.id(), oldKey.id());

    assertThatThrownBy(() -> rotated.open(relabelled, PLACE))
        .isInstanceOf(TamperedSecretException.class);
  }

  @Test
  void textThatIsNotSealedIsRefusedWithoutEchoingIt() {
    SecretSealer sealer = SecretSealer.of(newKey, random);

    assertThatThrownBy(() -> sealer.open(SEED, PLACE))
        .isInstanceOf(MalformedSealedSecretException.class)
        .hasMessage("not a sealed value; expected v1.<key id>.<base64url data>");
    assertThatThrownBy(() -> sealer.open("v1." + newKey.id() + ".AAAA", PLACE))
        .isInstanceOf(MalformedSealedSecretException.class)
        .hasMessage("sealed value data is too short to be sealed");
    assertThatThrownBy(() -> sealer.open("v9." + newKey.id() + ".AAAA", PLACE))
        .isInstanceOf(MalformedSealedSecretException.class)
        .hasMessageStartingWith("sealed value has an unsupported format version");
  }

  @Test
  void keyGivenTwiceIsKeptOnceAndToStringShowsOnlyIds() {
    SecretSealer sealer = new SecretSealer(newKey, List.of(newKey, oldKey, oldKey), random);

    assertThat(sealer.toString())
        .isEqualTo(
            "SecretSealer[current="
                + newKey.id()
                + ", configured="
                + List.of(newKey.id(), oldKey.id()).stream().sorted().toList()
                + "]")
        .doesNotContain(newKey.toBase64())
        .doesNotContain(oldKey.toBase64());
  }
}
