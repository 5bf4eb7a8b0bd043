package com.serviceradar.edge.server.hub;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.BundleDownloads;
import com.serviceradar.edge.server.system.PlatformOperator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@PlatformOperator
@RestController
@RequestMapping("/api/v1/hub")
class HubBundleController {

  /** The same characters setup.sh accepts for --prefix: no quoting can be broken with them. */
  private static final Pattern PREFIX = Pattern.compile("^/[A-Za-z0-9._/+-]*$");

  private final HubBundles bundles;
  private final AuditLog auditLog;

  HubBundleController(HubBundles bundles, AuditLog auditLog) {
    this.bundles = bundles;
    this.auditLog = auditLog;
  }

  /** {@code nats-hub.tar.gz}; holds the hub's private key, so every download is audited. */
  @GetMapping("/bundle")
  ResponseEntity<byte[]> bundle(
      @AuthenticationPrincipal Actor actor, @RequestParam(required = false) String prefix) {
    if (prefix != null && !PREFIX.matcher(prefix).matches()) {
      throw ApiProblemException.invalid(
          "prefix must be an absolute path of letters, digits and ._/+-");
    }
    Bundle bundle =
        auditLog.attempt(
            actor,
            "hub-bundle.download",
            "hub",
            () -> {
              Bundle built = bundles.build(prefix);
              auditLog.record(
                  AuditRecord.success(actor, "hub-bundle.download", "hub")
                      .withDetails(
                          Map.of(
                              "checksum",
                              built.checksum(),
                              "prefix",
                              prefix == null ? "/" : prefix)));
              return built;
            });
    return BundleDownloads.attachment(bundle);
  }
}
