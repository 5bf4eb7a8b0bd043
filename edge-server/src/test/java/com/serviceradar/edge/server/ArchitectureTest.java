package com.serviceradar.edge.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.system.HandlerAccess;
import com.serviceradar.edge.server.system.Public;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantReader;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rules for edge-server's production code that the modularity test does not cover. */
@AnalyzeClasses(
    packages = "com.serviceradar.edge.server",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  /**
   * Every handler says who may call it, on itself or its class: one of the role annotations
   * ({@code @TenantAdmin} and the rest) or {@link Public} with its reason. Read exactly as {@code
   * HandlerAuthorization} reads it at run time, which refuses everyone a handler that declares
   * nobody.
   */
  @ArchTest
  static final ArchRule everyHandlerDeclaresWhoMayCallIt =
      methods()
          .that(areHandlers())
          .should(declareWhoMayCallThem())
          .because("authorization is declared beside the handler it guards, never by path");

  /**
   * Read by reflection, as Spring reads them: edge-core's archunit.properties (on this classpath
   * through its test jar) keeps ArchUnit from loading Spring's annotations, so it cannot see that
   * {@code @GetMapping} is a {@code @RequestMapping}.
   */
  private static DescribedPredicate<JavaMethod> areHandlers() {
    return DescribedPredicate.describe(
        "are handlers (any @RequestMapping-family annotation) of a @Controller or @RestController",
        method ->
            AnnotatedElementUtils.hasAnnotation(method.getOwner().reflect(), Controller.class)
                && AnnotatedElementUtils.hasAnnotation(method.reflect(), RequestMapping.class));
  }

  private static ArchCondition<JavaMethod> declareWhoMayCallThem() {
    return new ArchCondition<>(
        "declare who may call them: one authorization annotation on the method or its class") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        String problem;
        try {
          Optional<HandlerAccess> access =
              HandlerAccess.of(method.reflect(), method.getOwner().reflect());
          problem = access.isPresent() ? null : "declares no authorization annotation";
        } catch (IllegalStateException e) {
          problem = e.getMessage();
        }
        if (problem != null) {
          events.add(SimpleConditionEvent.violated(method, method.getFullName() + " " + problem));
        }
      }
    };
  }

  @Test
  void theHandlerRuleFailsOnAHandlerWithoutAnAnnotationAndPassesOnDeclaredOnes() {
    JavaClasses fixtures =
        new ClassFileImporter()
            .importClasses(Undeclared.class, DeclaredOnTheClass.class, DeclaredTwice.class);

    EvaluationResult result = everyHandlerDeclaresWhoMayCallIt.evaluate(fixtures);

    assertThat(result.getFailureReport().getDetails())
        .hasSize(3)
        .anySatisfy(line -> assertThat(line).contains("Undeclared.create()", "declares no"))
        .anySatisfy(line -> assertThat(line).contains("Undeclared.any()", "declares no"))
        .anySatisfy(line -> assertThat(line).contains("DeclaredTwice.list()", "more than one"))
        .noneSatisfy(line -> assertThat(line).contains("DeclaredOnTheClass"))
        .noneSatisfy(line -> assertThat(line).contains("Undeclared.read()"));
  }

  @RestController
  static class Undeclared {
    @PostMapping("/fixture")
    void create() {}

    @RequestMapping("/fixture/any")
    void any() {}

    @TenantReader
    @GetMapping("/fixture")
    void read() {}

    void notAHandler() {}
  }

  @Controller
  @TenantAdmin
  static class DeclaredOnTheClass {
    @GetMapping("/fixture/page")
    void page() {}

    @Public("fixture")
    @GetMapping("/fixture/open")
    void open() {}
  }

  @RestController
  static class DeclaredTwice {
    @TenantAdmin
    @TenantReader
    @GetMapping("/fixture/twice")
    void list() {}
  }
}
