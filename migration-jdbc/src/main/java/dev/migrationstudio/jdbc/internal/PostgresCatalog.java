package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.Inheritance;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * PostgreSQL: {@code pg_class} statistics and sizes, view dependencies from {@code pg_depend}, {@code pg_sequences};
 * domains with their checks, and enum types as domains whose check is their list of labels.
 */
final class PostgresCatalog extends Catalog {

    @Override
    public boolean isSystemSchema(String schema) {
        return super.isSystemSchema(schema) || schema.equals("pg_catalog") || schema.startsWith("pg_toast")
                || schema.startsWith("pg_temp_");
    }

    /** The database's logical replication slots: each keeps the write-ahead log until it is dropped. */
    @Override
    public List<Artifact> artifacts(Connection connection) throws SQLException {
        return Jdbc.query(connection, "SELECT slot_name, plugin, active, "
                        + "COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint "
                        + "FROM pg_replication_slots WHERE slot_type = 'logical' AND database = current_database() "
                        + "ORDER BY slot_name",
                r -> Artifact.replicationSlot(r.getString(1)).description(String.format(
                        "logical replication slot (%s, %s) keeping %.1f MB of write-ahead log until it is dropped",
                        r.getString(2), r.getBoolean(3) ? "in use" : "idle", r.getLong(4) / 1_048_576.0)).build());
    }

    @Override
    protected String columnsQuery() {
        return "SELECT table_name, column_name, "
                + "udt_name, "
                + "CASE WHEN data_type = 'ARRAY' THEN 'YES' ELSE 'NO' END, character_maximum_length, "
                + "numeric_precision, numeric_scale, datetime_precision, is_nullable, column_default, is_identity, "
                + "is_generated, generation_expression, identity_generation, "
                // An enum type is a closed list of values: it is read as a domain with that list as its check.
                + "COALESCE(domain_schema, CASE WHEN data_type = 'USER-DEFINED' AND EXISTS (SELECT 1 FROM pg_type t "
                + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND t.typname = udt_name "
                + "AND n.nspname = udt_schema) THEN udt_schema END), "
                + "COALESCE(domain_name, CASE WHEN data_type = 'USER-DEFINED' AND EXISTS (SELECT 1 FROM pg_type t "
                + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND t.typname = udt_name "
                + "AND n.nspname = udt_schema) THEN udt_name END) "
                + "FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position";
    }

