-- Alerts raised from what the hub observes of each site, and one webhook delivery per alert transition.
-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.

-- No foreign key to edge_sites: an alert outlives its site (deleting a site resolves its alerts, and that
-- resolve is still delivered), so the site's name and slug are kept as they were when the alert opened.
CREATE TABLE alerts (
    id            UUID PRIMARY KEY,
    edge_site_id  UUID NOT NULL,
    tenant_id     UUID NOT NULL,
    site_name     VARCHAR(200) NOT NULL,
    site_slug     VARCHAR(63)  NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    severity      VARCHAR(16)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    opened_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at   TIMESTAMP WITH TIME ZONE,
    detail        VARCHAR(1000),
    -- The kind while the alert is open, NULL once resolved. NULLs never clash in a UNIQUE constraint, so
    -- this allows at most one open alert per site and kind without a partial index (H2 has none).
    open_key      VARCHAR(32),
    CONSTRAINT alerts_one_open_per_site_and_kind UNIQUE (edge_site_id, open_key),
    CONSTRAINT alerts_state_known CHECK (state IN ('open', 'resolved')),
    CONSTRAINT alerts_severity_known CHECK (severity IN ('warning', 'critical')),
    CONSTRAINT alerts_open_key_fits_state CHECK (
        (state = 'open' AND open_key = kind AND resolved_at IS NULL)
        OR (state = 'resolved' AND open_key IS NULL AND resolved_at IS NOT NULL))
);
CREATE INDEX alerts_by_tenant ON alerts (tenant_id, opened_at);
CREATE INDEX alerts_by_state ON alerts (state, opened_at);

-- One row per alert transition to POST to the webhook. A replica claims a due row with one conditional
-- UPDATE (claimed_by, claimed_until), so each transition is sent by one replica; an expired claim (the
-- replica died mid-send) may be taken over.
CREATE TABLE alert_deliveries (
    id               UUID PRIMARY KEY,
    alert_id         UUID NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    transition       VARCHAR(16) NOT NULL,
    state            VARCHAR(16) NOT NULL,
    attempts         INTEGER DEFAULT 0 NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by       VARCHAR(100),
    claimed_until    TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT alert_deliveries_one_per_transition UNIQUE (alert_id, transition),
    CONSTRAINT alert_deliveries_transition_known CHECK (transition IN ('open', 'resolve')),
    CONSTRAINT alert_deliveries_state_known CHECK (state IN ('pending', 'sending', 'delivered', 'failed'))
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (state, next_attempt_at);
