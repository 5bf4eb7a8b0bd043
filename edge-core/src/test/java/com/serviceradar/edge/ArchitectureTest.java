package com.serviceradar.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/** Rules for edge-core's production code (STYLE.md "Module boundaries", "Values and state"). */
@AnalyzeClasses(
    packages = "com.serviceradar.edge",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreNeverDependsOnSpring =
      noClasses()
          .that()
          .resideInAPackage("com.serviceradar.edge..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..")
          .because("edge-core is pure Java; the CLI must start without a framework");

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices()
          .matching("com.serviceradar.edge.(*)..")
          .should()
          .beFreeOfCycles()
          .because(
              "each feature is a small facade; a cycle would make two features one (STYLE.md)");

  @ArchTest
  static final ArchRule namesAndDigestsDependOnNoOtherFeature =
      noClasses()
          .that()
          .resideInAnyPackage("com.serviceradar.edge.names..", "com.serviceradar.edge.digest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.serviceradar.edge.bundle..",
              "com.serviceradar.edge.install..",
              "com.serviceradar.edge.leafconfig..",
              "com.serviceradar.edge.natsauth..",
              "com.serviceradar.edge.pki..",
              "com.serviceradar.edge.secrets..",
              "com.serviceradar.edge.storeforward..",
              "com.serviceradar.edge.template..",
              "com.serviceradar.edge.verify..")
          .because("every feature builds its contract names and digests from these two");

  @ArchTest
  static final ArchRule pkiAndSecretsTakeTimeAndRandomnessFromTheCaller =
      noClasses()
          .that()
          .resideInAnyPackage("com.serviceradar.edge.pki..", "com.serviceradar.edge.secrets..")
          .should()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .orShould()
          .callConstructor(Date.class)
          .orShould()
          .callConstructor(SecureRandom.class)
          .orShould()
          .callMethod(SecureRandom.class, "getInstanceStrong")
          .because(
              "tests pin the clock and randomness, and serials must never come from the clock");
}
