package com.serviceradar.edge.server.system;

import com.serviceradar.edge.secrets.SealedSecretException;
import com.serviceradar.edge.secrets.SecretSealer;
import com.serviceradar.edge.secrets.UnknownMasterKeyException;
import org.springframework.stereotype.Component;

/**
 * Seals private keys and seeds for storage and opens them again. Each value is bound to its place
 * (table, column and row), so a sealed value copied to another row does not open.
 */
@Component
public class AtRestSecrets {

  private final SecretSealer sealer;

  AtRestSecrets(SecretSealer sealer) {
    this.sealer = sealer;
  }

  public String seal(String plaintext, String place) {
    return sealer.seal(plaintext, place);
  }

  /** Null stays null, for optional columns. */
  public String sealNullable(String plaintext, String place) {
    return plaintext == null ? null : seal(plaintext, place);
  }

  /**
   * Opens a stored value. A value sealed under a master key that is not configured means the
   * control plane runs with the wrong key: that refuses the start with what to set, naming key ids
   * only.
   */
  public String open(String sealed, String place) {
    try {
      return sealer.open(sealed, place);
    } catch (UnknownMasterKeyException e) {
      throw new StartupRefusedException(
          "Stored private keys were sealed with master key "
              + e.keyId()
              + ", which is not configured (the configured key is "
              + sealer.currentKeyId()
              + "). Set EDGE_MASTER_KEY to the key used before, or list it in EDGE_MASTER_KEY_PREVIOUS.",
          e);
    } catch (SealedSecretException e) {
      throw new StartupRefusedException(
          "A stored secret (" + place + ") cannot be opened: " + e.getMessage(), e);
    }
  }

  public String openNullable(String sealed, String place) {
    return sealed == null ? null : open(sealed, place);
  }
}
