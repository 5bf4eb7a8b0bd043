/**
 * The append-only audit trail: every mutation and every secret download, who did it, from where,
 * and whether it worked. Offers no way to change or delete an event.
 */
package com.serviceradar.edge.server.audit;
