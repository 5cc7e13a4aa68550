package dev.migrationstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Transforms;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.apache.spark.sql.SparkSession;

/**
 * Items to products on Spark: 2,000 items in ranges of 250, every 10th inactive (filtered), every
 * 97th with a name too long for the target (refused by the database). Executors run in the test's
 * JVM, so the plan finds the test's databases and options here.
 */
public final class ItemsFixture {
    public static final int ROWS = 2_000;
    public static final int ACTIVE = 1_800;

    static volatile TestDatabase source;
    static volatile TestDatabase target;
    static volatile UnaryOperator<JdbcMigrator.Configuration> options = c -> c;
    /**
     * A key the mapping fails on (0: none): how a test kills a job. An error, not an exception: the
     * mapping makes an exception a bad row, while an error fails the task, as a lost executor would.
     */
    static final AtomicInteger FAIL_AT = new AtomicInteger();

    private ItemsFixture() {
    }

    /** Items to products: a trim, a cast, a filter, and a derived column that can be made to fail. */
    public static final class ItemsPlan implements SparkPlan {
        @Override
        public MappingSpec spec() {
            return MappingSpec.builder("spark-items")
                    .table("item").to("product", t -> t
                            .key("id").to("product_id")
                            .field("name").to("title").transform(Transforms.trim())
                            .field("price").cast("DECIMAL(12,2)")
                            .derive("origin", List.of("id"), row -> {
                                if (row.integer("id") == FAIL_AT.get()) {
                                    throw new AssertionError("the test fails item " + FAIL_AT.get());
                                }
                                return "legacy";
                            })
                            .filter("active only", List.of("active"), row -> row.bool("active")))
                    .build();
        }

        @Override
        public DataSource source() {
            return source.dataSource();
        }

        @Override
        public DataSource target() {
            return target.dataSource();
        }

        @Override
        public JdbcMigrator.Configuration options(JdbcMigrator.Configuration migrator) {
            return options.apply(migrator.chunkSize(250).batchSize(100).logProgress(false));
        }
    }

    /** Creates the source with its items and the empty target; the options applied on top of the plan's. */
    public static void create(Engine engine, String purpose, UnaryOperator<JdbcMigrator.Configuration> with) {
        options = with;
        FAIL_AT.set(0);
        source = engine.create(purpose + "-src");
        target = engine.create(purpose + "-tgt");
        source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, price NUMERIC(10,2),"
                + " active BOOLEAN NOT NULL)");
        source.execute("INSERT INTO item SELECT x, CASE WHEN MOD(x, 97) = 0 THEN CONCAT(' item ', x, ' ', "
                + "REPEAT('x', 60)) ELSE CONCAT(' item ', x, ' ') END, x * 1.25, MOD(x, 10) <> 0 FROM "
                + FixtureSql.series(engine, ROWS));
        target.execute("CREATE TABLE product (product_id INTEGER PRIMARY KEY, title VARCHAR(50) NOT NULL,"
                + " price NUMERIC(12,2), origin VARCHAR(10) NOT NULL)");
    }

    /** Drops both databases. */
    public static void close() {
        source.close();
        target.close();
        options = c -> c;
        FAIL_AT.set(0);
    }

    public static TestDatabase source() {
        return source;
    }

    public static TestDatabase target() {
        return target;
    }

    public static MigrationResult migrate(SparkSession spark) {
        return SparkMigrator.configure().session(spark).plan(ItemsPlan.class).load().migrate();
    }

    /** The same migration by the JVM engine. */
    public static MigrationResult migrateInJvm() {
        return new ItemsPlan().options(JdbcMigrator.configure().source(source.dataSource())
                .target(target.dataSource()).spec(new ItemsPlan().spec())).load().migrate();
    }

    /** Active items with a name too long for the target. */
    public static long tooLong() {
        long count = 0;
        for (int id = 97; id <= ROWS; id += 97) {
            count += id % 10 != 0 ? 1 : 0;
        }
        return count;
    }

    /** Every active item that fits is in the target, once. */
    public static void assertLoadedOnce() {
        assertThat(((Number) target.queryValue("SELECT COUNT(*) FROM product")).longValue())
                .isEqualTo(ACTIVE - tooLong());
        assertThat(((Number) target.queryValue("SELECT COUNT(DISTINCT product_id) FROM product")).longValue())
                .isEqualTo(ACTIVE - tooLong());
        assertThat(target.queryValue("SELECT title FROM product WHERE product_id = 1")).isEqualTo("item 1");
    }
}
