/**
 * Cross-cutting pieces every feature shares: configuration ({@code edge.*} / {@code EDGE_*}), the
 * data directory and database, who is acting ({@link com.serviceradar.edge.server.system.Actor}),
 * and the problem+json error contract. Owns no feature logic and depends on no feature.
 */
package com.serviceradar.edge.server.system;
