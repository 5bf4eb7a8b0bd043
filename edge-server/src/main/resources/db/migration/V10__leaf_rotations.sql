-- Zero-downtime renewal of a site's leaf identity ([E7] renew). A rotation holds the identity the
-- site does not use right now: the new one while pending, the old one (kept for a rollback) once
-- cut over. Its sealed columns are emptied when the rotation ends. open_site_id is the site's id
-- while the rotation is open and NULL after, so a site has at most one open rotation (a unique
-- column admits many NULLs on H2 and PostgreSQL alike, unlike a partial index).
CREATE TABLE leaf_rotations (
    id                          UUID PRIMARY KEY,
    edge_site_id                UUID NOT NULL REFERENCES edge_sites (id) ON DELETE CASCADE,
    tenant_id                   UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    open_site_id                UUID,
    state                       VARCHAR(16) NOT NULL,
    old_user_public_key         VARCHAR(56) NOT NULL,
    new_user_public_key         VARCHAR(56) NOT NULL,
    new_cert_expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    leaf_certificate_pem        VARCHAR(8000),
    leaf_private_key_sealed     VARCHAR(2000),
    leaf_certificate_sha256     CHAR(64),
    server_certificate_pem      VARCHAR(8000),
    server_private_key_sealed   VARCHAR(2000),
    ca_chain_pem                VARCHAR(16000),
    leaf_user_public_key        VARCHAR(56),
    leaf_user_jwt               VARCHAR(8000),
    leaf_user_seed_sealed       VARCHAR(1000),
    cert_expires_at             TIMESTAMP WITH TIME ZONE,
    started_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    cut_over_at                 TIMESTAMP WITH TIME ZONE,
    finished_at                 TIMESTAMP WITH TIME ZONE,
    finish_reason               VARCHAR(500),
    CONSTRAINT leaf_rotations_one_open_per_site UNIQUE (open_site_id),
    CONSTRAINT leaf_rotations_state_known
        CHECK (state IN ('pending', 'cutting_over', 'completed', 'rolled_back', 'cancelled')),
    CONSTRAINT leaf_rotations_open_fits_state
        CHECK ((open_site_id IS NOT NULL) = (state IN ('pending', 'cutting_over')))
);
CREATE INDEX leaf_rotations_by_site ON leaf_rotations (edge_site_id, started_at);
