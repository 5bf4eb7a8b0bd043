package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts every web sign-in on the audit trail, and every refused password of an existing account (a
 * guessing attack shows up on that account). Sign-ins with unknown usernames are not recorded:
 * there is no account, so no tenant, to file them under.
 */
@Component
class SignInAudit {

  static final String ACTION = "user.sign-in";

  private final AuditLog auditLog;
  private final UserAccountRepository accounts;

  SignInAudit(AuditLog auditLog, UserAccountRepository accounts) {
    this.auditLog = auditLog;
    this.accounts = accounts;
  }

  @EventListener
  @Transactional
  public void signedIn(AuthenticationSuccessEvent event) {
    if (event.getAuthentication().getPrincipal() instanceof SignedInUser user) {
      auditLog.record(
          AuditRecord.success(
              user.actor(sourceAddress(event.getAuthentication())),
              ACTION,
              "user:" + user.getUsername()));
    }
  }

  @EventListener
  @Transactional
  public void refused(AbstractAuthenticationFailureEvent event) {
    if (!(event.getException() instanceof BadCredentialsException)
        || !(event.getAuthentication().getPrincipal() instanceof String username)) {
      return;
    }
    accounts
        .findForLogin(username.strip().toLowerCase(Locale.ROOT))
        .ifPresent(
            user ->
                auditLog.record(
                    AuditRecord.failure(
                        user.actor(sourceAddress(event.getAuthentication())),
                        ACTION,
                        "user:" + user.getUsername(),
                        "wrong password")));
  }

  private static String sourceAddress(Authentication authentication) {
    return authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress()
        : null;
  }
}
