package com.serviceradar.edge.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Rules for the CLI's production code (STYLE.md "Module boundaries"). */
@AnalyzeClasses(
    packages = "com.serviceradar.edge.cli",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule cliNeverDependsOnSpring =
      noClasses()
          .that()
          .resideInAPackage("com.serviceradar.edge.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..")
          .because("the CLI must start in well under a second, without a framework");

  @ArchTest
  static final ArchRule cliNeverDependsOnTheControlPlane =
      noClasses()
          .that()
          .resideInAPackage("com.serviceradar.edge.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.serviceradar.edge.server..")
          .because("the CLI talks to the control plane through its REST API and uses edge-core");

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices()
          .matching("com.serviceradar.edge.(**)")
          .should()
          .beFreeOfCycles()
          .allowEmptyShould(true)
          .because("commands and host machinery stay separable as the CLI gets sub-packages");
}
