package com.serviceradar.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.digest.Digests;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BundleManifestTest {

  @Test
  void listsEveryFileSortedInSha256sumFormatAndHashesItsOwnText() throws Exception {
    BundleManifest manifest =
        BundleManifest.of(
            List.of(
                BundleFile.text("setup.sh", "#!/bin/sh\n", FileMode.EXECUTABLE),
                BundleFile.text("nats/nats-leaf.conf", "", FileMode.REGULAR),
                BundleFile.text("README.md", "abc", FileMode.REGULAR)));

    assertThat(manifest.text())
        .isEqualTo(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  README.md\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                + "  nats/nats-leaf.conf\n"
                + sha256("#!/bin/sh\n")
                + "  setup.sh\n");
    assertThat(manifest.sha256()).isEqualTo(sha256(manifest.text()));
    assertThat(manifest.toFile().path()).isEqualTo("MANIFEST.sha256");
  }

  @Test
  void anyChangedFileChangesTheChecksum() {
    BundleManifest before =
        BundleManifest.of(List.of(BundleFile.text("creds/tenant.creds", "a", FileMode.SECRET)));
    BundleManifest after =
        BundleManifest.of(List.of(BundleFile.text("creds/tenant.creds", "b", FileMode.SECRET)));

    assertThat(after.sha256()).isNotEqualTo(before.sha256());
  }

  @Test
  void refusesPathsThatSha256sumWouldEscapeOrThatLeaveTheFolder() {
    for (String path : List.of("/etc/passwd", "../x", "a/../b", "a b", "a\nb", "a\\b", "a//b")) {
      assertThatThrownBy(() -> BundleFile.text(path, "", FileMode.REGULAR))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(
            () -> new BundleManifest(new TreeMap<>(Map.of("MANIFEST.sha256", sha256("")))))
        .hasMessage("MANIFEST.sha256 cannot list itself");
    assertThatThrownBy(() -> new BundleManifest(new TreeMap<>(Map.of("a", "ABC"))))
        .hasMessage("SHA-256 of a must be 64 lowercase hex");
  }

  private static String sha256(String text) {
    return Digests.sha256Hex(text);
  }
}
