package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.Actor;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request; its principal is the {@link Actor} that controllers and the audit log
 * see.
 */
final class ActorAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final Actor actor;

  ActorAuthentication(Actor actor) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
    this.actor = actor;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Actor getPrincipal() {
    return actor;
  }
}
