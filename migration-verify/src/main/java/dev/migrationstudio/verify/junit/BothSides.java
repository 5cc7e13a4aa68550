package dev.migrationstudio.verify.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;

/**
 * A test that runs twice, once against the source and once against the target of its class's
 * {@link SourceAndTarget}; it takes the {@link javax.sql.DataSource} of the side, and may take the
 * {@link DatabaseSide} to pick what differs (the repository that reads v2's table names).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
public @interface BothSides {
}
