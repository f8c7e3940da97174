package org.roentgen.dicom.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The toolkit's dependencies run one way: core (data, io, json) &lt;- net &lt;- tools, and the
 * library needs nothing but the JDK and slf4j (STYLE.md, "The shape of this repository").
 */
class ModuleDirectionTest {
  private static JavaClasses toolkit;

  @BeforeAll
  static void importToolkit() {
    toolkit =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.roentgen.dicom");
  }

  @Test
  void coreDependsOnNeitherNetNorTools() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.roentgen.dicom.data..",
            "org.roentgen.dicom.io..",
            "org.roentgen.dicom.json..",
            "org.roentgen.dicom.deid..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.roentgen.dicom.net..",
            "org.roentgen.dicom.tools..",
            "org.roentgen.dicom.testkit..")
        .check(toolkit);
  }

  @Test
  void netDoesNotDependOnTools() {
    noClasses()
        .that()
        .resideInAPackage("org.roentgen.dicom.net..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.roentgen.dicom.tools..", "org.roentgen.dicom.testkit..")
        .check(toolkit);
  }

  @Test
  void upperLayerDoesNotDependOnDimse() {
    noClasses()
        .that()
        .resideInAnyPackage("org.roentgen.dicom.net.pdu..", "org.roentgen.dicom.net.ul..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.roentgen.dicom.net.dimse..")
        .check(toolkit);
  }

  @Test
  void libraryUsesOnlyTheJdkAndSlf4j() {
    classes()
        .that()
        .resideInAnyPackage(
            "org.roentgen.dicom.data..",
            "org.roentgen.dicom.io..",
            "org.roentgen.dicom.json..",
            "org.roentgen.dicom.deid..",
            "org.roentgen.dicom.net..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax..", "org.slf4j..", "org.roentgen.dicom..")
        .check(toolkit);
  }
}
