package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.Inheritance;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.SequenceInfo;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.ViewInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.Schema;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableOptions.TableType;
import org.jooq.UniqueKey;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers an inventory: tables, views and sequences from jOOQ's meta model (keys, foreign keys and
 * indexes included), column facts and engine extras (estimates, sizes, view reads, sequence values)
 * from the engine's catalog, exact row counts by counting.
 */
public final class InventoryScanner {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryScanner.class);

    /**
     * What to scan.
     *
     * @param schemas the schemas to scan; empty for every schema except the engine's own
     * @param excludes glob patterns ({@code *} and {@code ?}) of tables, views and sequences to leave out,
     *     matched against {@code name} and {@code schema.name}
     * @param estimatedCounts whether to use the engine's row-count estimate for large tables
     * @param estimateAbove the estimate from which a table counts as large
     * @param bookkeepingPrefix the name prefix of Migration Studio's own tables, left out (case-insensitive)
     * @param bookkeepingSchema the schema holding them, or empty for every schema
     */
    public record Options(List<String> schemas, List<String> excludes, boolean estimatedCounts, long estimateAbove,
                          String bookkeepingPrefix, Optional<String> bookkeepingSchema) {
        /** Copies the lists. */
        public Options {
            schemas = List.copyOf(schemas);
            excludes = List.copyOf(excludes);
        }
    }

    private final Options options;
    private final List<Pattern> excludes;

    private InventoryScanner(Options options) {
        this.options = options;
        this.excludes = options.excludes().stream().map(InventoryScanner::glob).toList();
    }

    /** Scans a database. */
    public static Inventory scan(DataSource dataSource, Options options) {
        try (Connection connection = dataSource.getConnection()) {
            return new InventoryScanner(options).scan(connection);
        } catch (SQLException | DataAccessException e) {
            throw new MigrationException("cannot scan the inventory: " + e.getMessage(), e);
        }
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private boolean excluded(String schema, String name) {
        boolean bookkeeping = name.toLowerCase(Locale.ROOT).startsWith(options.bookkeepingPrefix().toLowerCase(Locale.ROOT))
                && options.bookkeepingSchema().map(schema::equals).orElse(true);
        return bookkeeping || excludes.stream()
                .anyMatch(p -> p.matcher(name).matches() || p.matcher(schema + "." + name).matches());
    }

    private Inventory scan(Connection connection) throws SQLException {
        DSLContext dsl = Engines.dsl(connection);
        Catalog catalog = Catalog.of(dsl.dialect());
        List<Schema> schemas = schemas(connection, dsl, catalog);
        Inventory.Builder inventory = Inventory.builder();
        Map<TableId, List<String>> known = new LinkedHashMap<>();
        Map<TableId, String> views = new LinkedHashMap<>();
        List<SequenceInfo> sequences = new ArrayList<>();
        for (Schema schema : schemas) {
            String schemaName = schema.getName();
            Map<String, List<ColumnInfo>> columns = catalog.columns(connection, schemaName);
            List<Table<?>> tables = new ArrayList<>();
            List<Table<?>> viewTables = new ArrayList<>();
            Set<String> notTables = catalog.notTables(connection, schemaName);
            for (Table<?> table : schema.getTables()) {
                if (excluded(schemaName, table.getName()) || notTables.contains(table.getName())) {
                    continue;
                }
                TableType type = table.getTableType();
                if (type == TableType.TABLE) {
                    tables.add(table);
                } else if (type == TableType.VIEW || type == TableType.MATERIALIZED_VIEW) {
                    viewTables.add(table);
                }
            }
            Map<String, Catalog.TableStats> stats = catalog.tableStats(connection, schemaName,
                    tables.stream().map(Table::getName).toList());
            Map<String, Inheritance> parents = catalog.inheritance(connection, schemaName);
            Set<String> partial = catalog.partialIndexes(connection, schemaName);
            for (Table<?> table : tables) {
                TableInfo info = table(dsl, schemaName, table, columns.getOrDefault(table.getName(), List.of()),
                        stats.getOrDefault(table.getName(), Catalog.TableStats.NONE),
                        Optional.ofNullable(parents.get(table.getName())), partial);
                inventory.table(info);
                known.put(info.id(), info.columnNames());
            }
            Map<String, String> definitions = catalog.viewDefinitions(connection, schemaName);
            for (Table<?> view : viewTables) {
                TableId id = TableId.of(schemaName, view.getName());
                views.put(id, definitions.getOrDefault(view.getName(), ""));
                known.put(id, columns.getOrDefault(view.getName(), List.of()).stream().map(ColumnInfo::name).toList());
            }
            catalog.sequences(connection, schemaName).forEach((name, value) -> {
                if (!excluded(schemaName, name)) {
                    sequences.add(new SequenceInfo(TableId.of(schemaName, name), value));
                }
            });
        }
        Map<TableId, List<Reference>> reads = catalog.viewReads(connection, views, known);
        views.forEach((id, definition) -> inventory.view(new ViewInfo(id, definition, reads.getOrDefault(id, List.of()))));
        sequences.forEach(inventory::sequence);
        catalog.artifacts(connection).forEach(inventory::artifact);
        return inventory.build();
    }

    private List<Schema> schemas(Connection connection, DSLContext dsl, Catalog catalog) throws SQLException {
        List<Schema> all = dsl.meta().getSchemas().stream().filter(s -> !catalog.isSystemSchema(s.getName())).toList();
        List<String> available = all.stream().map(Schema::getName).toList();
        if (options.schemas().isEmpty()) {
            List<String> defaults = catalog.defaultSchemas(connection, available);
            return all.stream().filter(s -> defaults.contains(s.getName())).toList();
        }
        // Matched as tables are: exactly, else without regard to case (H2 stores `legacy` as LEGACY).
        List<String> wanted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String schema : options.schemas()) {
            List<String> folded = available.stream().filter(schema::equalsIgnoreCase).toList();
            if (available.contains(schema)) {
                wanted.add(schema);
            } else if (folded.size() == 1) {
                wanted.add(folded.get(0));
            } else if (folded.size() > 1) {
                throw new IllegalArgumentException("schema name '" + schema + "' is ambiguous: " + folded
                        + "; write it exactly as the database stores it");
            } else {
                List<String> near = Names.nearMisses(schema, available);
                missing.add(near.isEmpty() ? schema : schema + " (did you mean " + String.join(", ", near) + "?)");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("schema(s) " + missing + " not found; the database has " + available);
        }
        return all.stream().filter(s -> wanted.contains(s.getName())).toList();
    }

    private TableInfo table(DSLContext dsl, String schema, Table<?> table, List<ColumnInfo> columns,
                            Catalog.TableStats stats, Optional<Inheritance> inheritance, Set<String> partial) {
        TableInfo.Builder builder = TableInfo.builder(TableId.of(schema, table.getName()));
        columns.forEach(builder::column);
        inheritance.ifPresent(i -> builder.inherits(i.parent(), i.kind()));
        UniqueKey<?> primaryKey = table.getPrimaryKey();
        if (primaryKey != null) {
            builder.primaryKey(new KeyInfo(primaryKey.getName(), names(primaryKey.getFields())));
        }
        for (UniqueKey<?> key : table.getUniqueKeys()) {
            if (primaryKey == null || !key.getName().equals(primaryKey.getName())) {
                builder.unique(new KeyInfo(key.getName(), names(key.getFields())));
            }
        }
        for (ForeignKey<?, ?> fk : table.getReferences()) {
            Table<?> parent = fk.getKey().getTable();
            String parentSchema = parent.getSchema() == null ? schema : parent.getSchema().getName();
            builder.foreignKey(new ForeignKeyInfo(fk.getName(), names(fk.getFields()),
                    TableId.of(parentSchema, parent.getName()), names(fk.getKeyFields())));
        }
        for (Index index : table.getIndexes()) {
            List<String> indexed = index.getFields().stream().map(SortField::getName).filter(n -> !n.isBlank()).toList();
            if (!index.getName().isBlank() && !indexed.isEmpty()) {
                // A partial or expression index keeps only some rows, or an expression, unique: not the columns.
                boolean unique = index.getUnique() && !partial.contains(table.getName() + "." + index.getName());
                builder.index(new IndexInfo(index.getName(), indexed, unique));
            }
        }
        OptionalLong estimate = stats.estimatedRows();
        if (options.estimatedCounts() && estimate.isPresent() && estimate.getAsLong() >= options.estimateAbove()) {
            builder.estimatedRowCount(estimate.getAsLong());
        } else {
            long started = System.nanoTime();
            Long rows = dsl.selectCount().from(DSL.table(DSL.name(schema, table.getName()))).fetchOne(0, Long.class);
            builder.rowCount(rows == null ? 0 : rows);
            long millis = (System.nanoTime() - started) / 1_000_000;
            // Counting is what takes time on large tables: those are worth a line at INFO.
            if (millis >= 1_000) {
                LOG.info("inventory: {}.{} has {} rows (counted in {} ms)", schema, table.getName(),
                        String.format("%,d", rows == null ? 0 : rows), millis);
            } else {
                LOG.debug("inventory: {}.{} has {} rows", schema, table.getName(), rows);
            }
        }
        stats.sizeBytes().ifPresent(builder::sizeBytes);
        stats.storageEngine().ifPresent(builder::storageEngine);
        return builder.build();
    }

    private static List<String> names(List<? extends Field<?>> fields) {
        return fields.stream().map(Field::getName).collect(Collectors.toList());
    }
}
