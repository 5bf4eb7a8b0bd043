package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The web UI's local accounts: platform operators create them (tenant users for a tenant, or other
 * platform operators), and the login form checks them. Passwords are kept only as hashes.
 */
@Service
public class UserAccounts implements UserDetailsService {

  static final int MIN_PASSWORD_BYTES = 12;

  /** BCrypt reads no more than 72 bytes; a longer password would be silently cut. */
  static final int MAX_PASSWORD_BYTES = 72;

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{2,253}");

  private final UserAccountRepository repository;
  private final PasswordEncoder passwords;
  private final AuditLog auditLog;
  private final Clock clock;

  UserAccounts(
      UserAccountRepository repository, PasswordEncoder passwords, AuditLog auditLog, Clock clock) {
    this.repository = repository;
    this.passwords = passwords;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  /**
   * Creates an account; only platform operators may. {@code tenantId} is the (already checked)
   * tenant of a tenant user, null for a platform operator.
   */
  @Transactional
  public UserAccount create(
      Actor actor, UUID tenantId, String requestedUsername, String password, Role role) {
    if (!actor.isPlatformOperator()) {
      throw ApiProblemException.forbidden("only platform operators create user accounts");
    }
    if (role.isSiteScoped()) {
      throw ApiProblemException.invalid(
          "role site_agent is for an edge host's API token, not for a person: use tenant_admin or"
              + " tenant_viewer");
    }
    if (role.isTenantScoped() != (tenantId != null)) {
      throw ApiProblemException.invalid(
          tenantId == null
              ? "role must be platform_operator here; tenant users are created under their tenant"
              : "role must be tenant_admin or tenant_viewer");
    }
    String username = normalizedUsername(requestedUsername);
    requireAcceptablePassword(password);
    UserAccount account =
        new UserAccount(UUID.randomUUID(), tenantId, username, role, Timestamps.now(clock));
    try {
      repository.insert(account, passwords.encode(password), actor.id());
    } catch (DuplicateKeyException e) {
      throw ApiProblemException.conflict("a user named '" + username + "' already exists");
    }
    auditLog.record(
        AuditRecord.success(actor, "user.create", "user:" + account.id())
            .forTenant(tenantId)
            .withDetails(Map.of("username", username, "role", role.wireName())));
    return account;
  }

  /**
   * The accounts {@code viewer} may see: every account for a platform operator, its own tenant's
   * for a tenant actor.
   */
  public List<UserAccount> list(Actor viewer) {
    return repository.list(viewer.isPlatformOperator() ? null : viewer.requireTenant());
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    String normalized = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return repository
        .findForLogin(normalized)
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  private static String normalizedUsername(String requested) {
    String username = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(username).matches()) {
      throw ApiProblemException.invalid(
          "username must be 3 to 254 characters: letters, digits and . _ @ + - (such as an email"
              + " address)");
    }
    return username;
  }

  private static void requireAcceptablePassword(String password) {
    int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_PASSWORD_BYTES || bytes > MAX_PASSWORD_BYTES) {
      throw ApiProblemException.invalid(
          "password must be " + MIN_PASSWORD_BYTES + " to " + MAX_PASSWORD_BYTES + " bytes long");
    }
  }
}
