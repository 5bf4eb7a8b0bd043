package com.serviceradar.edge.server.onboarding;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A one-time join token's record (never the token itself).
 *
 * @param edgeSiteId the site the component belongs to; required for {@code nats-leaf}
 */
public record OnboardingPackage(
    UUID id,
    UUID tenantId,
    UUID edgeSiteId,
    String componentType,
    String status,
    OffsetDateTime expiresAt,
    OffsetDateTime createdAt,
    OffsetDateTime redeemedAt,
    String redeemedFrom) {

  public static final String NATS_LEAF = "nats-leaf";
}
