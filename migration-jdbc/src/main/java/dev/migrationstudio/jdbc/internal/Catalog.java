package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.Domain;
import dev.migrationstudio.inventory.Inheritance;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * What jOOQ's meta model does not tell: exact column types and defaults, row-count estimates, sizes
 * on disk, which columns views read, and sequence values. The standard {@code information_schema}
 * serves where engines agree; each engine adds its own catalog where they do not.
 */
public abstract class Catalog {

    /**
     * Statistics of one table.
     *
     * @param estimatedRows the engine's estimate of the row count, when it has one
     * @param sizeBytes the size on disk (table, indexes and large-object storage), when the engine reports it
     * @param storageEngine the storage engine holding the table, on engines with several (MySQL, MariaDB)
     */
    public record TableStats(OptionalLong estimatedRows, OptionalLong sizeBytes, Optional<String> storageEngine) {
        /** No statistics. */
        public static final TableStats NONE = new TableStats(OptionalLong.empty(), OptionalLong.empty());

        /** Statistics of an engine with one storage engine. */
        public TableStats(OptionalLong estimatedRows, OptionalLong sizeBytes) {
            this(estimatedRows, sizeBytes, Optional.empty());
        }

        /**
         * Statistics as a catalog reports them: an estimate that is missing or not positive says nothing
         * (PostgreSQL's before the first ANALYZE, InnoDB's of a table it has not sampled), nor does a
         * missing size.
         */
        public static TableStats of(Long estimate, Long size, Optional<String> storageEngine) {
            return new TableStats(estimate == null || estimate <= 0 ? OptionalLong.empty() : OptionalLong.of(estimate),
                    size == null ? OptionalLong.empty() : OptionalLong.of(size), storageEngine);
        }
    }

    /** What each view reads, from its SQL (for engines without a dependency catalog), by view. */
    static Map<TableId, List<Reference>> readsFromSql(Map<TableId, String> views, Map<TableId, List<String>> columns,
                                                      char quote) {
        Map<TableId, List<Reference>> reads = new LinkedHashMap<>();
        views.forEach((view, definition) -> reads.put(view, ViewSqlReads.of(definition, view, columns, quote)));
        return reads;
    }

    /** The catalog reader for an engine. */
    public static Catalog of(SQLDialect dialect) {
        if (dialect.family() == SQLDialect.POSTGRES) {
            return new PostgresCatalog();
        }
        if (dialect.family() == SQLDialect.H2) {
            return new H2Catalog();
        }
        if (dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL) {
            return new MariaDbCatalog();
        }
        return new StandardCatalog();
    }

    /**
     * The schemas a scan reads when none are named: every schema but the engine's own (MariaDB
     * narrows this to the connection's database).
     */
    public List<String> defaultSchemas(Connection connection, List<String> available) throws SQLException {
        return available;
    }

    /**
     * The names of a schema's relations that jOOQ's meta model lists as tables but hold no rows of
     * their own (MariaDB's sequences); none by default.
     */
    public Set<String> notTables(Connection connection, String schema) throws SQLException {
        return Set.of();
    }

    /** Whether a schema holds the engine's own tables. */
    public boolean isSystemSchema(String schema) {
        return schema.equalsIgnoreCase("information_schema");
    }

    /**
     * The columns of every table and view of a schema, by table name, in column order. A column whose
     * type is a domain has the domain's base type, with the domain and its checks attached.
     */
    public Map<String, List<ColumnInfo>> columns(Connection connection, String schema) throws SQLException {
        Map<String, List<String>> checks = domainChecks(connection);
        Map<String, List<ColumnInfo>> columns = new LinkedHashMap<>();
        for (Object[] row : Jdbc.query(connection, columnsQuery(), r -> columnRow(r, checks), schema)) {
            columns.computeIfAbsent((String) row[0], k -> new java.util.ArrayList<>()).add((ColumnInfo) row[1]);
        }
        return columns;
    }

    /**
     * A query over {@code information_schema.columns} for one schema (bound as the only parameter),
     * returning: table name, column name, native type name, whether it is an array, maximum length,
     * precision, scale, fractional-second digits, is_nullable, default, is_identity, is_generated, the
     * generation expression, identity_generation ({@code ALWAYS} or {@code BY DEFAULT}), and the
     * schema and name of the column's domain (NULL when its type is no domain), ordered by table and
     * position.
     */
    protected String columnsQuery() {
        return "SELECT table_name, column_name, data_type, 'NO', character_maximum_length, numeric_precision, "
                + "numeric_scale, datetime_precision, is_nullable, column_default, 'NO', 'NEVER', NULL, NULL, "
                + "NULL, NULL "
                + "FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position";
    }

    /**
     * The CHECK constraints of every domain the engine knows, by {@code schema.name}, as the engine
     * renders them (none by default: engines without domains, or whose catalog this does not read).
     */
    public Map<String, List<String>> domainChecks(Connection connection) throws SQLException {
        return Map.of();
    }

