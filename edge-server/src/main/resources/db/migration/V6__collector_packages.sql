-- Collector packages ([E5]): one NATS user and one client certificate per collector, in its tenant's
-- account and CA. The user seed and the private key are sealed, bound to the row. Deleting a site
-- leaves its packages in place with no site: their next bundle points at the SaaS URL.

CREATE TABLE collector_packages (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    edge_site_id        UUID REFERENCES edge_sites (id) ON DELETE SET NULL,
    collector_type      VARCHAR(20) NOT NULL,
    name                VARCHAR(200) NOT NULL,
    user_public_key     VARCHAR(56) NOT NULL,
    user_jwt            VARCHAR(8000) NOT NULL,
    user_seed_sealed    VARCHAR(1000) NOT NULL,
    certificate_pem     VARCHAR(8000) NOT NULL,
    private_key_sealed  VARCHAR(2000) NOT NULL,
    status              VARCHAR(16) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT collector_packages_type CHECK (collector_type IN ('flowgger', 'trapd', 'netflow', 'otel')),
    CONSTRAINT collector_packages_status CHECK (status IN ('active', 'revoked')),
    CONSTRAINT collector_packages_revoked_at CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
    CONSTRAINT collector_packages_user_unique UNIQUE (user_public_key)
);

CREATE INDEX collector_packages_by_tenant_site ON collector_packages (tenant_id, edge_site_id);
