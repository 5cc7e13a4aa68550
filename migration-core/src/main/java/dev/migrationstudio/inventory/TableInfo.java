package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.internal.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything known about one table: columns, keys, foreign keys, indexes, size and owner.
 *
 * <pre>{@code
 * TableInfo employee = TableInfo.builder("employee")
 *     .column(ColumnInfo.of("employee_id", SqlType.integer()).notNull())
 *     .column("reports_to", SqlType.integer())
 *     .primaryKey("employee_id")
 *     .references("reports_to", "employee", "employee_id")
 *     .rowCount(8)
 *     .build();
 * }</pre>
 *
 * @param id the table's name
 * @param columns the columns in table order
 * @param primaryKey the primary key, if the table has one
 * @param uniqueKeys unique constraints other than the primary key
 * @param foreignKeys foreign keys from this table to its parents
 * @param indexes indexes on this table
 * @param rowCount the number of rows, when known
 * @param rowCountEstimated whether {@code rowCount} is the engine's estimate rather than a count
 * @param sizeBytes the size on disk, when the engine reports it
 * @param owner the team or person accountable for the table, when declared
 * @param inheritance the parent table whose reads return this table's rows too (a PostgreSQL
 *     inheritance child or partition), when there is one
 * @param storageEngine the storage engine that holds the table, on engines that have several
 *     (MySQL and MariaDB: {@code InnoDB}, {@code MyISAM}, {@code Aria}, ...); empty elsewhere
 */
