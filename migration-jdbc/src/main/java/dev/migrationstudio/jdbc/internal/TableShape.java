package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.source.TableNames;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A table as the database has it: its exact schema and name, its columns with JDBC types, its
 * primary key and its foreign keys. Names given by users are matched exactly first, then without
 * regard to case, so that {@code customer} finds H2's {@code CUSTOMER}.
 *
 * @param schema the table's schema as stored
 * @param name the table's name as stored
 * @param columns column name (as stored) to JDBC type code, in table order
 * @param typeNames column name to the engine's type name
 * @param primaryKey the primary key columns, in key order; empty when there is none
 * @param foreignKeys the table's foreign keys
 */
public record TableShape(String schema, String name, Map<String, Integer> columns, Map<String, String> typeNames,
                         List<String> primaryKey, List<ForeignKeyInfo> foreignKeys) {

    /** The jOOQ name, quoted when rendered. */
    public Name qualifiedName() {
        return schema == null || schema.isEmpty() ? DSL.name(name) : DSL.name(schema, name);
    }

    /** This table's id. */
    public TableId id() {
        return schema == null || schema.isEmpty() ? TableId.of(name) : TableId.of(schema, name);
    }

    /** The stored name of a column matching {@code column} exactly or, failing that, ignoring case. */
    public Optional<String> column(String column) {
        if (columns.containsKey(column)) {
            return Optional.of(column);
        }
        return columns.keySet().stream().filter(c -> c.equalsIgnoreCase(column)).findFirst();
    }

    /** The stored name of a column, or a clear error naming the table and its columns. */
    public String requireColumn(String column, String role) {
        return column(column).orElseThrow(() -> new MigrationException(role + " column '" + column
                + "' does not exist in table " + id() + Names.nearMissHint(column, columns.keySet()) + " (columns: "
                + String.join(", ", columns.keySet()) + ")"));
    }

    /**
     * Finds a table; empty when the database has no such table. Its schema is matched as its name is:
     * exactly, else without regard to case ({@code legacy} finds H2's {@code LEGACY}). On MariaDB and
     * MySQL, whose drivers call a database a catalog and have no schemas, the database stands in for
     * the schema: a table is found in the connection's database unless its id names another.
     */
    public static Optional<TableShape> find(Connection connection, TableId id) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            boolean databases = Engines.dialectOf(connection) == SQLDialect.MARIADB;
            String schema = !id.schema().isEmpty() ? storedSchema(meta, databases, id.schema())
                    : databases ? connection.getCatalog() : connection.getSchema();
            Optional<String[]> located = locate(meta, databases, schema, id.name());
            if (located.isEmpty() && id.schema().isEmpty() && !databases) {
                located = locate(meta, false, null, id.name());
            }
            if (located.isEmpty()) {
                return Optional.empty();
            }
            String storedSchema = located.get()[0];
            String storedName = located.get()[1];
            String catalog = databases ? storedSchema : null;
            String schemaPattern = databases ? null : storedSchema;
            Map<String, Integer> columns = new LinkedHashMap<>();
            Map<String, String> typeNames = new LinkedHashMap<>();
            try (ResultSet rs = meta.getColumns(catalog, schemaPattern, escape(meta, storedName), null)) {
                while (rs.next()) {
                    if (storedName.equals(rs.getString("TABLE_NAME"))) {
                        columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                        typeNames.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
                    }
                }
            }
            Map<Integer, String> keyColumns = new java.util.TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(catalog, schemaPattern, storedName)) {
                while (rs.next()) {
                    keyColumns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            return Optional.of(new TableShape(storedSchema == null ? "" : storedSchema, storedName, columns, typeNames,
                    List.copyOf(keyColumns.values()), foreignKeys(meta, databases, storedSchema, storedName)));
        } catch (SQLException e) {
            throw new MigrationException("cannot read the metadata of table " + id + ": " + SqlStates.reason(e), e);
        }
    }

    /** Finds a table or fails naming it and the tables whose names are close to it. */
    public static TableShape require(Connection connection, TableId id, String side) {
        Optional<TableShape> found = find(connection, id);
        if (found.isPresent()) {
            return found.get();
        }
        String hint;
        try {
            hint = TableNames.nearMisses(connection, id);
        } catch (SQLException e) {
            hint = "";
        }
        throw new MigrationException(side + " table " + id + " does not exist" + hint
                + (side.equals("target") ? "; create the target schema before migrating" : ""));
    }

    /**
     * The schema (or MariaDB database) as stored: {@code wanted} exactly, else the one schema equal to
     * it without regard to case; {@code wanted} itself when there is none (the table is then not found).
     */
    private static String storedSchema(DatabaseMetaData meta, boolean databases, String wanted) throws SQLException {
        List<String> folded = new ArrayList<>();
        try (ResultSet rs = databases ? meta.getCatalogs() : meta.getSchemas()) {
            while (rs.next()) {
                String schema = rs.getString(databases ? "TABLE_CAT" : "TABLE_SCHEM");
                if (schema.equals(wanted)) {
                    return schema;
                }
                if (schema.equalsIgnoreCase(wanted)) {
                    folded.add(schema);
                }
            }
        }
        if (folded.size() > 1) {
            throw new MigrationException("schema name '" + wanted + "' is ambiguous: " + folded
                    + "; write it exactly as the database stores it");
        }
        return folded.isEmpty() ? wanted : folded.get(0);
    }

    private static List<ForeignKeyInfo> foreignKeys(DatabaseMetaData meta, boolean databases, String schema,
                                                    String table) throws SQLException {
        // Rows come ordered by parent table and KEY_SEQ; a composite key spans several rows.
        Map<String, List<String[]>> byName = new LinkedHashMap<>();
        Map<String, TableId> parents = new LinkedHashMap<>();
        try (ResultSet rs = databases ? meta.getImportedKeys(schema, null, table)
                : meta.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                String parentSchema = rs.getString(databases ? "PKTABLE_CAT" : "PKTABLE_SCHEM");
                TableId parent = parentSchema == null || parentSchema.isEmpty() ? TableId.of(rs.getString("PKTABLE_NAME"))
                        : TableId.of(parentSchema, rs.getString("PKTABLE_NAME"));
                String fkName = rs.getString("FK_NAME");
                String key = (fkName == null ? "fk" : fkName) + "->" + parent;
                parents.put(key, parent);
                byName.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new String[] {fkName == null ? table + "_fkey" : fkName, rs.getString("FKCOLUMN_NAME"),
                                rs.getString("PKCOLUMN_NAME")});
            }
        }
        List<ForeignKeyInfo> keys = new ArrayList<>();
        byName.forEach((key, columns) -> keys.add(new ForeignKeyInfo(columns.get(0)[0],
                columns.stream().map(c -> c[1]).toList(), parents.get(key), columns.stream().map(c -> c[2]).toList())));
        return List.copyOf(keys);
    }

    /** @param databases whether {@code schema} is a database, which the driver calls a catalog (MariaDB) */
    private static Optional<String[]> locate(DatabaseMetaData meta, boolean databases, String schema, String name)
            throws SQLException {
        List<String[]> exact = new ArrayList<>();
        List<String[]> folded = new ArrayList<>();
        String[] types = {"TABLE", "BASE TABLE", "VIEW"};
        try (ResultSet rs = databases ? meta.getTables(schema, null, null, types)
                : meta.getTables(null, schema, null, types)) {
            while (rs.next()) {
                String[] found = {rs.getString(databases ? "TABLE_CAT" : "TABLE_SCHEM"), rs.getString("TABLE_NAME")};
                if (found[1].equals(name)) {
                    exact.add(found);
                } else if (found[1].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    folded.add(found);
                }
            }
        }
        List<String[]> matches = exact.isEmpty() ? folded : exact;
        if (matches.size() > 1) {
            List<String> names = matches.stream().map(m -> m[0] + "." + m[1]).toList();
            throw new MigrationException("table name '" + name + "' is ambiguous: " + names + "; qualify it with a schema");
        }
        return matches.stream().findFirst();
    }

    private static String escape(DatabaseMetaData meta, String name) throws SQLException {
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
