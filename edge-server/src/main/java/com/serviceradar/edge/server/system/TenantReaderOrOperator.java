package com.serviceradar.edge.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every role but the site agent (every role a person can sign in with): alerts, the audit log, the
 * landing page.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@AllowedRoles({Role.PLATFORM_OPERATOR, Role.TENANT_ADMIN, Role.TENANT_VIEWER})
public @interface TenantReaderOrOperator {}
