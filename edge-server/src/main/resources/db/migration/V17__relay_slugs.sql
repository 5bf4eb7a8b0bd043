-- Every relay a site slug of a tenant has been placed in, kept when the site is deleted. A relay resumes a site's
-- source after the newest message it holds from that slug (nats-server 2.9 knows a source by its leaf domain,
-- edge-{slug}), so a site re-created with the same slug must not go back to a relay that may still hold the deleted
-- site's messages: its first messages would be taken for delivered and skipped.
CREATE TABLE relay_slugs (
    tenant_id    UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    slug         VARCHAR(63) NOT NULL,
    relay_number INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, slug, relay_number)
);
