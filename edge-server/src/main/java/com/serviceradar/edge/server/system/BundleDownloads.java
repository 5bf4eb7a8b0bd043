package com.serviceradar.edge.server.system;

import com.serviceradar.edge.bundle.Bundle;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A bundle as a {@code .tar.gz} download, with its manifest checksum in {@code X-Config-Checksum}.
 * It holds keys, so nothing on the way may cache it.
 */
public final class BundleDownloads {

  private BundleDownloads() {}

  public static ResponseEntity<byte[]> attachment(Bundle bundle) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/gzip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(bundle.fileName()).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("X-Config-Checksum", bundle.checksum())
        .body(bundle.toTarGz());
  }
}
