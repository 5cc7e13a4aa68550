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
import org.jooq.impl.DSL;

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

    /**
     * A table as the database has it.
     *
     * @param schema the schema that qualifies its name; on MariaDB and MySQL the database, which their
     *     drivers report as the catalog
     * @param schemaIsCatalog whether {@code schema} is a catalog in the driver's metadata (MariaDB, MySQL)
     */
    public record Table(Optional<String> schema, String name, List<Column> columns, boolean schemaIsCatalog) {

        /** The column with this name, exactly or else ignoring case. */
        public Optional<Column> column(String wanted) {
            return columns.stream().filter(c -> c.name().equals(wanted)).findFirst()
                    .or(() -> columns.stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst());
        }

        /** The name to write in queries, qualified by its schema when it has one. */
        public org.jooq.Name qualifiedName() {
            return schema.map(s -> DSL.name(s, name)).orElse(DSL.name(name));
        }

        /** The catalog argument of {@link DatabaseMetaData} calls about this table. */
        public String metaCatalog() {
            return schemaIsCatalog ? schema.orElse(null) : null;
        }

        /** The schema argument of {@link DatabaseMetaData} calls about this table. */
        public String metaSchema() {
            return schemaIsCatalog ? null : schema.orElse(null);
        }

        /** {@code schema.name} for messages. */
        public String display() {
            return schema.map(s -> s + ".").orElse("") + name;
        }
    }

    /**
     * Finds a table; empty when the database has no such table.
     *
     * @param schemaIsCatalog whether the engine's schemas are catalogs in its metadata (MariaDB and MySQL,
     *     where a schema is a database): then the table is looked up in that database only (the one
     *     connected to unless the id or the default names another), never in every database the
     *     server holds
     */
    public static Optional<Table> find(Connection connection, TableId id, Optional<String> defaultSchema,
                                       boolean schemaIsCatalog) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = id.schemaName().or(() -> defaultSchema).orElse(null);
        if (schemaIsCatalog) {
            String database = schema == null ? connection.getCatalog() : schema;
            Optional<String[]> found = locate(meta, database, null, id.name());
            return found.isEmpty() ? Optional.empty()
                    : Optional.of(read(meta, found.get()[0], found.get()[2], true));
        }
        Optional<String[]> found = locate(meta, null, schema, id.name());
        if (found.isEmpty() && id.schemaName().isEmpty()) {
            found = locate(meta, null, null, id.name());
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(meta, found.get()[1], found.get()[2], false));
    }

    private static Table read(DatabaseMetaData meta, String actualSchema, String actualName, boolean schemaIsCatalog)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = schemaIsCatalog ? meta.getColumns(actualSchema, null, escape(meta, actualName), "%")
                : meta.getColumns(null, escape(meta, actualSchema), escape(meta, actualName), "%")) {
            while (rows.next()) {
                columns.add(new Column(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"),
                        rows.getString("TYPE_NAME"), rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        return new Table(Optional.ofNullable(actualSchema), actualName, columns, schemaIsCatalog);
    }

    /** {@code [catalog, schema, name]} of the table found, trying the names as given, then case-folded. */
    private static Optional<String[]> locate(DatabaseMetaData meta, String catalog, String schema, String name)
            throws SQLException {
        // Exact names first (one metadata query in the usual case), then case-folded variants.
        List<String> names = distinct(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT));
        List<String> schemas = schema == null ? java.util.Collections.singletonList(null)
                : distinct(schema, schema.toLowerCase(Locale.ROOT), schema.toUpperCase(Locale.ROOT));
        for (String schemaCandidate : schemas) {
            for (String candidate : names) {
                try (ResultSet rows = meta.getTables(catalog, escape(meta, schemaCandidate), escape(meta, candidate),
                        new String[] {"TABLE", "BASE TABLE", "VIEW", "PARTITIONED TABLE"})) {
                    if (rows.next()) {
                        return Optional.of(new String[] {rows.getString("TABLE_CAT"), rows.getString("TABLE_SCHEM"),
                            rows.getString("TABLE_NAME")});
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
