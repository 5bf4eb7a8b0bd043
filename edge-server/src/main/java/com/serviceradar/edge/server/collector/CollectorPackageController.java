package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.BundleDownloads;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantReader;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/collector-packages")
class CollectorPackageController {

  /**
   * @param collectorType {@code flowgger}, {@code trapd}, {@code netflow} or {@code otel}
   * @param edgeSiteId the site whose leaf the collector publishes to; absent for the SaaS hub
   */
  record NewPackage(String collectorType, UUID edgeSiteId, String name) {}

  private final CollectorPackages packages;

  CollectorPackageController(CollectorPackages packages) {
    this.packages = packages;
  }

  @TenantAdmin
  @PostMapping
  ResponseEntity<CollectorPackageJson> create(
      @AuthenticationPrincipal Actor actor, @RequestBody NewPackage request) {
    CollectorPackages.Listed created =
        packages.create(
            actor,
            new CollectorPackages.Request(
                request.collectorType(), request.edgeSiteId(), request.name()));
    return ResponseEntity.created(
            URI.create("/api/v1/collector-packages/" + created.collector().id()))
        .body(CollectorPackageJson.of(created));
  }

  @TenantReader
  @GetMapping
  List<CollectorPackageJson> list(
      @AuthenticationPrincipal Actor actor, @RequestParam Optional<UUID> edgeSiteId) {
    return packages.list(actor, edgeSiteId).stream().map(CollectorPackageJson::of).toList();
  }

  @TenantReader
  @GetMapping("/{packageId}")
  CollectorPackageJson show(@AuthenticationPrincipal Actor actor, @PathVariable UUID packageId) {
    return CollectorPackageJson.of(packages.find(actor, packageId));
  }

  /** {@code collector-package-{id}.tar.gz}: creds, certificates, key, config, README, manifest. */
  // Viewers read packages; the bundle (creds and keys) is the admins'.
  @TenantAdmin
  @GetMapping("/{packageId}/bundle")
  ResponseEntity<byte[]> bundle(
      @AuthenticationPrincipal Actor actor, @PathVariable UUID packageId) {
    Bundle bundle = packages.downloadBundle(actor, packageId);
    return BundleDownloads.attachment(bundle);
  }

  /** Revokes the package; it stays listed with status {@code revoked}. */
  @TenantAdmin
  @DeleteMapping("/{packageId}")
  ResponseEntity<Void> revoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID packageId) {
    packages.revoke(actor, packageId);
    return ResponseEntity.noContent().build();
  }
}
