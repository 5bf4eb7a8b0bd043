package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.PlatformOperator;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@PlatformOperator
@RestController
class ConsumerCredentialsController {

  /**
   * @param creds the {@code .creds} text, shown this once
   */
  record IssuedCreds(String creds, String userPublicKey) {}

  private final ConsumerCredentials credentials;

  ConsumerCredentialsController(ConsumerCredentials credentials) {
    this.credentials = credentials;
  }

  /** Platform operators only (the {@code /api/v1/tenants/**} rule). */
  @PostMapping("/api/v1/tenants/{tenantId}/consumer-creds")
  ResponseEntity<IssuedCreds> issue(
      @AuthenticationPrincipal Actor actor, @PathVariable UUID tenantId) {
    UserCredentials user = credentials.issue(actor, tenantId);
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(new IssuedCreds(user.credsText(), user.publicKey()));
  }
}
