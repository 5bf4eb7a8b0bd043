package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret the CLI takes can come from a file or standard input instead of the command line,
 * which every local user can read in ps. A stub control plane records what reached it.
 */
class TokenFileTest {

  private static final String API_TOKEN = "sre_api-token-from-a-file";
  private static final String JOIN_TOKEN = "srj_join-token-from-stdin";

  @TempDir Path dir;
  private HttpServer controlPlane;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private CliRun cli;
  private String api;

  @BeforeEach
  void startStubControlPlane() throws IOException {
    controlPlane = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    controlPlane.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body);
          boolean enroll = exchange.getRequestURI().getPath().equals("/api/v1/enroll");
          byte[] answer =
              (enroll ? "{\"title\":\"Gone\",\"detail\":\"join token already used\"}" : "[]")
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", enroll ? "application/problem+json" : "application/json");
          exchange.sendResponseHeaders(enroll ? 410 : 200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    controlPlane.start();
    api = "http://127.0.0.1:" + controlPlane.getAddress().getPort();
    cli = new CliRun(dir.resolve("config-home"));
  }

  @AfterEach
  void stop() {
    controlPlane.stop(0);
  }

  private Path tokenFile(String content) throws IOException {
    return Files.writeString(dir.resolve("token"), content);
  }

  @Test
  void loginReadsTheApiTokenFromAFileAndNeverPrintsIt() throws IOException {
    Path file = tokenFile(API_TOKEN + "\n");

    CliRun.Result login = cli.run("login", "--api", api, "--token-file", file.toString());

    assertThat(login.exitCode()).as(login.all()).isZero();
    assertThat(received).anyMatch(request -> request.contains("Bearer " + API_TOKEN + " "));
    assertThat(login.all()).doesNotContain(API_TOKEN);
  }

  @Test
  void aDashReadsTheApiTokenFromStandardInput() {
    CliRun.Result sites =
        cli.runWithInput(API_TOKEN + "\n", "sites", "list", "--api", api, "--token-file", "-");

    assertThat(sites.exitCode()).as(sites.all()).isZero();
    assertThat(received).containsExactly("GET /api/v1/edge-sites Bearer " + API_TOKEN + " ");
  }

  @Test
  void enrollSendsTheJoinTokenReadFromStandardInput() {
    CliRun.Result enroll =
        cli.runWithInput(JOIN_TOKEN + "\n", "enroll", "--api", api, "--token-file", "-");

    assertThat(enroll.exitCode()).isEqualTo(1);
    assertThat(enroll.err()).contains("join token already used");
    assertThat(received).singleElement().asString().contains("\"token\":\"" + JOIN_TOKEN + "\"");
  }

  @Test
  void tokenAndTokenFileTogetherAreAUsageError() throws IOException {
    Path file = tokenFile(API_TOKEN);

    CliRun.Result login =
        cli.run("login", "--api", api, "--token", "sre_other", "--token-file", file.toString());
    CliRun.Result enroll =
        cli.run("enroll", "--api", api, "--token", JOIN_TOKEN, "--token-file", file.toString());

    for (CliRun.Result both : List.of(login, enroll)) {
      assertThat(both.exitCode()).isEqualTo(2);
      assertThat(both.err()).contains("--token or with --token-file, not both");
      assertThat(both.all()).doesNotContain(API_TOKEN).doesNotContain(JOIN_TOKEN);
    }
    assertThat(received).isEmpty();
  }

  @Test
  void aMissingEmptyOrMultiLineTokenFileIsAUsageErrorThatQuotesNoContent() throws IOException {
    CliRun.Result missing =
        cli.run("login", "--api", api, "--token-file", dir.resolve("absent").toString());
    CliRun.Result empty = cli.runWithInput("\n", "enroll", "--api", api, "--token-file", "-");
    Path twoLines = tokenFile(JOIN_TOKEN + "\nsecond line\n");
    CliRun.Result multiLine = cli.run("enroll", "--api", api, "--token-file", twoLines.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read --token-file").contains("no such file");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("standard input (--token-file -) is empty");
    assertThat(multiLine.exitCode()).isEqualTo(2);
    assertThat(multiLine.err()).contains("must hold the token alone, on one line");
    assertThat(multiLine.all()).doesNotContain(JOIN_TOKEN).doesNotContain("second line");
    assertThat(received).isEmpty();
  }

  @Test
  void enrollWithoutAnyTokenSaysHowToGiveOne() {
    CliRun.Result enroll = cli.run("enroll", "--api", api);

    assertThat(enroll.exitCode()).isEqualTo(2);
    assertThat(enroll.err()).contains("enroll needs the join token: --token-file FILE");
  }

  @Test
  void aTokenFileHoldingSomethingElseThanAJoinTokenIsRefusedWithoutEchoingIt() throws IOException {
    Path file = tokenFile(API_TOKEN);

    CliRun.Result enroll = cli.run("enroll", "--api", api, "--token-file", file.toString());

    assertThat(enroll.exitCode()).isEqualTo(2);
    assertThat(enroll.err()).contains("must be a join token (srj_...)");
    assertThat(enroll.all()).doesNotContain(API_TOKEN);
  }
}
