package dev.migrationstudio.jdbc.internal;

import java.sql.Connection;
import java.util.List;
import org.jooq.SQLDialect;

/**
 * How a run writes its target's rows, chosen once per run from the target connection: the engine's
 * bulk path where there is one, batched INSERTs elsewhere. The one place that picks a {@link RowWriter}.
 */
enum WritePath {
    /** PostgreSQL's {@code COPY ... FROM STDIN}. */
    COPY,
    /** MariaDB's (and MySQL's) {@code LOAD DATA LOCAL INFILE}, streamed from memory. */
    LOAD_DATA,
    /** Prepared INSERTs in JDBC batches (on MariaDB, the driver's bulk protocol). */
    INSERT;

    /** The path for a target connection and the run's settings. */
    static WritePath of(Connection target, SQLDialect dialect, MigrationSettings settings) {
        if (dialect == SQLDialect.POSTGRES && settings.postgresCopy() && CopyWriter.supports(target)) {
            return COPY;
        }
        if (dialect == SQLDialect.MARIADB && settings.mariadbLoadData() && LoadDataWriter.supports(target)) {
            return LOAD_DATA;
        }
        return INSERT;
    }

    /** A writer of a target table's columns along this path. */
    RowWriter writer(TableShape target, List<String> columns, SQLDialect dialect, int batchSize) {
        return switch (this) {
            case COPY -> new CopyWriter(target, columns);
            case LOAD_DATA -> new LoadDataWriter(target, columns);
            case INSERT -> new InsertWriter(target, columns, dialect, batchSize);
        };
    }
}
