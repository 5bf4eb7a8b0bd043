package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.BundleFile;
import com.serviceradar.edge.bundle.TarGz;
import com.serviceradar.edge.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleVerifyCommandTest {

  @TempDir Path dir;

  private final TestSite site = new TestSite();
  private final Bundle bundle = site.bundle(site.config(17422, 14222, 18222));

  @Test
  void aRealBundlePassesEveryCheckAndExitsZero() throws Exception {
    Path file = dir.resolve(bundle.fileName());
    Files.write(file, bundle.toTarGz());

    CliRun.Result result = new CliRun(dir).run("bundle", "verify", file.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out())
        .contains("PASS  bundle layout")
        .contains("PASS  manifest hashes")
        .contains("PASS  leaf credentials")
        .contains("PASS  nats-server -t")
        .doesNotContain("FAIL");
  }

  @Test
  void oneChangedByteIsAFailureNamingTheFile() throws Exception {
    List<BundleFile> files = new ArrayList<>();
    for (BundleFile file : bundle.files()) {
      byte[] content = file.content();
      if (file.path().equals("nats/nats-leaf.conf")) {
        content[content.length / 3] ^= 0x20;
      }
      files.add(new BundleFile(file.path(), content, file.mode()));
    }
    Path file = dir.resolve("tampered.tar.gz");
    Files.write(file, TarGz.write(bundle.topFolder(), files));

    CliRun.Result result = new CliRun(dir).run("bundle", "verify", "--json", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("\"ok\":false")
        .contains("\"name\":\"manifest hashes\",\"status\":\"FAIL\"");
    CliRun.Result text = new CliRun(dir).run("bundle", "verify", file.toString());
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out())
        .contains(
            "FAIL  manifest hashes: nats/nats-leaf.conf does not match its SHA-256 in"
                + " MANIFEST.sha256");
  }

  @Test
  void aMissingFileIsAUsageError() {
    CliRun.Result result = new CliRun(dir).run("bundle", "verify", dir.resolve("nope").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("serviceradar-edge: cannot read")
        .doesNotContain("Exception");
  }
}
