package com.serviceradar.edge.server.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.install.InstallScript;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an edge host fetches before it has any token: install.sh, and with EDGE_AGENT_PACKAGE_DIR
 * set, the one agent package per architecture under a stable URL, and nothing else in (or outside)
 * the folder.
 */
@ContextConfiguration(initializers = TestDatabases.H2.class)
class InstallDownloadsTest extends ApiTest {

  private static final String AGENT = "serviceradar-edge_0.1.0~SNAPSHOT_amd64.deb";
  private static final byte[] CONTENT = "!<arch>\ndebian-binary\n".getBytes();

  @TempDir static Path packageDir;

  @DynamicPropertySource
  static void publish(DynamicPropertyRegistry registry) {
    registry.add("edge.agent-package.dir", packageDir::toString);
  }

  @BeforeAll
  static void copyPackages() throws IOException {
    Files.write(packageDir.resolve(AGENT), CONTENT);
    Files.writeString(packageDir.resolve("serviceradar-edge-server_0.1.0~SNAPSHOT_all.deb"), "x");
    Files.writeString(packageDir.resolve("notes.txt"), "not a package");
  }

  private ApiClient anonymous() {
    return operator.as(null);
  }

  private static void assertProblem(ApiClient.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.isProblem()).as(reply.contentType()).isTrue();
  }

  @Test
  void installShIsServedToAnyoneWithThisControlPlanesUrlInside() {
    ApiClient.Reply script = anonymous().get("/install.sh");

    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).isEqualTo("text/plain;charset=UTF-8");
    assertThat(script.body())
        .isEqualTo(InstallScript.render(URI.create(anonymous().baseUrl())))
        .contains("CONTROL_PLANE='" + anonymous().baseUrl() + "'\n");
  }

  @Test
  void theArchitecturesPackageIsServedUnderItsOwnFileName() {
    HttpResponse<byte[]> download =
        anonymous().download("/downloads/serviceradar-edge-agent_amd64.deb");

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type"))
        .contains("application/vnd.debian.binary-package");
    assertThat(download.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"" + AGENT + "\"");
    assertThat(download.body()).isEqualTo(CONTENT);
    assertThat(download.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
  }

  @Test
  void anArchitectureWithoutAPackageIsA404NamingIt() {
    ApiClient.Reply reply = anonymous().get("/downloads/serviceradar-edge-agent_arm64.deb");

    assertProblem(reply, 404);
    assertThat(reply.text("detail")).startsWith("no agent package for arm64 is published");
    assertProblem(anonymous().get("/downloads/serviceradar-edge-agent_all.deb"), 404);
  }

  @Test
  void noPathReachesAnyOtherFile() {
    assertProblem(anonymous().get("/downloads/notes.txt"), 404);
    assertProblem(anonymous().get("/downloads/" + AGENT.replace("~", "%7E")), 404);
    // Tomcat refuses an encoded slash itself, before the application (its own HTML error page).
    ApiClient.Reply encodedSlash =
        anonymous().get("/downloads/serviceradar-edge-agent_..%2Fnotes.deb");
    assertThat(encodedSlash.status()).isEqualTo(400);
    assertThat(encodedSlash.body()).doesNotContain("not a package");
    assertProblem(anonymous().get("/downloads/serviceradar-edge-agent_%2E%2E.deb"), 400);
    ApiClient.Reply oddName = anonymous().get("/downloads/serviceradar-edge-agent_AMD64.deb");
    assertProblem(oddName, 404);
    assertThat(oddName.text("detail")).contains("arch must be a Debian architecture name");
  }

  @Test
  void twoPackagesForOneArchitectureAreAConflictToResolve() throws IOException {
    Path older = Files.write(packageDir.resolve("serviceradar-edge_0.0.9_amd64.deb"), CONTENT);
    try {
      ApiClient.Reply reply = anonymous().get("/downloads/serviceradar-edge-agent_amd64.deb");

      assertProblem(reply, 409);
      assertThat(reply.text("detail"))
          .isEqualTo(
              "EDGE_AGENT_PACKAGE_DIR holds 2 agent packages for amd64:"
                  + " keep only the one edge hosts should install");
    } finally {
      Files.delete(older);
    }
  }
}
