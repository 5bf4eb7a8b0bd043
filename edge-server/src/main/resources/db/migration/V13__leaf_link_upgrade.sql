-- Store-and-forward ([E8]): leaf users issued before it let the collector subjects cross the leaf link. The
-- control plane re-issues such a user's JWT (same key, with the deny) and notes here that the older JWTs of that
-- key are to be revoked once the site reports it installed the new configuration, so the live link, which keeps
-- the JWT it connected with, reconnects with the new one.
ALTER TABLE nats_leaf_servers ADD COLUMN revoke_leaf_jwts_before TIMESTAMP WITH TIME ZONE;
