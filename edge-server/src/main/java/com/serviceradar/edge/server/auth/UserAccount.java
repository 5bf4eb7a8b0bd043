package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.Role;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person who signs in to the web UI. The password hash never leaves the auth package.
 *
 * @param tenantId the user's tenant; null for platform operators
 */
public record UserAccount(
    UUID id, UUID tenantId, String username, Role role, OffsetDateTime createdAt) {}
