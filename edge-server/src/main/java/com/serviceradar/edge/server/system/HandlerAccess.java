package com.serviceradar.edge.server.system;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call a handler, as its authorization annotation ({@link TenantAdmin}, {@link Public} and
 * the rest) says: the method's own, else its class's.
 *
 * @param roles the roles admitted; empty for a public handler
 * @param open whether anyone may call it ({@link Public})
 */
public record HandlerAccess(Set<Role> roles, boolean open) {

  public HandlerAccess {
    roles = Set.copyOf(roles);
  }

  /**
   * Empty when neither the method nor its class declares one (the architecture test forbids it).
   */
  public static Optional<HandlerAccess> of(Method method, Class<?> handlerType) {
    return declaredOn(method).or(() -> declaredOn(handlerType));
  }

  public boolean admits(Role role) {
    return open || roles.contains(role);
  }

  private static Optional<HandlerAccess> declaredOn(AnnotatedElement element) {
    List<HandlerAccess> declared = new ArrayList<>();
    for (Annotation annotation : element.getAnnotations()) {
      if (annotation instanceof Public) {
        declared.add(new HandlerAccess(Set.of(), true));
      }
      AllowedRoles allowed = annotation.annotationType().getAnnotation(AllowedRoles.class);
      if (allowed != null) {
        declared.add(new HandlerAccess(Set.copyOf(Arrays.asList(allowed.value())), false));
      }
    }
    if (declared.size() > 1) {
      throw new IllegalStateException(element + " declares more than one authorization annotation");
    }
    return declared.stream().findFirst();
  }
}