    @Override
    public Map<String, List<String>> domainChecks(Connection connection) throws SQLException {
        Map<String, List<String>> checks = new LinkedHashMap<>();
        for (String[] row : Jdbc.query(connection,
                "SELECT n.nspname, t.typname, pg_get_constraintdef(c.oid) FROM pg_type t "
                        + "JOIN pg_namespace n ON n.oid = t.typnamespace "
                        + "JOIN pg_constraint c ON c.contypid = t.oid "
                        + "WHERE t.typtype = 'd' AND c.contype = 'c' ORDER BY 1, 2, c.conname",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)})) {
            checks.computeIfAbsent(row[0] + "." + row[1], k -> new ArrayList<>()).add(row[2]);
        }
        for (String[] row : Jdbc.query(connection,
                "SELECT n.nspname, t.typname, 'CHECK (VALUE IN (' "
                        + "|| string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) || '))' "
                        + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                        + "JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY n.nspname, t.typname ORDER BY 1, 2",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)})) {
            checks.computeIfAbsent(row[0] + "." + row[1], k -> new ArrayList<>()).add(row[2]);
        }
        return checks;
    }

    @Override
    public Map<String, Inheritance> inheritance(Connection connection, String schema) throws SQLException {
        Map<String, Inheritance> parents = new LinkedHashMap<>();
        // A table may inherit from several parents; the first one (inhseqno 1) stands for the relation.
        for (Object[] row : Jdbc.query(connection,
                "SELECT c.relname, pn.nspname, p.relname, c.relispartition FROM pg_inherits i "
                        + "JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "JOIN pg_class p ON p.oid = i.inhparent "
                        + "JOIN pg_namespace pn ON pn.oid = p.relnamespace "
                        + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname, i.inhseqno",
                r -> new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4)}, schema)) {
            parents.putIfAbsent((String) row[0], new Inheritance(TableId.of((String) row[1], (String) row[2]),
                    (Boolean) row[3] ? Inheritance.Kind.PARTITION_OF : Inheritance.Kind.INHERITS));
        }
        return parents;
    }

    @Override
    public Map<String, TableStats> tableStats(Connection connection, String schema, List<String> tables)
            throws SQLException {
        Map<String, TableStats> stats = new LinkedHashMap<>();
        for (Object[] row : Jdbc.query(connection,
                "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'm')",
                r -> new Object[] {r.getString(1), Jdbc.longOrNull(r, 2), Jdbc.longOrNull(r, 3)}, schema)) {
            // reltuples is -1 (or 0 before PostgreSQL 14) until the table is first analyzed: no estimate then.
            stats.put((String) row[0], TableStats.of((Long) row[1], (Long) row[2], Optional.empty()));
        }
        return stats;
    }

    @Override
    public Set<String> partialIndexes(Connection connection, String schema) throws SQLException {
        return new HashSet<>(Jdbc.query(connection,
                "SELECT t.relname || '.' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        + "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                        + "WHERE n.nspname = ? AND (i.indpred IS NOT NULL OR i.indexprs IS NOT NULL)",
                r -> r.getString(1), schema));
    }

    @Override
    public Map<TableId, List<Reference>> viewReads(Connection connection, Map<TableId, String> views,
                                                   Map<TableId, List<String>> columns) throws SQLException {
        Set<String> schemas = new TreeSet<>();
        views.keySet().forEach(v -> schemas.add(v.schema()));
        Map<TableId, Map<TableId, Set<String>>> reads = new LinkedHashMap<>();
        for (String schema : schemas) {
            List<String[]> rows = Jdbc.query(connection,
                    "SELECT DISTINCT v.relname, tn.nspname, t.relname, a.attname "
                            + "FROM pg_depend d "
                            + "JOIN pg_rewrite r ON r.oid = d.objid "
                            + "JOIN pg_class v ON v.oid = r.ev_class "
                            + "JOIN pg_namespace vn ON vn.oid = v.relnamespace "
                            + "JOIN pg_class t ON t.oid = d.refobjid "
                            + "JOIN pg_namespace tn ON tn.oid = t.relnamespace "
                            + "LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
                            + "AND d.refobjsubid > 0 "
                            + "WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass "
                            + "AND v.oid <> t.oid AND vn.nspname = ? "
                            + "ORDER BY 1, 2, 3, 4",
                    r -> new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)}, schema);
            for (String[] row : rows) {
                TableId view = TableId.of(schema, row[0]);
                if (!views.containsKey(view)) {
                    continue;
                }
                Set<String> read = reads.computeIfAbsent(view, k -> new LinkedHashMap<>())
                        .computeIfAbsent(TableId.of(row[1], row[2]), k -> new TreeSet<>());
                if (row[3] != null) {
                    read.add(row[3]);
                }
            }
        }
        Map<TableId, List<Reference>> result = new LinkedHashMap<>();
        reads.forEach((view, tables) -> {
            List<Reference> references = new ArrayList<>();
            tables.forEach((table, cols) -> {
                if (cols.isEmpty()) {
                    references.add(new Reference(table, Optional.empty()));
                } else {
                    cols.forEach(c -> references.add(new Reference(table, Optional.of(c))));
                }
            });
            result.put(view, List.copyOf(references));
        });
        return result;
    }

    @Override
    public Map<String, OptionalLong> sequences(Connection connection, String schema) throws SQLException {
        Map<String, OptionalLong> sequences = new LinkedHashMap<>();
        for (Object[] row : Jdbc.query(connection,
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = ? ORDER BY sequencename",
                r -> new Object[] {r.getString(1), Jdbc.longOrNull(r, 2)}, schema)) {
            sequences.put((String) row[0], row[1] == null ? OptionalLong.empty() : OptionalLong.of((Long) row[1]));
        }
        return sequences;
    }
}