    /**
     * The inheritance parent or partitioned table of each table of a schema that has one, by table
     * name (none by default: only PostgreSQL nests tables).
     */
    public Map<String, Inheritance> inheritance(Connection connection, String schema) throws SQLException {
        return Map.of();
    }

    /** The type of a row of {@link #columnsQuery()}, from its columns 3 to 8. */
    protected SqlType type(ResultSet row) throws SQLException {
        String nativeName = row.getString(3);
        boolean array = "YES".equalsIgnoreCase(row.getString(4));
        return array ? ColumnTypes.of(ColumnTypes.arrayOf(nativeName), null, null, null, null)
                : ColumnTypes.of(nativeName, Jdbc.longOrNull(row, 5), Jdbc.longOrNull(row, 6), Jdbc.longOrNull(row, 7),
                        Jdbc.longOrNull(row, 8));
    }

    /**
     * A column of a row of {@link #columnsQuery()} with what the engine adds to the standard columns
     * (nothing by default).
     */
    protected ColumnInfo refine(ColumnInfo column, ResultSet row) throws SQLException {
        return column;
    }

    private Object[] columnRow(ResultSet row, Map<String, List<String>> checks) throws SQLException {
        SqlType type = type(row);
        boolean nullable = !"NO".equalsIgnoreCase(row.getString(9));
        String defaultValue = row.getString(10);
        if ("YES".equalsIgnoreCase(row.getString(11))) {
            // The forms ColumnInfo.generation() reads; the engines report identity apart from defaults.
            defaultValue = "ALWAYS".equalsIgnoreCase(row.getString(14)) ? "GENERATED ALWAYS AS IDENTITY"
                    : "GENERATED BY DEFAULT AS IDENTITY";
        }
        String generated = row.getString(12);
        if (generated != null && !generated.equalsIgnoreCase("NEVER")) {
            defaultValue = "GENERATED ALWAYS AS (" + Optional.ofNullable(row.getString(13)).orElse("?") + ")";
        }
        String domainName = row.getString(16);
        if (domainName != null) {
            String domainSchema = row.getString(15);
            String qualified = domainSchema == null ? domainName : domainSchema + "." + domainName;
            type = type.inDomain(new Domain(qualified, checks.getOrDefault(qualified, List.of())));
        }
        ColumnInfo column = new ColumnInfo(row.getString(2), type, nullable,
                defaultValue == null || defaultValue.isBlank() ? Optional.empty() : Optional.of(defaultValue.trim()));
        return new Object[] {row.getString(1), refine(column, row)};
    }

    /** Row-count estimates and sizes of the tables of a schema, by table name. */
    public Map<String, TableStats> tableStats(Connection connection, String schema, List<String> tables)
            throws SQLException {
        return Map.of();
    }

    /**
     * The indexes of a schema that keep only some rows, or expressions rather than the columns, unique
     * (a partial or expression index), as {@code table.index} names: such an index does not make its
     * columns unique across the table. None on engines without them.
     */
    public Set<String> partialIndexes(Connection connection, String schema) throws SQLException {
        return Set.of();
    }

    /** View definitions of a schema, by view name; views the user may not read the text of are left out. */
    public Map<String, String> viewDefinitions(Connection connection, String schema) throws SQLException {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (String[] row : Jdbc.query(connection,
                "SELECT table_name, view_definition FROM information_schema.views WHERE table_schema = ?",
                r -> new String[] {r.getString(1), r.getString(2)}, schema)) {
            if (row[1] != null) {
                definitions.put(row[0], row[1]);
            }
        }
        return definitions;
    }

    /**
     * What each view of the scanned schemas reads, from the engine's dependency catalog.
     *
     * @param views the views found, with their definitions
     * @param columns the columns of every table and view found, for resolving names in definitions
     */
    public Map<TableId, List<Reference>> viewReads(Connection connection, Map<TableId, String> views,
                                                   Map<TableId, List<String>> columns) throws SQLException {
        return Map.of();
    }

    /**
     * What else the database holds that a migration must account for, such as PostgreSQL's logical
     * replication slots (none by default).
     */
    public List<dev.migrationstudio.inventory.Artifact> artifacts(Connection connection) throws SQLException {
        return List.of();
    }

    /** The last value handed out by each sequence of a schema, by name (empty when none yet or unknown). */
    public Map<String, OptionalLong> sequences(Connection connection, String schema) throws SQLException {
        Map<String, OptionalLong> sequences = new LinkedHashMap<>();
        for (String name : Jdbc.query(connection,
                "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = ?",
                r -> r.getString(1), schema)) {
            sequences.put(name, OptionalLong.empty());
        }
        return sequences;
    }

    /**
     * The last value a sequence handed out, from the next value it will hand out: none while that is
     * still its start value.
     */
    static OptionalLong lastHandedOut(Long next, Long start, Long increment) {
        boolean used = next != null && increment != null && start != null && !next.equals(start);
        return used ? OptionalLong.of(next - increment) : OptionalLong.empty();
    }

    /** Lower-case name, for comparisons of catalog words. */
    static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** The standard {@code information_schema} only. */
    static final class StandardCatalog extends Catalog {
    }
}
