package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.jdbc.internal.InventoryScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Discovers what a database holds: tables with their columns (type, length, precision, scale, native
 * name, nullability, default), primary and unique keys, foreign keys (composite ones too), indexes,
 * exact row counts and sizes on disk; views with the tables and columns they read; sequences with
 * their values. The engine's own tables and Migration Studio's bookkeeping tables are left out.
 *
 * <pre>{@code
 * Inventory inventory = JdbcInventory.scan(dataSource);
 *
 * Inventory big = JdbcInventory.configure()
 *     .schemas("public")
 *     .exclude("audit_log", "tmp_*")
 *     .estimatedCounts(true)            // the engine's estimate for tables of 100,000 rows or more
 *     .scan(dataSource);
 * }</pre>
 *
 * <p>Works on PostgreSQL, H2 and MariaDB (MySQL too); other engines get what jOOQ's meta model and the
 * standard {@code information_schema} report. PostgreSQL reads view dependencies from {@code pg_depend};
 * H2 and MariaDB keep no dependency catalog, so their views' reads come from their SQL. On MariaDB a
 * schema is a database: with no schemas named, the scan reads the connection's database only (a
 * server's other databases are usually other applications); columns keep MariaDB's own type
 * ({@code SqlType.nativeName()}, e.g. {@code int(10) unsigned}), {@code AUTO_INCREMENT} as their default,
 * and their character set and collation; tables their storage engine.
 */
public final class JdbcInventory {

    /** The name prefix of Migration Studio's own bookkeeping tables (default of {@link Configuration#bookkeepingTables}). */
    public static final String BOOKKEEPING_PREFIX = "ms_";

    /** Estimates from this many rows up replace counting when {@link Configuration#estimatedCounts} is on. */
    public static final long DEFAULT_ESTIMATE_ABOVE = 100_000;

    private JdbcInventory() {
    }

    /**
     * Scans every schema of the database except the engine's own, counting rows exactly.
     *
     * @param dataSource the database to scan; a connection is borrowed and closed. Not null
     * @return the inventory of every scanned schema
     */
    public static Inventory scan(DataSource dataSource) {
        return configure().scan(dataSource);
    }

    /**
     * Starts a configured scan.
     *
     * @return a configuration with the defaults, to change before {@link Configuration#scan(DataSource)}
     */
    public static Configuration configure() {
        return new Configuration(List.of(), List.of(), false, DEFAULT_ESTIMATE_ABOVE, BOOKKEEPING_PREFIX, Optional.empty());
    }

    /** The options of a scan. Immutable: every option returns a new configuration. */
    public static final class Configuration {
        private final List<String> schemas;
        private final List<String> excludes;
        private final boolean estimatedCounts;
        private final long estimateAbove;
        private final String bookkeepingPrefix;
        private final Optional<String> bookkeepingSchema;

        private Configuration(List<String> schemas, List<String> excludes, boolean estimatedCounts, long estimateAbove,
                              String bookkeepingPrefix, Optional<String> bookkeepingSchema) {
            this.schemas = List.copyOf(schemas);
            this.excludes = List.copyOf(excludes);
            this.estimatedCounts = estimatedCounts;
            this.estimateAbove = estimateAbove;
            this.bookkeepingPrefix = bookkeepingPrefix;
            this.bookkeepingSchema = bookkeepingSchema;
        }

        /**
         * Scans only these schemas (default: every schema except the engine's own; on MariaDB and MySQL,
         * the connection's database).
         *
         * @param names the schemas, as the database names them; at least one, none blank
         * @return a copy of this configuration scanning only those schemas
         */
        public Configuration schemas(String... names) {
            return new Configuration(Names.requireNames(names, "schema"), excludes, estimatedCounts, estimateAbove,
                    bookkeepingPrefix, bookkeepingSchema);
        }

        /**
         * Leaves out tables, views and sequences matching these names or patterns ({@code *} any characters,
         * {@code ?} one), given as {@code name} or {@code schema.name} (default: none).
         *
         * @param tables names or patterns; none blank. Added to those excluded already
         * @return a copy of this configuration with those tables left out
         */
        public Configuration exclude(String... tables) {
            List<String> more = new ArrayList<>(excludes);
            more.addAll(Names.requireNames(tables, "excluded table"));
            return new Configuration(schemas, more, estimatedCounts, estimateAbove, bookkeepingPrefix, bookkeepingSchema);
        }

        /**
         * Uses the engine's row-count estimate instead of counting for tables whose estimate reaches
         * {@link #estimateAbove(long)}; the inventory marks those counts as estimated (default: {@code false}).
         *
         * @param estimate {@code true} to use the engine's estimate for large tables
         * @return a copy of this configuration
         */
        public Configuration estimatedCounts(boolean estimate) {
            return new Configuration(schemas, excludes, estimate, estimateAbove, bookkeepingPrefix, bookkeepingSchema);
        }

        /**
         * The estimate from which a table is not counted exactly (default: 100,000 rows).
         *
         * @param rows the threshold, in rows; not negative (0 estimates every table when estimates are on)
         * @return a copy of this configuration
         */
        public Configuration estimateAbove(long rows) {
            checkArgument(rows >= 0, "estimateAbove must not be negative, got %s", rows);
            return new Configuration(schemas, excludes, estimatedCounts, rows, bookkeepingPrefix, bookkeepingSchema);
        }

        /**
         * The name prefix of Migration Studio's bookkeeping tables, which the scan leaves out
         * (case-insensitive; default: {@code ms_}).
         *
         * @param prefix the prefix; not blank
         * @return a copy of this configuration
         */
        public Configuration bookkeepingTables(String prefix) {
            return new Configuration(schemas, excludes, estimatedCounts, estimateAbove,
                    Names.requireName(prefix, "bookkeeping prefix"), bookkeepingSchema);
        }

        /**
         * Leaves bookkeeping tables out of this schema only (default: out of every schema).
         *
         * @param schema the schema holding the bookkeeping tables; not blank
         * @return a copy of this configuration
         */
        public Configuration bookkeepingSchema(String schema) {
            return new Configuration(schemas, excludes, estimatedCounts, estimateAbove, bookkeepingPrefix,
                    Optional.of(Names.requireName(schema, "bookkeeping schema")));
        }

        /**
         * Scans the database.
         *
         * @param dataSource the database to scan; a connection is borrowed and closed. Not null
         * @return the inventory: schemas, tables, views and sequences, with their row counts
         * @throws IllegalArgumentException if a schema asked for does not exist
         * @throws dev.migrationstudio.MigrationException if the catalog cannot be read
         */
        public Inventory scan(DataSource dataSource) {
            checkNotNull(dataSource, "dataSource");
            return InventoryScanner.scan(dataSource, new InventoryScanner.Options(schemas, excludes, estimatedCounts,
                    estimateAbove, bookkeepingPrefix, bookkeepingSchema));
        }
    }
}
