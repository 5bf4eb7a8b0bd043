package com.serviceradar.edge.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles a named authorization annotation admits. Only those annotations carry it (it targets
 * annotation types and is package-private), so a handler always says who may call it by name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
@interface AllowedRoles {
  Role[] value();
}
