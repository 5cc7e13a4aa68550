package dev.migrationstudio.verify;

import static dev.migrationstudio.mapping.Transforms.trim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.cutover.Cutover;
import dev.migrationstudio.cutover.CutoverResult;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.CutoverSteps;
import dev.migrationstudio.jdbc.RepairPlan;
import dev.migrationstudio.report.DocumentFormat;
import java.time.Duration;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.ChangeCounts;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A source that keeps taking writes during the load; after a catch-up the verifier finds no difference. */
class CatchUpVerificationTest {
    private static final int ROWS = 3_000;

    private static MappingSpec spec() {
        return MappingSpec.builder("live-items")
                .table("item").to("product", t -> t
                        .key("id").to("product_id")
                        .field("name").to("title").transform(trim())
                        .field("price")
                        .filter("active only", List.of("active"), row -> row.bool("active")))
                .build();
    }

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec())
                .chunkSize(200).onBadRow(BadRows.quarantine()).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCatchUpAfterALoadUnderWritesLeavesNoDifference(Engine engine) throws Exception {
        try (TestDatabase source = engine.create("live-src"); TestDatabase target = engine.create("live-tgt")) {
            createTables(source, target, ROWS);

            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailed = new AtomicReference<>();
            AtomicInteger writes = new AtomicInteger();
            Thread writer = new Thread(() -> write(source, loading, writes, writerFailed), "source-writer");
            writer.start();
            // Each chunk waits a little, so that the writer's changes land before, inside and after the chunks read.
            migrator(source, target).progress(p -> LockSupport.parkNanos(20_000_000L)).load().migrate();
            loading.set(false);
            writer.join();
            assertThat(writerFailed.get()).isNull();
            assertThat(writes.get()).as("writes during the load").isGreaterThan(20);
            assertThat(verify(source, target).passed()).as("the load alone is stale").isFalse();

            CatchUpResult result = migrator(source, target).load().catchUp();

            ChangeCounts counts = result.total();
            assertThat(counts.isBalanced()).as(counts.describe()).isTrue();
            assertThat(counts.read()).isEqualTo((Long) source.queryValue("SELECT COUNT(*) FROM item"));
            assertThat(counts.changed()).isPositive();
            VerificationReport report = verify(source, target);
            assertThat(report.passed()).as(report.summary()).isTrue();
            assertThat(report.discrepancies()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVerificationsRepairIsReviewedThenAppliedByARunbookStepThatVerifiesAgain(Engine engine) {
        try (TestDatabase source = engine.create("repair-src"); TestDatabase target = engine.create("repair-tgt")) {
            createTables(source, target, 300);
            JdbcMigrator migrator = migrator(source, target).load();
            migrator.migrate();
            source.execute("UPDATE item SET price = 1000.5 WHERE id = 5", "DELETE FROM item WHERE id = 6",
                    "INSERT INTO item VALUES (900, ' late ', 1.00, TRUE)", "UPDATE item SET active = FALSE WHERE id = 7");
            target.execute("UPDATE product SET title = 'edited' WHERE product_id = 8");

            RepairPlan plan = verify(source, target).repair();

            assertThat(plan.isComplete()).isTrue();
            assertThat(plan.tables()).singleElement().extracting(RepairPlan.Table::rows).asList().hasSize(5);
            String review = plan.toMarkdown();
            assertThat(review).contains("# Repair of live-items")
                    .contains("update \"product\" set \"price\" = ? where \"product_id\" = ?")
                    .contains("delete from \"product\" where \"product_id\" = ?")
                    .contains("insert into \"product\" (\"product_id\", \"title\", \"price\") values (?, ?, ?)")
                    .contains("'late'");
            assertThat(verify(source, target).evidence().document(VerificationReport.REPAIR_DOCUMENT_NAME,
                    DocumentFormat.MARKDOWN)).isPresent();
            String before = target.dump();
            CatchUpResult planned = migrator(source, target).dryRun(true).load().repair(plan);
            assertThat(target.dump()).isEqualTo(before);
            assertThat(planned.total().changed()).isEqualTo(5);

            Runbook runbook = Runbook.named("repair").step("repair what verification found").owner("data")
                    .run(CutoverSteps.repair(migrator, () -> verify(source, target).repair())).build();
            CutoverResult result = Cutover.of(runbook, RollbackPlan.named("empty the target").rto(Duration.ofMinutes(1))
                    .step("reset").run(CutoverSteps.resetTarget(migrator)).build())
                    .execute();

            assertThat(result.outcome()).as(result.summary()).isEqualTo(CutoverResult.Outcome.COMPLETED);
            assertThat(result.entries().get(0).evidence()).anyMatch(e -> e.toString().contains("verified again"));
            assertThat(migrator.repair(plan).total().changed()).as("a second application changes nothing").isZero();
            assertThat(verify(source, target).passed()).isTrue();
        }
    }

    private static void createTables(TestDatabase source, TestDatabase target, int rows) {
        source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                + " price NUMERIC(10,2), active BOOLEAN NOT NULL)");
        StringBuilder insert = new StringBuilder("INSERT INTO item VALUES ");
        for (int i = 1; i <= rows; i++) {
            insert.append(i == 1 ? "" : ", ").append("(").append(i).append(", ' item ").append(i).append(" ', ")
                    .append(i).append(".25, ").append(i % 10 == 0 ? "FALSE" : "TRUE").append(")");
        }
        source.execute(insert.toString());
        target.execute("CREATE TABLE product (product_id INTEGER PRIMARY KEY, title VARCHAR(50) NOT NULL,"
                + " price NUMERIC(12,2))");
    }

    private static VerificationReport verify(TestDatabase source, TestDatabase target) {
        return Verifier.between(source.dataSource(), target.dataSource()).spec(spec()).rowCounts().checksums()
                .verify();
    }

    /** Inserts, updates (prices, names, keys), rows crossing the filter both ways, and deletes, until the load ends. */
    private static void write(TestDatabase source, AtomicBoolean loading, AtomicInteger writes,
                              AtomicReference<Throwable> failed) {
        Random random = new Random(7);
        int nextId = ROWS + 1;
        try (Connection connection = source.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            while (loading.get() || writes.get() < 30) {
                int id = 1 + random.nextInt(ROWS);
                switch (writes.get() % 6) {
                    case 0 -> run(connection, "INSERT INTO item VALUES (?, ' late ', 9.99, TRUE)", nextId++);
                    case 1 -> run(connection, "UPDATE item SET price = price + 1, name = 'changed' WHERE id = ?", id);
                    case 2 -> run(connection, "UPDATE item SET id = " + (nextId++) + " WHERE id = ?", id);
                    case 3 -> run(connection, "UPDATE item SET active = NOT active WHERE id = ?", id);
                    case 4 -> run(connection, "DELETE FROM item WHERE id = ?", id);
                    default -> run(connection, "UPDATE item SET active = TRUE WHERE id = ?", id - id % 10 + 10);
                }
                writes.incrementAndGet();
                LockSupport.parkNanos(2_000_000L);
            }
        } catch (SQLException | RuntimeException e) {
            failed.set(e);
        }
    }

    private static void run(Connection connection, String sql, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, id);
            statement.executeUpdate();
        }
    }
}
