-- When the leaf's newest link to the hub started (the hub's client.start of its last CONNECT): a DISCONNECT for a link
-- that started before it is an older link going away after the leaf already reconnected, not the leaf going down.
ALTER TABLE nats_leaf_servers ADD COLUMN link_started_at TIMESTAMP WITH TIME ZONE;

-- Since when the leaf's JetStream has not answered through its link while the hub listed the leaf as connected
-- (store-and-forward probes it every round): long enough, and the link is half-open.
ALTER TABLE site_buffers ADD COLUMN unanswered_since TIMESTAMP WITH TIME ZONE;
