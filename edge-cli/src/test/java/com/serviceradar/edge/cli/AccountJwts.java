package com.serviceradar.edge.cli;

import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.verify.LeafConf;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the NATS JWTs an end-to-end test checks: installed creds, the leaf's and hub's account. */
final class AccountJwts {

  private AccountJwts() {}

  /** The leaf user an installed leaf connects as: the subject of its creds' JWT. */
  static String credsUser(Path conf) throws IOException {
    String creds = Files.readString(conf.resolveSibling("creds/tenant.creds"));
    return Json.text(claims(Creds.parse(creds).jwt()), "sub", "");
  }

  /** The tenant account JWT the installed leaf's conf preloads. */
  static String installedAccountJwt(Path conf) throws IOException {
    return LeafConf.parse(Files.readString(conf)).tenantAccountJwt().orElseThrow();
  }

  /** The tenant account JWT as the dev hub's full resolver stored it. */
  static String hubAccountJwt(ControlPlaneProcess server, Path conf) throws IOException {
    String account = Json.text(claims(installedAccountJwt(conf)), "sub", "");
    try (Stream<Path> all = Files.walk(server.dataDir())) {
      Path file =
          all.filter(path -> path.getFileName().toString().equals(account + ".jwt"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("the hub has no JWT of account " + account));
      return Files.readString(file).strip();
    }
  }

  static Set<String> revokedUsers(String accountJwt) {
    JsonValue revocations = Json.at(claims(accountJwt), "nats.revocations");
    return revocations == null || revocations.map == null ? Set.of() : revocations.map.keySet();
  }

  static JsonValue claims(String jwt) {
    return JsonParser.parseUnchecked(
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }
}
