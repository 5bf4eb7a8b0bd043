-- One-time join tokens for setting up a component at an edge site without handing out a long-lived
-- secret. Only a hash of the token is stored. Deleting the site deletes its tokens.
CREATE TABLE onboarding_packages (
    id              UUID PRIMARY KEY,
    tenant_id       UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    edge_site_id    UUID REFERENCES edge_sites (id) ON DELETE CASCADE,
    component_type  VARCHAR(32) NOT NULL,
    token_hash      CHAR(64) NOT NULL,
    status          VARCHAR(16) NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(64) NOT NULL,
    redeemed_at     TIMESTAMP WITH TIME ZONE,
    redeemed_from   VARCHAR(64),
    CONSTRAINT onboarding_packages_token_unique UNIQUE (token_hash),
    CONSTRAINT onboarding_packages_status_known CHECK (status IN ('issued', 'redeemed'))
);
CREATE INDEX onboarding_packages_by_tenant ON onboarding_packages (tenant_id, created_at);
