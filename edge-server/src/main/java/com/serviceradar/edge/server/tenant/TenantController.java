package com.serviceradar.edge.server.tenant;

import com.serviceradar.edge.server.auth.ApiTokens;
import com.serviceradar.edge.server.auth.ApiTokens.IssuedToken;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.PlatformOperator;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.TenantAdminOrOperator;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

  record NewTenant(String slug, String name) {}

  record TenantJson(
      UUID id, String slug, String name, String natsAccountPublicKey, OffsetDateTime createdAt) {
    static TenantJson of(Tenant tenant) {
      return new TenantJson(
          tenant.id(),
          tenant.slug().value(),
          tenant.name(),
          tenant.natsAccountPublicKey(),
          tenant.createdAt());
    }
  }

  record NewToken(String name, String role) {}

  record TokenJson(
      UUID id, UUID tenantId, String name, String role, String token, OffsetDateTime createdAt) {
    static TokenJson of(IssuedToken issued) {
      return new TokenJson(
          issued.id(),
          issued.tenantId(),
          issued.name(),
          issued.role().wireName(),
          issued.token(),
          issued.createdAt());
    }

    @Override
    public String toString() {
      return "TokenJson[id=" + id + ", tenantId=" + tenantId + ", role=" + role + "]";
    }
  }

  /** A listed token: what it is and whether it still works, never the secret. */
  record TokenInfoJson(
      UUID id,
      UUID tenantId,
      UUID edgeSiteId,
      String name,
      String role,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime revokedAt) {
    static TokenInfoJson of(ApiTokens.TokenInfo token) {
      return new TokenInfoJson(
          token.id(),
          token.tenantId(),
          token.edgeSiteId(),
          token.name(),
          token.role().wireName(),
          token.createdAt(),
          token.createdBy(),
          token.revokedAt());
    }
  }

  private final Tenants tenants;
  private final ApiTokens tokens;

  TenantController(Tenants tenants, ApiTokens tokens) {
    this.tenants = tenants;
    this.tokens = tokens;
  }

  @PlatformOperator
  @PostMapping
  ResponseEntity<TenantJson> create(
      @AuthenticationPrincipal Actor actor, @RequestBody NewTenant request) {
    Tenant tenant = tenants.create(actor, request.slug(), request.name());
    return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id()))
        .body(TenantJson.of(tenant));
  }

  @PlatformOperator
  @GetMapping
  List<TenantJson> list() {
    return tenants.list().stream().map(TenantJson::of).toList();
  }

  @PlatformOperator
  @GetMapping("/{tenantId}")
  TenantJson show(@AuthenticationPrincipal Actor actor, @PathVariable UUID tenantId) {
    return TenantJson.of(tenants.findVisibleTo(actor, tenantId));
  }

  /** The token is in this response only; it is stored as a hash and cannot be shown again. */
  @TenantAdminOrOperator
  @PostMapping("/{tenantId}/api-tokens")
  @ResponseStatus(HttpStatus.CREATED)
  TokenJson issueToken(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID tenantId,
      @RequestBody NewToken request) {
    Tenant tenant = tenants.findVisibleTo(actor, tenantId);
    Role role = Role.fromWireName(request.role());
    return TokenJson.of(tokens.issueForTenant(actor, tenant.id(), request.name(), role));
  }

  @TenantAdminOrOperator
  @GetMapping("/{tenantId}/api-tokens")
  List<TokenInfoJson> listTokens(
      @AuthenticationPrincipal Actor actor, @PathVariable UUID tenantId) {
    Tenant tenant = tenants.findVisibleTo(actor, tenantId);
    return tokens.list(tenant.id()).stream().map(TokenInfoJson::of).toList();
  }

  @TenantAdminOrOperator
  @DeleteMapping("/{tenantId}/api-tokens/{tokenId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revokeToken(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID tenantId,
      @PathVariable UUID tokenId) {
    Tenant tenant = tenants.findVisibleTo(actor, tenantId);
    tokens.revoke(actor, tenant.id(), tokenId);
  }
}
