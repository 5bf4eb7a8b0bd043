package com.serviceradar.edge.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only tenant admins: changes to their tenant's objects, and anything that hands out keys or creds.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@AllowedRoles(Role.TENANT_ADMIN)
public @interface TenantAdmin {}
