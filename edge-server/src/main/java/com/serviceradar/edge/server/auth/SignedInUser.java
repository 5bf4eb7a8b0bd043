package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.Role;
import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a web session. It lives in the HTTP session, so it holds only ids and the role;
 * the password hash is erased once the login has been checked.
 */
public final class SignedInUser implements UserDetails, CredentialsContainer {

  @Serial private static final long serialVersionUID = 1L;

  private final UUID id;
  private final UUID tenantId;
  private final String username;
  private final Role role;
  private String passwordHash;

  SignedInUser(UUID id, UUID tenantId, String username, Role role, String passwordHash) {
    this.id = id;
    this.tenantId = tenantId;
    this.username = username;
    this.role = role;
    this.passwordHash = passwordHash;
  }

  /** The actor the audit log records for what this user does from {@code sourceAddress}. */
  public Actor actor(String sourceAddress) {
    return new Actor("user:" + id, tenantId, role, sourceAddress);
  }

  public Role role() {
    return role;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }

  @Override
  public String toString() {
    return "SignedInUser[" + username + ", " + role.wireName() + "]";
  }
}
