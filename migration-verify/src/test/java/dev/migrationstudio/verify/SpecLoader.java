package dev.migrationstudio.verify;

import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A minimal loader for tests: applies a spec in memory and inserts the loaded rows with plain JDBC
 * batches. It stands for "a target loaded by anything": the verifier must not rely on how it was done.
 */
final class SpecLoader {
    private static final int BATCH = 1_000;

    private SpecLoader() {
    }

    /** Loads every table of the spec, in spec order; returns loaded rows per target table. */
    static Map<String, Long> load(DataSource source, DataSource target, MappingSpec spec) {
        Map<String, Long> loaded = new TreeMap<>();
        for (TableMapping table : spec.tables()) {
            loaded.put(table.target().name(), load(source, target, table));
        }
        return loaded;
    }

    /** Loads one table. */
    static long load(DataSource source, DataSource target, TableMapping table) {
        List<String> columns = table.targetLayout().columns();
        String insert = "INSERT INTO " + table.target().name() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        long rows = 0;
        try (Connection in = source.getConnection(); Connection out = target.getConnection();
             SourceCursor result = SourceCursor.open(in, "SELECT * FROM " + table.source().name(), List.of(), BATCH);
             PreparedStatement write = out.prepareStatement(insert)) {
            out.setAutoCommit(false);
            List<String> names = result.columns().stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList();
            int pending = 0;
            for (Object[] read = result.next(); read != null; read = result.next()) {
                Object[] pairs = new Object[read.length * 2];
                for (int i = 0; i < read.length; i++) {
                    pairs[2 * i] = names.get(i);
                    pairs[2 * i + 1] = read[i];
                }
                RowResult mapped = table.apply(Row.of(pairs));
                if (!(mapped instanceof RowResult.Loaded)) {
                    continue;
                }
                Object[] values = ((RowResult.Loaded) mapped).row().values();
                for (int i = 0; i < values.length; i++) {
                    write.setObject(i + 1, values[i]);
                }
                write.addBatch();
                rows++;
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
            out.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("loading " + table.describe() + " failed: " + e.getMessage(), e);
        }
        return rows;
    }

}
