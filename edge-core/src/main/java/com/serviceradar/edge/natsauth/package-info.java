/**
 * The NATS identity chain for operator (JWT) mode: operator, system account, tenant accounts and
 * their users, as nkeys, signed JWTs and {@code .creds} text.
 *
 * <p>Owns the claim content nats-server 2.9 accepts (see NATS-FACTS.md, "Identity chain"), the
 * trust checks on imported or pushed JWTs, and the user names and tags from ARCHITECTURE.md
 * ("Names"). Entry point: {@link com.serviceradar.edge.natsauth.NatsIdentities}.
 *
 * <p>Never stores, encrypts or logs anything: seeds leave this package only through methods that
 * say so ({@link com.serviceradar.edge.natsauth.Seed#reveal()}, {@code credsText()}), and no {@code
 * toString()} or exception message contains one. Never hand-rolls ed25519 or base32: keys,
 * signatures and user JWTs come from jnats ({@code NKey}, {@code JwtUtils}). Never talks to a
 * server.
 */
package com.serviceradar.edge.natsauth;
