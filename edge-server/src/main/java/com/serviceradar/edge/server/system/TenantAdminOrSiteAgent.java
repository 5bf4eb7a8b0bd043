package com.serviceradar.edge.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tenant admins and a site's own agent: what an edge host fetches or reports for its site (bundle,
 * host configuration, notice creds, identity renewal); the site services answer 404 to an agent for
 * any other site.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@AllowedRoles({Role.TENANT_ADMIN, Role.SITE_AGENT})
public @interface TenantAdminOrSiteAgent {}
