package dev.migrationstudio.verify.junit;

import javax.sql.DataSource;

/**
 * The two databases a test class runs against with {@link SourceAndTarget}: the source the
 * application uses today and the migrated target. Implementations have a public no-argument
 * constructor; one instance serves a whole test class and is closed after it when it is
 * {@link AutoCloseable}.
 */
public interface DatabasePair {

    /**
     * The source database.
     *
     * @return the source
     */
    DataSource source();

    /**
     * The migrated target database.
     *
     * @return the target
     */
    DataSource target();
}
