/**
 * Tenants (the SaaS customers) and the API tokens issued for them. Only platform operators create
 * tenants; a tenant admin may issue tokens for its own tenant.
 */
package com.serviceradar.edge.server.tenant;
