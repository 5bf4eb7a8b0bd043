-- Store-and-forward ([E8]): each site's EDGE_BUFFER settings (applied to its leaf's stream) and what the
-- control plane last observed of it. One row per site, made with the site; settings default to 7 days / 1 GiB.
CREATE TABLE site_buffers (
    edge_site_id       UUID PRIMARY KEY REFERENCES edge_sites (id) ON DELETE CASCADE,
    tenant_id          UUID NOT NULL,
    max_age_seconds    BIGINT NOT NULL,
    max_bytes          BIGINT NOT NULL,
    -- the settings last applied to the leaf's stream (null: never, or changed since)
    applied_max_age_seconds BIGINT,
    applied_max_bytes  BIGINT,
    -- EDGE_BUFFER as last read from the leaf (through the hub, while connected)
    messages           BIGINT,
    bytes              BIGINT,
    first_seq          BIGINT,
    last_seq           BIGINT,
    oldest_at          TIMESTAMP WITH TIME ZONE,
    observed_at        TIMESTAMP WITH TIME ZONE,
    -- the highest EDGE_BUFFER sequence EDGE_INGEST at the hub holds from this site, and when it arrived
    delivered_seq      BIGINT NOT NULL DEFAULT 0,
    last_delivered_at  TIMESTAMP WITH TIME ZONE,
    -- since when the backlog has not shrunk although the leaf is connected (a stalled source)
    stalled_since      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT site_buffers_limits_positive CHECK (max_age_seconds > 0 AND max_bytes > 0)
);
CREATE INDEX site_buffers_by_tenant ON site_buffers (tenant_id);

-- Sites made before store-and-forward get the defaults.
INSERT INTO site_buffers (edge_site_id, tenant_id, max_age_seconds, max_bytes)
SELECT id, tenant_id, 604800, 1073741824 FROM edge_sites;
