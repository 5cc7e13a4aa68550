package dev.migrationstudio.cdc;

import static dev.migrationstudio.mapping.Transforms.trim;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import java.util.List;
import java.util.Locale;

/** A PostgreSQL source of items, a target of products, the spec between them, and the writes a live source takes. */
final class CaptureFixture {
    private CaptureFixture() {
    }

    static void createSource(TestDatabase source, int rows) {
        source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, price NUMERIC(10,2),"
                + " active BOOLEAN NOT NULL, created TIMESTAMP)");
        source.execute("INSERT INTO item SELECT x, CONCAT(' item ', x, ' '), x * 1.25, MOD(x, 10) <> 0, "
                + FixtureSql.plusMinutes(source.engine(), "TIMESTAMP '2024-01-01 00:00:00'", "x") + " FROM "
                + FixtureSql.series(source.engine(), rows));
    }

    static void createTarget(TestDatabase target) {
        // MariaDB's TIMESTAMP is an instant; its DATETIME is what PostgreSQL's TIMESTAMP is.
        String timestamp = target.engine() == Engine.MARIADB ? "DATETIME(6)" : "TIMESTAMP";
        target.execute("CREATE TABLE product (product_id INTEGER PRIMARY KEY, title VARCHAR(50) NOT NULL,"
                + " price NUMERIC(12,2), created_at " + timestamp + ", origin VARCHAR(10) NOT NULL)");
    }

    static MappingSpec spec() {
        return MappingSpec.builder("items-to-products")
                .table("item").to("product", t -> t
                        .key("id").to("product_id")
                        .field("name").to("title").transform(trim())
                        .field("price").cast("DECIMAL(12,2)")
                        .field("created").to("created_at")
                        .constant("origin", "legacy")
                        .filter("active only", List.of("active"), row -> row.bool("active")))
                .build();
    }

    static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec())
                .chunkSize(250).onBadRow(BadRows.quarantine()).logProgress(false);
    }

    static PostgresChangeCapture capture(TestDatabase source) {
        return PostgresChangeCapture.configure().source(source.jdbcUrl(), source.user(), source.password())
                .slot(slotName(source)).build();
    }

    /** Slots are named across the whole server: one per test database. */
    static String slotName(TestDatabase source) {
        return ("ms_" + source.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /**
     * Round {@code n} of a writer's changes: updates, a key update, deletes, rows crossing the filter
     * both ways, and inserts, each touching rows no other round touches.
     */
    static void change(TestDatabase source, int n) {
        int base = 100_000 + n * 100;
        source.execute("UPDATE item SET price = price + 1 WHERE MOD(id, 97) = " + n,
                "UPDATE item SET id = " + base + " WHERE id = " + (3 + n * 10),
                "DELETE FROM item WHERE MOD(id, 89) = " + n,
                "UPDATE item SET active = NOT active WHERE MOD(id, 83) = " + n,
                "INSERT INTO item VALUES (" + (base + 1) + ", ' new ', 2.50, TRUE, NULL), (" + (base + 2)
                        + ", 'hidden', 1.00, FALSE, NULL)");
    }

    /** Row counts and every row's checksum through the spec. */
    static VerificationReport verify(TestDatabase source, TestDatabase target) {
        return Verifier.between(source.dataSource(), target.dataSource()).spec(spec()).rowCounts().checksums()
                .verify();
    }

    static long slots(TestDatabase source, String slot) {
        return (Long) source.queryValue("SELECT COUNT(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
    }
}
