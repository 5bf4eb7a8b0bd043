package com.serviceradar.edge.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.server.auth.HandlerAuthorization.RoleRefusedException;
import com.serviceradar.edge.server.system.PlatformOperator;
import com.serviceradar.edge.server.system.Public;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantAdminOrOperator;
import com.serviceradar.edge.server.system.TenantAdminOrSiteAgent;
import com.serviceradar.edge.server.system.TenantReader;
import com.serviceradar.edge.server.system.TenantReaderOrOperator;
import com.serviceradar.edge.server.system.TenantReaderOrSiteAgent;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.method.HandlerMethod;

/** Each authorization annotation admits exactly its roles; everyone else is refused. */
class HandlerAuthorizationTest {

  private final HandlerAuthorization authorization = new HandlerAuthorization();

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  static Stream<Arguments> annotations() {
    return Stream.of(
        Arguments.of("platformOperator", EnumSet.of(Role.PLATFORM_OPERATOR)),
        Arguments.of("tenantAdmin", EnumSet.of(Role.TENANT_ADMIN)),
        Arguments.of("tenantReader", EnumSet.of(Role.TENANT_ADMIN, Role.TENANT_VIEWER)),
        Arguments.of("tenantAdminOrSiteAgent", EnumSet.of(Role.TENANT_ADMIN, Role.SITE_AGENT)),
        Arguments.of(
            "tenantReaderOrSiteAgent",
            EnumSet.of(Role.TENANT_ADMIN, Role.TENANT_VIEWER, Role.SITE_AGENT)),
        Arguments.of(
            "tenantAdminOrOperator", EnumSet.of(Role.PLATFORM_OPERATOR, Role.TENANT_ADMIN)),
        Arguments.of(
            "tenantReaderOrOperator",
            EnumSet.of(Role.PLATFORM_OPERATOR, Role.TENANT_ADMIN, Role.TENANT_VIEWER)),
        Arguments.of("publicHandler", EnumSet.allOf(Role.class)));
  }

  @ParameterizedTest(name = "{0} admits {1}")
  @MethodSource("annotations")
  void eachAnnotationAdmitsItsRolesAndRefusesTheOthers(String handler, Set<Role> admitted)
      throws Exception {
    for (Role role : Role.values()) {
      signIn(role);
      if (admitted.contains(role)) {
        assertThat(preHandle(handler)).as(role.name()).isTrue();
      } else {
        assertThatThrownBy(() -> preHandle(handler))
            .as(role.name())
            .isInstanceOf(RoleRefusedException.class);
      }
    }
  }

  @Test
  void anonymousCallersAreRefusedAllButPublicHandlers() throws Exception {
    SecurityContextHolder.getContext()
        .setAuthentication(
            new AnonymousAuthenticationToken(
                "key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

    assertThatThrownBy(() -> preHandle("tenantReaderOrOperator"))
        .isInstanceOf(RoleRefusedException.class);
    assertThat(preHandle("publicHandler")).isTrue();
  }

  @Test
  void aMethodsOwnAnnotationWinsOverItsClasses() throws Exception {
    signIn(Role.TENANT_VIEWER);

    assertThat(preHandle(ReaderController.class, "read")).isTrue();
    assertThatThrownBy(() -> preHandle(ReaderController.class, "change"))
        .isInstanceOf(RoleRefusedException.class);
  }

  @Test
  void aHandlerThatDeclaresNobodyAdmitsNobody() {
    signIn(Role.PLATFORM_OPERATOR);

    assertThatThrownBy(() -> preHandle("undeclared")).isInstanceOf(RoleRefusedException.class);
  }

  @Test
  void theAsyncDispatchOfAnOpenStreamIsNotCheckedAgain() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setDispatcherType(DispatcherType.ASYNC);

    assertThat(
            authorization.preHandle(
                request, new MockHttpServletResponse(), handler(Handlers.class, "tenantAdmin")))
        .isTrue();
  }

  private static void signIn(Role role) {
    SecurityContextHolder.getContext()
        .setAuthentication(new TestingAuthenticationToken("caller", "", "ROLE_" + role.name()));
  }

  private boolean preHandle(String method) throws Exception {
    return preHandle(Handlers.class, method);
  }

  private boolean preHandle(Class<?> type, String method) throws Exception {
    return authorization.preHandle(
        new MockHttpServletRequest(), new MockHttpServletResponse(), handler(type, method));
  }

  private static HandlerMethod handler(Class<?> type, String method) throws Exception {
    return new HandlerMethod(type.getDeclaredConstructor().newInstance(), method);
  }

  @Controller
  static class Handlers {
    @PlatformOperator
    public void platformOperator() {}

    @TenantAdmin
    public void tenantAdmin() {}

    @TenantReader
    public void tenantReader() {}

    @TenantAdminOrSiteAgent
    public void tenantAdminOrSiteAgent() {}

    @TenantReaderOrSiteAgent
    public void tenantReaderOrSiteAgent() {}

    @TenantAdminOrOperator
    public void tenantAdminOrOperator() {}

    @TenantReaderOrOperator
    public void tenantReaderOrOperator() {}

    @Public("test")
    public void publicHandler() {}

    public void undeclared() {}
  }

  @Controller
  @TenantAdmin
  static class ReaderController {
    @TenantReader
    public void read() {}

    public void change() {}
  }
}
