package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.Domain;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TextEncoding;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * MariaDB (and MySQL): a schema is a database, so a scan reads the connection's database unless told
 * otherwise; column types from {@code COLUMN_TYPE} (unsigned, display widths, ENUM and SET labels);
 * {@code AUTO_INCREMENT}; character set and collation per column; the storage engine, estimate and
 * size of each table from {@code information_schema.tables}; view reads from the views' SQL (MariaDB
 * keeps no view dependency catalog); sequences, which MariaDB keeps as one-row tables.
 */
final class MariaDbCatalog extends Catalog {

    private static final Pattern ENUM_LABEL = Pattern.compile("'(?:[^']|'')*'");
    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection");

    @Override
    public boolean isSystemSchema(String schema) {
        String lower = schema.toLowerCase(Locale.ROOT);
        return super.isSystemSchema(schema) || lower.equals("mysql") || lower.equals("performance_schema")
                || lower.equals("sys");
    }

    /** The connection's database: a server's other databases are usually other applications. */
    @Override
    public List<String> defaultSchemas(Connection connection, List<String> available) throws SQLException {
        String current = connection.getCatalog();
        return current == null ? available : List.of(current);
    }

    @Override
    public Set<String> notTables(Connection connection, String schema) throws SQLException {
        return new HashSet<>(Jdbc.query(connection, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type = 'SEQUENCE'", r -> r.getString(1), schema));
    }

    /**
     * Columns 17 to 20: {@code COLUMN_TYPE}, the character set, the collation, and whether a
     * {@code json_valid} CHECK guards the column (MariaDB's JSON is LONGTEXT with that check).
     */
    @Override
    protected String columnsQuery() {
        return "SELECT c.table_name, c.column_name, c.data_type, 'NO', c.character_maximum_length, "
                + "c.numeric_precision, c.numeric_scale, c.datetime_precision, c.is_nullable, c.column_default, 'NO', "
                + "c.is_generated, c.generation_expression, NULL, NULL, NULL, c.column_type, c.character_set_name, "
                + "c.collation_name, CASE WHEN EXISTS (SELECT 1 FROM information_schema.check_constraints k "
                + "WHERE k.constraint_schema = c.table_schema AND k.table_name = c.table_name "
                + "AND k.check_clause = CONCAT('json_valid(`', c.column_name, '`)')) THEN 'YES' ELSE 'NO' END, c.extra "
                + "FROM information_schema.columns c WHERE c.table_schema = ? ORDER BY c.table_name, c.ordinal_position";
    }

    /**
     * The engine-neutral type that holds the column's values, named as MariaDB names it: unsigned
     * integers widen to the next signed kind (BIGINT UNSIGNED to DECIMAL(20,0)), ENUM and SET become
     * VARCHAR of their longest value, YEAR a SMALLINT, BIT(1) a BOOLEAN and wider BITs BINARY, JSON
     * itself, TIMESTAMP (an instant, shown in the session's zone) a TIMESTAMP WITH TIME ZONE while
     * DATETIME is a local TIMESTAMP; spatial types stay OTHER (no engine-neutral form).
     */
    @Override
    protected SqlType type(ResultSet row) throws SQLException {
        String dataType = row.getString(3).toLowerCase(Locale.ROOT);
        String columnType = row.getString(17);
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        Long length = Jdbc.longOrNull(row, 5);
        Long precision = Jdbc.longOrNull(row, 6);
        SqlType type;
        switch (dataType) {
            case "tinyint":
                type = SqlType.smallint();
                break;
            case "smallint":
                type = unsigned ? SqlType.integer() : SqlType.smallint();
                break;
            case "mediumint":
                type = SqlType.integer();
                break;
            case "int":
            case "integer":
                type = unsigned ? SqlType.bigint() : SqlType.integer();
                break;
            case "bigint":
                type = unsigned ? SqlType.decimal(20, 0) : SqlType.bigint();
                break;
            case "year":
                type = SqlType.smallint();
                break;
            case "bit":
                type = precision == null || precision <= 1 ? SqlType.bool()
                        : SqlType.parse("BINARY(" + ((precision + 7) / 8) + ")");
                break;
            case "float":
                type = SqlType.real();
                break;
            case "timestamp":
                // An instant: stored in UTC, shown in the session's time zone.
                type = ColumnTypes.of("timestamptz", null, null, null, Jdbc.longOrNull(row, 8));
                break;
            case "enum":
            case "set":
                type = SqlType.varchar((int) Math.max(1, length == null ? 1 : length));
                break;
            case "tinytext":
            case "mediumtext":
            case "longtext":
                type = "YES".equals(row.getString(20)) ? SqlType.of(SqlType.Kind.JSON) : SqlType.text();
                break;
            case "tinyblob":
            case "mediumblob":
            case "longblob":
                type = SqlType.blob();
                break;
            default:
                type = SPATIAL.contains(dataType) ? SqlType.parse(dataType) : ColumnTypes.of(dataType,
                        dataType.equals("text") ? null : length, precision, Jdbc.longOrNull(row, 7),
                        Jdbc.longOrNull(row, 8));
        }
        return type.withNativeName(columnType);
    }

    /**
     * Adds {@code AUTO_INCREMENT}, the character set and collation, and an ENUM's closed list of values
     * as a domain check (written as {@link PostgresCatalog} writes a PostgreSQL enum's, so that the same
     * labels compare equal); MariaDB reports a NULL default as the text NULL.
     */
    @Override
    protected ColumnInfo refine(ColumnInfo column, ResultSet row) throws SQLException {
        Optional<String> defaultExpression = column.defaultExpression().filter(d -> !d.equalsIgnoreCase("NULL"));
        String extra = Optional.ofNullable(row.getString(21)).orElse("").toLowerCase(Locale.ROOT);
        if (extra.contains("auto_increment")) {
            defaultExpression = Optional.of("AUTO_INCREMENT");
        }
        SqlType type = column.type();
        if (type.nativeName().toLowerCase(Locale.ROOT).startsWith("enum(")) {
            type = type.inDomain(new Domain(type.nativeName(), List.of(enumCheck(type.nativeName()))));
        }
        ColumnInfo refined = new ColumnInfo(column.name(), type, column.nullable(), defaultExpression);
        String characterSet = row.getString(18);
        String collation = row.getString(19);
        return characterSet == null || collation == null ? refined
                : refined.withEncoding(new TextEncoding(characterSet, collation));
    }

    /** {@code CHECK (VALUE IN ('new', 'paid'))} from {@code enum('new','paid')}; quotes stay doubled. */
    static String enumCheck(String columnType) {
        List<String> labels = new ArrayList<>();
        Matcher label = ENUM_LABEL.matcher(columnType.substring(columnType.indexOf('(')));
        while (label.find()) {
            labels.add(label.group());
        }
        return "CHECK (VALUE IN (" + String.join(", ", labels) + "))";
    }

    @Override
    public Map<String, TableStats> tableStats(Connection connection, String schema, List<String> tables)
            throws SQLException {
        Map<String, TableStats> stats = new LinkedHashMap<>();
        for (Object[] row : Jdbc.query(connection,
                "SELECT table_name, table_rows, data_length + index_length, engine FROM information_schema.tables "
                        + "WHERE table_schema = ? AND table_type = 'BASE TABLE'",
                r -> new Object[] {r.getString(1), Jdbc.longOrNull(r, 2), Jdbc.longOrNull(r, 3), r.getString(4)},
                schema)) {
            // InnoDB's table_rows is an estimate from sampled pages (exact for MyISAM and Aria).
            stats.put((String) row[0], TableStats.of((Long) row[1], (Long) row[2], Optional.ofNullable((String) row[3])));
        }
        return stats;
    }

    @Override
    public Map<TableId, List<Reference>> viewReads(Connection connection, Map<TableId, String> views,
                                                   Map<TableId, List<String>> columns) {
        return readsFromSql(views, columns, '`');
    }

    /**
     * The last value each sequence may have handed out: MariaDB records the next value not yet reserved
     * by a session's cache, so with a cache (the default of 1,000) this is the end of the reserved range,
     * an upper bound of the values handed out; empty while the sequence is untouched.
     */
    @Override
    public Map<String, OptionalLong> sequences(Connection connection, String schema) throws SQLException {
        Map<String, OptionalLong> sequences = new LinkedHashMap<>();
        List<String> names = Jdbc.query(connection, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type = 'SEQUENCE' ORDER BY table_name", r -> r.getString(1), schema);
        DSLContext dsl = Engines.dsl(connection);
        for (String name : names) {
            Record3<Long, Long, Long> state = dsl.select(DSL.field(DSL.name("next_not_cached_value"), Long.class),
                    DSL.field(DSL.name("start_value"), Long.class), DSL.field(DSL.name("increment"), Long.class))
                    .from(DSL.table(DSL.name(schema, name))).fetchOne();
            sequences.put(name, state == null ? OptionalLong.empty()
                    : lastHandedOut(state.value1(), state.value2(), state.value3()));
        }
        return sequences;
    }
}
