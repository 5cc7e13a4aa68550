package dev.migrationstudio.verify.junit;

import dev.migrationstudio.verify.junit.internal.BothSidesExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a team's existing database tests (repository or DAO tests) once against the source and once
 * against the target, and fails the class, naming each test, when a test's outcome differs between
 * the two: a behaviour the migration changed. Tests that fail on both sides fail as usual.
 *
 * <pre>{@code
 * @SourceAndTarget(ChinookDatabases.class)
 * class InvoiceRepositoryTest {
 *     @BothSides
 *     void totalsOfACustomer(DataSource database, DatabaseSide side) {
 *         InvoiceRepository invoices = side == DatabaseSide.SOURCE
 *                 ? new LegacyInvoiceRepository(database) : new V2InvoiceRepository(database);
 *         assertThat(invoices.totalOf(5)).isEqualByComparingTo("40.62");
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(BothSidesExtension.class)
public @interface SourceAndTarget {

    /**
     * The class that gives both databases; it has a public no-argument constructor.
     *
     * @return the class
     */
    Class<? extends DatabasePair> value();
}
