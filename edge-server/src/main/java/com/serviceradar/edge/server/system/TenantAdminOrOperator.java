package com.serviceradar.edge.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Platform operators and tenant admins: a tenant's API tokens; the service keeps an admin to its
 * own tenant.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@AllowedRoles({Role.PLATFORM_OPERATOR, Role.TENANT_ADMIN})
public @interface TenantAdminOrOperator {}
