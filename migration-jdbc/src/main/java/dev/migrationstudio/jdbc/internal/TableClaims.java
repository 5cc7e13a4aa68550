package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.exception.DataAccessException;

/**
 * Which migration writes which target table. The run lock is per migration name, so it cannot keep
 * two migrations with different names off one table; a claim row per target table can: its primary
 * key is the table, so of two migrations claiming it at once exactly one inserts the row, and the
 * other is refused before it writes anything.
 */
final class TableClaims {
    private final LedgerSchema schema;

    TableClaims(LedgerSchema schema) {
        this.schema = schema;
    }

    /**
     * Claims each table for migration {@code name}, or fails naming a table another migration owns.
     * Tables it owns already are fine. The caller commits the claims; a refusal rolls back the open
     * transaction, so nothing it held is written.
     *
     * @param tables the target tables, as {@link TableShape#id()} names them
     */
    void claim(Connection connection, String name, Collection<String> tables) {
        DSLContext sql = schema.dsl(connection);
        // Sorted, so two migrations claiming overlapping tables take the rows in one order.
        for (String table : new TreeSet<>(tables)) {
            Record2<String, LocalDateTime> owner = owner(sql, table);
            if (owner == null) {
                try {
                    sql.insertInto(schema.tableOwners(), schema.targetTable, schema.migration, schema.claimedAt)
                            .values(table, name, LocalDateTime.now(ZoneOffset.UTC)).execute();
                    continue;
                } catch (DataAccessException e) {
                    // Another migration inserted the row between our read and our insert: it owns the table.
                    rollback(connection);
                    owner = owner(sql, table);
                    if (owner == null) {
                        throw new MigrationException("cannot claim target table " + table + " in the ledger: "
                                + e.getMessage(), e);
                    }
                }
            }
            if (!owner.value1().equals(name)) {
                rollback(connection);
                throw new MigrationException(String.format("target table %s is written by migration '%s' (claimed "
                        + "%sZ); a second migration may not write it: run that migration instead; if this spec is "
                        + "'%2$s' renamed, run it with renamedFrom(\"%2$s\"), which moves that ledger to '%s' and "
                        + "keeps the rows loaded; or undo '%2$s' with reset() on it, which deletes its rows and "
                        + "releases its tables", table, owner.value1(), owner.value2(), name));
            }
        }
    }

    /** Releases every table migration {@code name} claimed; the caller commits. */
    void release(Connection connection, String name) {
        schema.dsl(connection).deleteFrom(schema.tableOwners()).where(schema.migration.eq(name)).execute();
    }

    private Record2<String, LocalDateTime> owner(DSLContext sql, String table) {
        return sql.select(schema.migration, schema.claimedAt).from(schema.tableOwners())
                .where(schema.targetTable.eq(table)).fetchOne();
    }

    private static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new MigrationException("cannot roll back the ledger: " + SqlStates.reason(e), e);
        }
    }
}
