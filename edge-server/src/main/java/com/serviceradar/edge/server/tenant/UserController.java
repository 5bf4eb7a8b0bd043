package com.serviceradar.edge.server.tenant;

import com.serviceradar.edge.server.auth.UserAccount;
import com.serviceradar.edge.server.auth.UserAccounts;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.PlatformOperator;
import com.serviceradar.edge.server.system.Role;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Web UI accounts, created by platform operators: tenant users under their tenant, and further
 * platform operators at {@code /api/v1/users}. The password is never echoed.
 */
@PlatformOperator
@RestController
class UserController {

  record NewUser(String username, String password, String role) {

    @Override
    public String toString() {
      return "NewUser[username=" + username + ", role=" + role + "]";
    }
  }

  record UserJson(UUID id, UUID tenantId, String username, String role, OffsetDateTime createdAt) {
    static UserJson of(UserAccount account) {
      return new UserJson(
          account.id(),
          account.tenantId(),
          account.username(),
          account.role().wireName(),
          account.createdAt());
    }
  }

  private final Tenants tenants;
  private final UserAccounts users;

  UserController(Tenants tenants, UserAccounts users) {
    this.tenants = tenants;
    this.users = users;
  }

  @PostMapping("/api/v1/tenants/{tenantId}/users")
  ResponseEntity<UserJson> createTenantUser(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID tenantId,
      @RequestBody NewUser request) {
    Tenant tenant = tenants.findVisibleTo(actor, tenantId);
    return created(
        users.create(actor, tenant.id(), request.username(), request.password(), roleOf(request)));
  }

  @PostMapping("/api/v1/users")
  ResponseEntity<UserJson> createPlatformOperator(
      @AuthenticationPrincipal Actor actor, @RequestBody NewUser request) {
    return created(
        users.create(actor, null, request.username(), request.password(), roleOf(request)));
  }

  private static Role roleOf(NewUser request) {
    return Role.fromWireName(request.role());
  }

  private static ResponseEntity<UserJson> created(UserAccount account) {
    return ResponseEntity.status(HttpStatus.CREATED).body(UserJson.of(account));
  }
}
