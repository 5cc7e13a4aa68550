package dev.migrationstudio.verify.internal;

import dev.migrationstudio.inventory.TableId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds tables and columns in a database's metadata by the names a spec uses: exactly, else ignoring
 * case (a spec says {@code customer}, an engine that folds to upper case stores {@code CUSTOMER}).
 */
final class Catalog {

    private Catalog() {
    }

    /** A column as the database has it. */
    public record Column(String name, int jdbcType, String typeName, boolean nullable) {
    }

    /** A table as the database has it. */
    public record Table(Optional<String> schema, String name, List<Column> columns) {

        /** The column with this name, exactly or else ignoring case. */
        public Optional<Column> column(String wanted) {
            return columns.stream().filter(c -> c.name().equals(wanted)).findFirst()
                    .or(() -> columns.stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst());
        }

        /** {@code schema.name} for messages. */
        public String display() {
            return schema.map(s -> s + ".").orElse("") + name;
        }
    }

    /** Finds a table; empty when the database has no such table. */
    public static Optional<Table> find(Connection connection, TableId id, Optional<String> defaultSchema)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = id.schemaName().or(() -> defaultSchema).orElse(null);
        Optional<String[]> found = locate(meta, schema, id.name());
        if (found.isEmpty() && id.schemaName().isEmpty()) {
            found = locate(meta, null, id.name());
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String actualSchema = found.get()[0];
        String actualName = found.get()[1];
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = meta.getColumns(null, escape(meta, actualSchema), escape(meta, actualName), "%")) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"),
                        rows.getString("TYPE_NAME"), rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        return Optional.of(new Table(Optional.ofNullable(actualSchema), actualName, columns));
    }

    private static Optional<String[]> locate(DatabaseMetaData meta, String schema, String name) throws SQLException {
        // Exact names first (one metadata query in the usual case), then case-folded variants.
        List<String> names = distinct(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT));
        List<String> schemas = schema == null ? java.util.Collections.singletonList(null)
                : distinct(schema, schema.toLowerCase(Locale.ROOT), schema.toUpperCase(Locale.ROOT));
        for (String schemaCandidate : schemas) {
            for (String candidate : names) {
                try (ResultSet rows = meta.getTables(null, escape(meta, schemaCandidate), escape(meta, candidate),
                        new String[] {"TABLE", "BASE TABLE", "VIEW", "PARTITIONED TABLE"})) {
                    if (rows.next()) {
                        return Optional.of(new String[] {rows.getString("TABLE_SCHEM"), rows.getString("TABLE_NAME")});
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> distinct(String... names) {
        return List.copyOf(new java.util.LinkedHashSet<>(List.of(names)));
    }

    private static String escape(DatabaseMetaData meta, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
