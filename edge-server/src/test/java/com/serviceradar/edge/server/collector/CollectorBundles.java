package com.serviceradar.edge.server.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.server.support.ApiClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads downloaded collector bundles in tests. */
final class CollectorBundles {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private CollectorBundles() {}

  /** The bundle's files by path inside its top folder, as text. */
  static Map<String, String> download(ApiClient api, String packageId) {
    HttpResponse<byte[]> response =
        api.download("/api/v1/collector-packages/" + packageId + "/bundle");
    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return files(response.body(), "collector-package-" + packageId + "/");
  }

  static Map<String, String> files(byte[] archive, String top) {
    Map<String, String> files = new TreeMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isDirectory()) {
          assertThat(entry.getName()).startsWith(top);
          files.put(
              entry.getName().substring(top.length()),
              new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static JsonNode config(Map<String, String> files, String type) {
    return JSON.readTree(files.get("config/" + type + ".json"));
  }

  /** The claims of the user JWT in a {@code .creds} text. */
  static JsonNode userClaims(String creds) {
    String jwt = Creds.parse(creds).jwt();
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }
}
