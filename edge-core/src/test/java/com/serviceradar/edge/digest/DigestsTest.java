package com.serviceradar.edge.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestsTest {

  @Test
  void sha256HexIsSha256sumsLowercaseHex() {
    // Known values (FIPS 180-2 "abc", and the empty input), as `printf abc | sha256sum` prints.
    assertThat(Digests.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Digests.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void textIsHashedAsUtf8() {
    assertThat(Digests.sha256Hex("Zürich"))
        .isEqualTo(Digests.sha256Hex("Zürich".getBytes(StandardCharsets.UTF_8)));
  }
}
