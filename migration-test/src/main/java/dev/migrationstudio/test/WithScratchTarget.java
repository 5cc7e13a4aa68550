package dev.migrationstudio.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test method of the class a fresh embedded H2 database with the target schema applied, as
 * a {@link ScratchTarget} parameter; the database is dropped when the test ends. Needs the H2 driver
 * ({@code com.h2database:h2}) as a test dependency.
 *
 * <pre>{@code
 * @WithScratchTarget(schema = "/v2-schema.sql", mode = "PostgreSQL")
 * class V2MappingTest {
 *     @Test
 *     void clientsLoad(ScratchTarget v2) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ScratchTargetExtension.class)
public @interface WithScratchTarget {

    /**
     * Class-path resources with the target schema's DDL, run in order (default: none, an empty database).
     *
     * @return the resource paths, e.g. {@code "db/target-schema.sql"}
     */
    String[] schema() default {};

    /**
     * H2 compatibility mode, e.g. {@code PostgreSQL} or {@code MariaDB} (default: H2's own).
     *
     * @return the compatibility mode, or an empty string for H2's own
     */
    String mode() default "";
}
