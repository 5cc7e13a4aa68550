package dev.migrationstudio.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public/internal boundary between the library's modules, checked on the compiled classes of
 * core, jdbc, verify, the Chinook loader, the test support and these examples: an {@code internal}
 * package is an implementation detail of its own module, so no other module, and no example a user
 * copies, may use a type from it. What another module needs is in an API package
 * ({@code jdbc.source}, {@code jdbc.ledger}, {@code format}, ...).
 */
class ModuleBoundariesTest {

    /** Every package of migration-core. */
    private static final String[] CORE = {
        "dev.migrationstudio", "dev.migrationstudio.internal..", "dev.migrationstudio.inventory..",
        "dev.migrationstudio.risk..", "dev.migrationstudio.mapping..", "dev.migrationstudio.review..",
        "dev.migrationstudio.cutover..", "dev.migrationstudio.report..", "dev.migrationstudio.format.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importTheModules() {
        classes = new ClassFileImporter().importPackages("dev.migrationstudio");
        // The rules below are only as good as what they see: every module must be on the class path.
        assertThat(classes.contain("dev.migrationstudio.MigrationPlan")).as("core").isTrue();
        assertThat(classes.contain("dev.migrationstudio.jdbc.internal.MigrationRun")).as("jdbc").isTrue();
        assertThat(classes.contain("dev.migrationstudio.verify.internal.VerificationRun")).as("verify").isTrue();
        assertThat(classes.contain("dev.migrationstudio.examples.ChinookExample")).as("examples").isTrue();
        assertThat(classes.contain("dev.migrationstudio.test.MappingAssertions")).as("test kit").isTrue();
    }

    @Test
    void theTestKitNeedsOnlyCore() {
        check(noClasses().that().resideInAPackage("dev.migrationstudio.test..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.migrationstudio.jdbc..",
                        "dev.migrationstudio.verify..", "org.jooq..", "com.zaxxer..", "org.h2..")
                .because("migration-test is published with core, AssertJ and the JUnit API as its only dependencies"));
    }

    @Test
    void coreInternalsAreUsedOnlyInCore() {
        check(noClasses().that().resideOutsideOfPackages(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.migrationstudio.internal..",
                        "dev.migrationstudio.mapping.internal..", "dev.migrationstudio.review.internal..",
                        "dev.migrationstudio.report.internal..")
                .because("core's internal packages are not part of its API"));
    }

    @Test
    void jdbcInternalsAreUsedOnlyInJdbc() {
        check(noClasses().that().resideOutsideOfPackage("dev.migrationstudio.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("dev.migrationstudio.jdbc.internal..")
                .because("what other modules need from the engine is in jdbc.source, jdbc.compare and jdbc.ledger"));
    }

    @Test
    void verifyInternalsAreUsedOnlyInVerify() {
        check(noClasses().that().resideOutsideOfPackage("dev.migrationstudio.verify..")
                .should().dependOnClassesThat().resideInAPackage("dev.migrationstudio.verify.internal..")
                .because("the verifier's API is the dev.migrationstudio.verify package"));
    }

    @Test
    void theModelDependsOnNoEngine() {
        check(noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("migration-core is the model and the DSL, applied in memory: no JDBC"));
    }

    @Test
    void theMappingDoesNotDependOnItsReview() {
        check(noClasses().that().resideInAPackage("dev.migrationstudio.mapping..")
                .should().dependOnClassesThat().resideInAPackage("dev.migrationstudio.review..")
                .because("the review reads the mapping, never the other way round"));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
