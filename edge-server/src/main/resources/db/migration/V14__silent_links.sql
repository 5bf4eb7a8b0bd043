-- A leaf link the hub still lists but that carries nothing from the leaf (a half-open link: nats-server 2.9.10
-- does not notice it while it sources the site's buffer). Set when the control plane marks the leaf
-- disconnected for it; reconciliation then leaves the leaf disconnected until a new connection or data returns.
ALTER TABLE nats_leaf_servers ADD COLUMN silent_since TIMESTAMP WITH TIME ZONE;
