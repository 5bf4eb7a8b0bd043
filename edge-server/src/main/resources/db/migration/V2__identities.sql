-- Identities: the platform root CA and NATS operator (one row each), a CA and a NATS account per tenant,
-- and the certificates and NATS user of each site's leaf. Every private key and nkey seed is sealed
-- (AES-256-GCM under the master key, "v1.<key id>.<data>"), never stored in clear.

CREATE TABLE platform_root_ca (
    id                  SMALLINT PRIMARY KEY,
    certificate_pem     VARCHAR(8000) NOT NULL,
    private_key_sealed  VARCHAR(2000) NOT NULL,
    imported            BOOLEAN NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT platform_root_ca_single_row CHECK (id = 1)
);

CREATE TABLE nats_operator (
    id                                  SMALLINT PRIMARY KEY,
    operator_jwt                        VARCHAR(8000) NOT NULL,
    operator_identity_seed_sealed       VARCHAR(1000),
    operator_signing_seed_sealed        VARCHAR(1000) NOT NULL,
    system_account_jwt                  VARCHAR(8000) NOT NULL,
    system_account_seed_sealed          VARCHAR(1000) NOT NULL,
    system_account_signing_seed_sealed  VARCHAR(1000),
    imported                            BOOLEAN NOT NULL,
    created_at                          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT nats_operator_single_row CHECK (id = 1)
);

CREATE TABLE tenant_cas (
    tenant_id           UUID PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    certificate_pem     VARCHAR(8000) NOT NULL,
    private_key_sealed  VARCHAR(2000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE nats_accounts (
    tenant_id               UUID PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    public_key              VARCHAR(56) NOT NULL,
    jwt                     VARCHAR(100000) NOT NULL,
    identity_seed_sealed    VARCHAR(1000) NOT NULL,
    signing_seed_sealed     VARCHAR(1000) NOT NULL,
    jwt_sha256              CHAR(64) NOT NULL,
    hub_jwt_sha256          CHAR(64),
    hub_pushed_at           TIMESTAMP WITH TIME ZONE,
    hub_push_error          VARCHAR(1000),
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT nats_accounts_public_key_unique UNIQUE (public_key)
);

ALTER TABLE nats_leaf_servers ADD COLUMN leaf_certificate_pem VARCHAR(8000);
ALTER TABLE nats_leaf_servers ADD COLUMN leaf_private_key_sealed VARCHAR(2000);
ALTER TABLE nats_leaf_servers ADD COLUMN leaf_certificate_sha256 CHAR(64);
ALTER TABLE nats_leaf_servers ADD COLUMN server_certificate_pem VARCHAR(8000);
ALTER TABLE nats_leaf_servers ADD COLUMN server_private_key_sealed VARCHAR(2000);
ALTER TABLE nats_leaf_servers ADD COLUMN ca_chain_pem VARCHAR(16000);
ALTER TABLE nats_leaf_servers ADD COLUMN leaf_user_public_key VARCHAR(56);
ALTER TABLE nats_leaf_servers ADD COLUMN leaf_user_jwt VARCHAR(8000);
ALTER TABLE nats_leaf_servers ADD COLUMN leaf_user_seed_sealed VARCHAR(1000);

CREATE UNIQUE INDEX nats_leaf_servers_by_user ON nats_leaf_servers (leaf_user_public_key);
