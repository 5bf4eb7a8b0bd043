package com.serviceradar.edge.server.natsauth;

import com.serviceradar.edge.names.TenantSlug;
import java.util.UUID;

/**
 * A tenant's account JWT was created or re-issued; the hub (and each operator-mode leaf) needs it.
 */
public record AccountJwtChanged(UUID tenantId, TenantSlug tenant, String accountPublicKey) {}
