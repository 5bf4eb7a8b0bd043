-- Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.
-- A site_agent token belongs to one edge site: it reads that site's configuration and reports what
-- its host installed. Deleting the site deletes its agent tokens.

ALTER TABLE api_tokens ADD COLUMN edge_site_id UUID;

ALTER TABLE api_tokens
    ADD CONSTRAINT api_tokens_edge_site_fk FOREIGN KEY (edge_site_id) REFERENCES edge_sites (id) ON DELETE CASCADE;

ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_known;

ALTER TABLE api_tokens
    ADD CONSTRAINT api_tokens_role_known
        CHECK (role IN ('platform_operator', 'tenant_admin', 'tenant_viewer', 'site_agent'));

ALTER TABLE api_tokens
    ADD CONSTRAINT api_tokens_site_fits_role CHECK ((role = 'site_agent') = (edge_site_id IS NOT NULL));

CREATE INDEX api_tokens_by_site ON api_tokens (edge_site_id);
