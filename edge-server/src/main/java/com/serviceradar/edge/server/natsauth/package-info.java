/**
 * The NATS side of identity: the operator and SYS account (created or imported on first start), one
 * account per tenant, the users issued in them, and keeping the hub's copy of each account JWT
 * current. Seeds are stored only sealed and never leave through the API except inside a bundle's
 * {@code .creds}.
 */
package com.serviceradar.edge.server.natsauth;