public record TableInfo(TableId id, List<ColumnInfo> columns, Optional<KeyInfo> primaryKey,
                        List<KeyInfo> uniqueKeys, List<ForeignKeyInfo> foreignKeys, List<IndexInfo> indexes,
                        OptionalLong rowCount, boolean rowCountEstimated, OptionalLong sizeBytes,
                        Optional<String> owner, Optional<Inheritance> inheritance, Optional<String> storageEngine) {

    /** MySQL and MariaDB storage engines that keep no transactions: a write there is never rolled back. */
    private static final Set<String> NON_TRANSACTIONAL_ENGINES =
            Set.of("myisam", "aria", "memory", "csv", "archive", "mrg_myisam", "blackhole", "federated");

    /**
     * Validates that keys name existing columns and that column names are unique.
     *
     * @param id the table's name
     * @param columns the columns in table order
     * @param primaryKey the primary key, if the table has one
     * @param uniqueKeys unique constraints other than the primary key
     * @param foreignKeys foreign keys from this table to its parents
     * @param indexes indexes on this table
     * @param rowCount the number of rows, when known
     * @param rowCountEstimated whether {@code rowCount} is the engine's estimate rather than a count
     * @param sizeBytes the size on disk, when the engine reports it
     * @param owner the team or person accountable for the table, when declared
     * @param inheritance the parent table whose reads return this table's rows too (a PostgreSQL inheritance child
     *     or partition), when there is one
     * @param storageEngine the storage engine that holds the table, on engines that have several (MySQL and
     *     MariaDB: {@code InnoDB}, {@code MyISAM}, {@code Aria}, ...); empty elsewhere
     */
    public TableInfo {
        checkNotNull(id, "table id");
        columns = List.copyOf(columns);
        checkNotNull(primaryKey, "primaryKey of %s", id);
        uniqueKeys = List.copyOf(uniqueKeys);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
        checkNotNull(rowCount, "rowCount of %s", id);
        checkNotNull(sizeBytes, "sizeBytes of %s", id);
        checkNotNull(owner, "owner of %s", id);
        checkNotNull(inheritance, "inheritance of %s", id);
        checkNotNull(storageEngine, "storageEngine of %s", id);
        validate(id, columns, primaryKey, uniqueKeys, foreignKeys, rowCount, sizeBytes);
    }

    private static void validate(TableId id, List<ColumnInfo> columns, Optional<KeyInfo> primaryKey,
                                 List<KeyInfo> uniqueKeys, List<ForeignKeyInfo> foreignKeys,
                                 OptionalLong rowCount, OptionalLong sizeBytes) {
        Problems problems = new Problems("Table '" + id + "'");
        Set<String> names = new HashSet<>();
        for (ColumnInfo column : columns) {
            problems.addIf(!names.add(column.name()), "table %s: column '%s' is declared twice", id, column.name());
        }
        primaryKey.ifPresent(pk -> requireColumns(problems, id, names, "primary key " + pk.name(), pk.columns()));
        for (KeyInfo key : uniqueKeys) {
            requireColumns(problems, id, names, "unique key " + key.name(), key.columns());
        }
        for (ForeignKeyInfo fk : foreignKeys) {
            requireColumns(problems, id, names, "foreign key " + fk.name(), fk.columns());
        }
        problems.addIf(rowCount.isPresent() && rowCount.getAsLong() < 0,
                "table %s: row count must not be negative, got %s", id, rowCount);
        problems.addIf(sizeBytes.isPresent() && sizeBytes.getAsLong() < 0,
                "table %s: size must not be negative, got %s", id, sizeBytes);
        problems.throwIfAny();
    }

    private static void requireColumns(Problems problems, TableId id, Set<String> names, String what,
                                       List<String> keyColumns) {
        for (String column : keyColumns) {
            problems.addIf(!names.contains(column), "table %s: %s names column '%s', which the table does not have",
                    id, what, column);
        }
    }

    /**
     * Starts a table description.
     *
     * @param name the table's name; not blank
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(TableId.of(name));
    }

    /**
     * Starts a table description with a qualified name.
     *
     * @param id the table's id; not null
     * @return a builder
     */
    public static Builder builder(TableId id) {
        return new Builder(id);
    }

    /**
     * A builder holding this table's facts, to change some of them.
     *
     * @return a new builder with this table's columns, keys, counts and the rest
     */
    public Builder toBuilder() {
        Builder builder = new Builder(id);
        builder.columns.addAll(columns);
        builder.primaryKey = primaryKey.orElse(null);
        builder.uniqueKeys.addAll(uniqueKeys);
        builder.foreignKeys.addAll(foreignKeys);
        builder.indexes.addAll(indexes);
        builder.rowCount = rowCount;
        builder.rowCountEstimated = rowCountEstimated;
        builder.sizeBytes = sizeBytes;
        builder.owner = owner.orElse(null);
        builder.inheritance = inheritance.orElse(null);
        builder.storageEngine = storageEngine.orElse(null);
        return builder;
    }

    /**
     * Whether the table's storage engine keeps transactions, so that a rolled-back write leaves no
     * trace: false for MyISAM, Aria, MEMORY, CSV, ARCHIVE and the other non-transactional engines of
     * MySQL and MariaDB; true for InnoDB, for every table of engines with one storage engine, and
     * when the engine is not known.
     *
     * @return {@code false} for a non-transactional engine
     */
    public boolean transactional() {
        return storageEngine.map(e -> !NON_TRANSACTIONAL_ENGINES.contains(e.toLowerCase(java.util.Locale.ROOT)))
                .orElse(true);
    }

    /**
     * The table's name without schema.
     *
     * @return the name
     */
    public String name() {
        return id.name();
    }

    /**
     * The column with this exact name.
     *
     * @param name the column's exact name (case matters)
     * @return the column, or empty when the table has none of that name
     */
    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Whether the table has a column with this exact name.
     *
     * @param name the column's exact name (case matters)
     * @return {@code true} if the table has it
     */
    public boolean hasColumn(String name) {
        return column(name).isPresent();
    }

    /**
     * The column names, in table order.
     *
     * @return the names
     */
    public List<String> columnNames() {
        return columns.stream().map(ColumnInfo::name).toList();
    }

    /**
     * Whether some foreign key of this table references the table itself.
     *
     * @return {@code true} for a self-referencing table
     */
    public boolean isSelfReferencing() {
        return foreignKeys.stream().anyMatch(fk -> fk.referencedTable().matches(id) || id.matches(fk.referencedTable()));
    }

    /** Builds a {@link TableInfo}; see {@link TableInfo#builder(String)}. */
    public static final class Builder {
        private TableId id;
        private final List<ColumnInfo> columns = new ArrayList<>();
        private KeyInfo primaryKey;
        private final List<KeyInfo> uniqueKeys = new ArrayList<>();
        private final List<ForeignKeyInfo> foreignKeys = new ArrayList<>();
        private final List<IndexInfo> indexes = new ArrayList<>();
        private OptionalLong rowCount = OptionalLong.empty();
        private boolean rowCountEstimated;
        private OptionalLong sizeBytes = OptionalLong.empty();
        private String owner;
        private Inheritance inheritance;
        private String storageEngine;

        private Builder(TableId id) {
            this.id = id;
        }

        /**
         * Qualifies the table with a schema.
         *
         * @param schema the schema's name; not blank
         * @return this builder
         */
        public Builder schema(String schema) {
            this.id = TableId.of(schema, id.name());
            return this;
        }

        /**
         * Adds a column.
         *
         * @param column the column; not null
         * @return this builder
         */
        public Builder column(ColumnInfo column) {
            columns.add(checkNotNull(column, "column"));
            return this;
        }

        /**
         * Adds a nullable column.
         *
         * @param name the column's name
         * @param type its type
         * @return this builder
         */
        public Builder column(String name, SqlType type) {
            return column(ColumnInfo.of(name, type));
        }

        /**
         * Adds a NOT NULL column.
         *
         * @param name the column's name
         * @param type its type
         * @return this builder
         */
        public Builder notNullColumn(String name, SqlType type) {
            return column(ColumnInfo.of(name, type).notNull());
        }

        /**
         * Sets the primary key, named {@code <table>_pkey}.
         *
         * @param columnNames the key's columns, in key order
         * @return this builder
         */
        public Builder primaryKey(String... columnNames) {
            return primaryKey(new KeyInfo(id.name() + "_pkey", List.of(columnNames)));
        }

        /**
         * Sets the primary key.
         *
         * @param key the key; not null
         * @return this builder
         */
        public Builder primaryKey(KeyInfo key) {
            this.primaryKey = checkNotNull(key, "primary key");
            return this;
        }

        /**
         * Adds a unique key named {@code <table>_<columns>_key}.
         *
         * @param columnNames the key's columns, in key order
         * @return this builder
         */
        public Builder unique(String... columnNames) {
            return unique(new KeyInfo(id.name() + "_" + String.join("_", columnNames) + "_key", List.of(columnNames)));
        }

        /**
         * Adds a unique key.
         *
         * @param key the key; not null
         * @return this builder
         */
        public Builder unique(KeyInfo key) {
            uniqueKeys.add(checkNotNull(key, "unique key"));
            return this;
        }

        /**
         * Adds a single-column foreign key named {@code <table>_<column>_fkey}.
         *
         * @param column the referencing column
         * @param parentTable the referenced table's name, alone or with its schema
         * @param parentColumn the referenced column
         * @return this builder
         */
        public Builder references(String column, String parentTable, String parentColumn) {
            return foreignKey(new ForeignKeyInfo(id.name() + "_" + column + "_fkey", List.of(column),
                    TableId.of(parentTable), List.of(parentColumn)));
        }

        /**
         * Adds a foreign key.
         *
         * @param foreignKey the foreign key; not null
         * @return this builder
         */
        public Builder foreignKey(ForeignKeyInfo foreignKey) {
            foreignKeys.add(checkNotNull(foreignKey, "foreign key"));
            return this;
        }

        /**
         * Adds an index.
         *
         * @param index the index; not null
         * @return this builder
         */
        public Builder index(IndexInfo index) {
            indexes.add(checkNotNull(index, "index"));
            return this;
        }

        /**
         * Sets an exact row count.
         *
         * @param rows the row count; not negative
         * @return this builder
         */
        public Builder rowCount(long rows) {
            checkArgument(rows >= 0, "row count of %s must not be negative, got %s", id, rows);
            this.rowCount = OptionalLong.of(rows);
            this.rowCountEstimated = false;
            return this;
        }

        /**
         * Sets the engine's estimate of the row count.
         *
         * @param rows the estimated row count; not negative
         * @return this builder
         */
        public Builder estimatedRowCount(long rows) {
            rowCount(rows);
            this.rowCountEstimated = true;
            return this;
        }

        /**
         * Sets the size on disk.
         *
         * @param bytes the size, in bytes; not negative
         * @return this builder
         */
        public Builder sizeBytes(long bytes) {
            checkArgument(bytes >= 0, "size of %s must not be negative, got %s", id, bytes);
            this.sizeBytes = OptionalLong.of(bytes);
            return this;
        }

        /**
         * Sets the owner: the team or person accountable for this table's data.
         *
         * @param owner the owner; not blank
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = Names.requireName(owner, "owner");
            return this;
        }

        /**
         * Records that the table is an inheritance child or a partition of {@code parent}.
         *
         * @param parent the parent table
         * @param kind inheritance or partition
         * @return this builder
         */
        public Builder inherits(TableId parent, Inheritance.Kind kind) {
            this.inheritance = new Inheritance(parent, kind);
            return this;
        }

        /**
         * Sets the storage engine that holds the table, e.g. {@code InnoDB} or {@code MyISAM}.
         *
         * @param engine the engine's name; not blank
         * @return this builder
         */
        public Builder storageEngine(String engine) {
            this.storageEngine = Names.requireName(engine, "storage engine");
            return this;
        }

        /**
         * Validates and returns the table.
         *
         * @return the table
         */
        public TableInfo build() {
            return new TableInfo(id, columns, Optional.ofNullable(primaryKey), uniqueKeys, foreignKeys, indexes,
                    rowCount, rowCountEstimated, sizeBytes, Optional.ofNullable(owner), Optional.ofNullable(inheritance),
                    Optional.ofNullable(storageEngine));
        }
    }
}
