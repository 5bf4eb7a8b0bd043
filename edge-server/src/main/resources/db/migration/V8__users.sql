-- Local user accounts for the web UI. Passwords are stored only as Spring Security's delegating
-- hash ("{bcrypt}..."); the role and tenant rules are the ones of api_tokens.
CREATE TABLE users (
    id             UUID PRIMARY KEY,
    tenant_id      UUID REFERENCES tenants (id) ON DELETE CASCADE,
    username       VARCHAR(254) NOT NULL,
    password_hash  VARCHAR(200) NOT NULL,
    role           VARCHAR(32)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by     VARCHAR(64)  NOT NULL,
    -- One login form for everyone: a username names one account across all tenants.
    CONSTRAINT users_username_unique UNIQUE (username),
    CONSTRAINT users_role_known CHECK (role IN ('platform_operator', 'tenant_admin', 'tenant_viewer')),
    CONSTRAINT users_tenant_fits_role CHECK ((role = 'platform_operator') = (tenant_id IS NULL))
);
CREATE INDEX users_by_tenant ON users (tenant_id, username);
