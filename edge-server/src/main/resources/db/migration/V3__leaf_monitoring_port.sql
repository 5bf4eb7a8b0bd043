-- The port of the leaf's local monitoring listener (127.0.0.1 only), which setup.sh and doctor read.
ALTER TABLE nats_leaf_servers ADD COLUMN monitoring_port INTEGER DEFAULT 8222 NOT NULL;
