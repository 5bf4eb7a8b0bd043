package com.serviceradar.edge.leafconfig;

import com.serviceradar.edge.natsauth.NatsAccount;
import java.util.regex.Pattern;

/**
 * The public part of a NATS account a server must know: its public key ({@code A…}) and its JWT.
 * Only the shape is checked here; {@link LeafConfig} and {@link HubConfig} verify the JWT against
 * their operator.
 */
public record AccountJwt(String publicKey, String jwt) {

  private static final Pattern ACCOUNT_KEY = Pattern.compile("A[A-Z2-7]{55}");
  private static final Pattern JWT =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  public AccountJwt {
    if (publicKey == null || !ACCOUNT_KEY.matcher(publicKey).matches()) {
      throw new IllegalArgumentException(
          "account public key must be an account nkey (A followed by 55 base32 characters)");
    }
    requireJwt("account JWT", jwt);
  }

  /** The public key and current JWT of an account held by the control plane. */
  public static AccountJwt of(NatsAccount account) {
    return new AccountJwt(account.publicKey(), account.jwt());
  }

  static String requireJwt(String what, String jwt) {
    if (jwt == null || !JWT.matcher(jwt).matches()) {
      throw new IllegalArgumentException(what + " must be a JWT (three base64url parts)");
    }
    return jwt;
  }

  @Override
  public String toString() {
    return "AccountJwt[" + publicKey + "]";
  }
}
