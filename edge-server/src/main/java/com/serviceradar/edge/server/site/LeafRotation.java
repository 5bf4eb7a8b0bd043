package com.serviceradar.edge.server.site;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One renewal of a site's leaf identity; {@link RotationState} says where it stands.
 *
 * @param oldUserPublicKey the leaf user the site had when the rotation started
 * @param newUserPublicKey the leaf user issued for it
 * @param finishReason why it ended, when it did not complete
 */
record LeafRotation(
    UUID id,
    UUID siteId,
    UUID tenantId,
    RotationState state,
    String oldUserPublicKey,
    String newUserPublicKey,
    OffsetDateTime newCertExpiresAt,
    OffsetDateTime startedAt,
    OffsetDateTime cutOverAt,
    OffsetDateTime finishedAt,
    String finishReason) {}
