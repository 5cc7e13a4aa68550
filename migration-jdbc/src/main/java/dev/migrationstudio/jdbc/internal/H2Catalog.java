package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * H2: row-count estimates from {@code information_schema.tables}, sizes from {@code DISK_SPACE_USED}
 * (reported for file databases; in-memory databases report none), view reads from the views' SQL
 * (H2 keeps no dependency catalog), sequence values from {@code information_schema.sequences}.
 */
final class H2Catalog extends Catalog {

    @Override
    protected String columnsQuery() {
        return "SELECT table_name, column_name, data_type, CASE WHEN LOWER(data_type) = 'array' THEN 'YES' ELSE 'NO' END, "
                + "character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_nullable, "
                + "column_default, is_identity, is_generated, generation_expression, identity_generation, NULL, NULL "
                + "FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position";
    }

    @Override
    public Map<String, TableStats> tableStats(Connection connection, String schema, List<String> tables)
            throws SQLException {
        Map<String, TableStats> stats = new LinkedHashMap<>();
        Map<String, Long> estimates = new LinkedHashMap<>();
        for (Object[] row : Jdbc.query(connection,
                "SELECT table_name, row_count_estimate FROM information_schema.tables WHERE table_schema = ?",
                r -> new Object[] {r.getString(1), Jdbc.longOrNull(r, 2)}, schema)) {
            estimates.put((String) row[0], (Long) row[1]);
        }
        for (String table : tables) {
            // DISK_SPACE_USED parses its argument as a table name: pass it quoted, as a bound value.
            String quoted = Engines.renderer(SQLDialect.H2).render(DSL.name(schema, table));
            Long size = Jdbc.query(connection, "SELECT DISK_SPACE_USED(?)", r -> Jdbc.longOrNull(r, 1), quoted).get(0);
            Long estimate = estimates.get(table);
            stats.put(table, new TableStats(estimate == null ? OptionalLong.empty() : OptionalLong.of(estimate),
                    size == null || size <= 0 ? OptionalLong.empty() : OptionalLong.of(size)));
        }
        return stats;
    }

    @Override
    public Map<TableId, List<Reference>> viewReads(Connection connection, Map<TableId, String> views,
                                                   Map<TableId, List<String>> columns) {
        return readsFromSql(views, columns, '"');
    }

    @Override
    public Map<String, OptionalLong> sequences(Connection connection, String schema) throws SQLException {
        Map<String, OptionalLong> sequences = new LinkedHashMap<>();
        for (Object[] row : Jdbc.query(connection,
                "SELECT sequence_name, base_value, increment, start_value FROM information_schema.sequences "
                        + "WHERE sequence_schema = ? ORDER BY sequence_name",
                r -> new Object[] {r.getString(1), Jdbc.longOrNull(r, 2), Jdbc.longOrNull(r, 3), Jdbc.longOrNull(r, 4)},
                schema)) {
            // base_value is the next value to hand out.
            sequences.put((String) row[0], lastHandedOut((Long) row[1], (Long) row[3], (Long) row[2]));
        }
        return sequences;
    }
}
