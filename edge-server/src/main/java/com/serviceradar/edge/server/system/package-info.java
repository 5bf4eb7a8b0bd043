/**
 * Cross-cutting pieces every feature shares: configuration ({@code edge.*} / {@code EDGE_*}), the
 * data directory and database, who is acting ({@link com.serviceradar.edge.server.system.Actor})
 * and which roles may call a handler ({@link com.serviceradar.edge.server.system.TenantAdmin} and
 * the other authorization annotations: here because every feature, {@code audit} included, uses
 * them, and {@code auth} depends on {@code audit}), and the problem+json error contract. Owns no
 * feature logic and depends on no feature.
 */
package com.serviceradar.edge.server.system;
