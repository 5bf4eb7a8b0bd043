package com.serviceradar.edge.server.system;

import com.serviceradar.edge.bundle.Bundle;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How every bundle is handed out, by the API and by the pages alike: a gzip attachment under the
 * bundle's own file name, never cached, because bundles hold private keys and creds.
 */
public final class BundleDownloads {

  private BundleDownloads() {}

  /** A 200 with the attachment headers; finish it with {@code .body(bundle.toTarGz())}. */
  public static ResponseEntity.BodyBuilder attachment(Bundle bundle) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/gzip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(bundle.fileName()).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
