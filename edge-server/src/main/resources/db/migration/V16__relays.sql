-- Store-and-forward relays ([E8]): the tenant's relay (EDGE_RELAY_nn at the hub) that sources the site's buffer,
-- assigned once when its leaf first connects (null before), and the relay sequence of the newest message the relay
-- holds from the site (0: none known), which stays in the relay while the leaf's buffer still holds delivered messages.
ALTER TABLE site_buffers ADD COLUMN relay_number INTEGER;
ALTER TABLE site_buffers ADD COLUMN delivered_relay_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX site_buffers_by_relay ON site_buffers (tenant_id, relay_number);
