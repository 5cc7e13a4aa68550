package dev.migrationstudio.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.ChangeLag;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.Progress;
import dev.migrationstudio.jdbc.ProgressListener;
import dev.migrationstudio.jdbc.ledger.LedgerTables;
import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.risk.RiskRules;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Change data capture from PostgreSQL: the load from the slot's snapshot, then the stream, into every target engine. */
class PostgresChangeCaptureTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void changesDuringAndAfterTheLoadReachTheTargetExactlyAndTheSlotGoesWithTheMigration(Engine targetEngine) {
        try (TestDatabase source = Engine.POSTGRES.create("cdc-src"); TestDatabase target = targetEngine.create("cdc-tgt")) {
            CaptureFixture.createSource(source, 3_000);
            CaptureFixture.createTarget(target);
            PostgresChangeCapture capture = CaptureFixture.capture(source);
            // A writer changes the source while the load runs: after each of the first chunks.
            AtomicInteger rounds = new AtomicInteger();
            ProgressListener writer = progress -> {
                int round = rounds.incrementAndGet();
                if (round <= 4) {
                    CaptureFixture.change(source, round);
                }
            };
            MigrationResult load = capture.load(CaptureFixture.migrator(source, target).progress(writer).load());
            assertThat(rounds.get()).isGreaterThan(4);
            assertThat(load.isBalanced()).isTrue();
            // The load read the snapshot taken when the slot was created: none of the writer's rows.
            assertThat(target.queryValue("SELECT COUNT(*) FROM product WHERE product_id > 100000")).isEqualTo(0L);
            CaptureFixture.change(source, 5);
            assertThat(CaptureFixture.verify(source, target).passed()).isFalse();

            List<ChangeLag> lags = new CopyOnWriteArrayList<>();
            CatchUpResult applied = CaptureFixture.migrator(source, target).progress(new ProgressListener() {
                @Override
                public void onChunk(Progress progress) {
                }

                @Override
                public void onChangeLag(ChangeLag lag) {
                    lags.add(lag);
                }
            }).load().applyChanges(capture);

            VerificationReport report = CaptureFixture.verify(source, target);
            assertThat(report.passed()).as(report.toMarkdown()).isTrue();
            assertThat(applied.isBalanced()).isTrue();
            assertThat(applied.total().inserted()).isGreaterThanOrEqualTo(10);
            assertThat(applied.total().updated()).isPositive();
            assertThat(applied.total().deleted()).isPositive();
            assertThat(lags).isNotEmpty();
            assertThat(lags.get(lags.size() - 1).changesApplied()).isPositive();
            assertThat(lags.get(lags.size() - 1).position()).startsWith("lsn ");

            // Drained: a second call applies nothing new.
            CatchUpResult again = CaptureFixture.migrator(source, target).load().applyChanges(capture);
            assertThat(again.total().changed()).isZero();

            capture.drop();
            assertThat(CaptureFixture.slots(source, capture.slot())).isZero();
            assertThat(source.queryValue("SELECT COUNT(*) FROM pg_publication WHERE pubname = '" + capture.slot() + "'"))
                    .isEqualTo(0L);
        }
    }

    @Test
    void aDryRunWritesNothingAndLeavesTheChangesInTheSlot() {
        try (TestDatabase source = Engine.POSTGRES.create("cdc-src"); TestDatabase target = Engine.POSTGRES.create("cdc-tgt")) {
            CaptureFixture.createSource(source, 500);
            CaptureFixture.createTarget(target);
            PostgresChangeCapture capture = CaptureFixture.capture(source);
            try {
                capture.load(CaptureFixture.migrator(source, target).load());
                CaptureFixture.change(source, 1);
                String before = target.dump();

                CatchUpResult planned = CaptureFixture.migrator(source, target).dryRun(true).load().applyChanges(capture);

                assertThat(target.dump()).isEqualTo(before);
                assertThat(planned.dryRun()).isTrue();
                assertThat(planned.total().changed()).isPositive();
                assertThat(planned.total().inserted()).isPositive();
                assertThat(planned.total().updated()).isPositive();
                assertThat(planned.total().deleted()).isPositive();
                CatchUpResult real = CaptureFixture.migrator(source, target).load().applyChanges(capture);
                assertThat(real.total().changed()).isPositive();
                assertThat(CaptureFixture.verify(source, target).passed()).isTrue();
                CatchUpResult after = CaptureFixture.migrator(source, target).dryRun(true).load().applyChanges(capture);
                assertThat(after.total().changed()).isZero();
            } finally {
                capture.drop();
            }
        }
    }

    @Test
    void aSlotLeftByAKilledLoadIsReusedNeverDuplicatedAndResetDropsIt() {
        try (TestDatabase source = Engine.POSTGRES.create("cdc-src"); TestDatabase target = Engine.POSTGRES.create("cdc-tgt")) {
            CaptureFixture.createSource(source, 1_000);
            CaptureFixture.createTarget(target);
            PostgresChangeCapture capture = CaptureFixture.capture(source);
            // What a load killed after creating its slot leaves behind: the slot, and changes since.
            source.execute("CREATE PUBLICATION " + capture.slot() + " FOR TABLE item");
            source.queryValue("SELECT pg_create_logical_replication_slot('" + capture.slot() + "', 'pgoutput')::text");
            CaptureFixture.change(source, 1);
            assertThat(PostgresChangeCapture.slots(source.dataSource()))
                    .anySatisfy(slot -> assertThat(slot.name()).isEqualTo(capture.slot()));
            // The inventory finds the slot, and the risk register warns about the WAL it keeps.
            assertThat(RiskRules.standard().assess(JdbcInventory.scan(source.dataSource())).risks())
                    .anySatisfy(risk -> assertThat(risk.title()).contains("Replication slot " + capture.slot())
                            .contains("write-ahead log"));

            JdbcMigrator migrator = CaptureFixture.migrator(source, target).load();
            capture.load(migrator);
            CaptureFixture.change(source, 2);
            migrator.applyChanges(capture);

            assertThat(CaptureFixture.slots(source, capture.slot())).isEqualTo(1);
            assertThat(CaptureFixture.verify(source, target).passed()).isTrue();
            capture.reset(migrator);
            assertThat(CaptureFixture.slots(source, capture.slot())).isZero();
            assertThat(RiskRules.standard().assess(JdbcInventory.scan(source.dataSource())).risks())
                    .noneMatch(risk -> risk.rule().equals(java.util.Optional.of("replication-slot")));
            assertThat(target.queryValue("SELECT COUNT(*) FROM product")).isEqualTo(0L);
        }
    }

    @Test
    void aChangedQuarantinedRowIsLoadedAndLeavesTheQuarantine() {
        try (TestDatabase source = Engine.POSTGRES.create("cdc-src"); TestDatabase target = Engine.POSTGRES.create("cdc-tgt")) {
            CaptureFixture.createSource(source, 200);
            CaptureFixture.createTarget(target);
            // Longer than the target's 50 characters: the target refuses it and the load quarantines it.
            source.execute("UPDATE item SET name = '" + "x".repeat(60) + "' WHERE id = 42");
            PostgresChangeCapture capture = CaptureFixture.capture(source);
            try {
                MigrationResult load = capture.load(CaptureFixture.migrator(source, target).load());
                assertThat(load.total().quarantined()).isEqualTo(1);
                source.execute("UPDATE item SET name = 'repaired' WHERE id = 42");

                CatchUpResult applied = CaptureFixture.migrator(source, target).load().applyChanges(capture);

                assertThat(applied.total().inserted()).isEqualTo(1);
                assertThat(target.queryValue("SELECT title FROM product WHERE product_id = 42")).isEqualTo("repaired");
                assertThat(MigrationLedger.read(target.dataSource(), LedgerTables.defaults(), "items-to-products")
                        .orElseThrow().quarantined()).isEmpty();
                assertThat(CaptureFixture.verify(source, target).passed()).isTrue();
            } finally {
                capture.drop();
            }
        }
    }

    @Test
    void aChangedRowWhoseParentStillWaitsFollowsItsParentIn() {
        try (TestDatabase source = Engine.POSTGRES.create("cdc-src"); TestDatabase target = Engine.POSTGRES.create("cdc-tgt")) {
            source.execute("CREATE TABLE team (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)",
                    "CREATE TABLE player (id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES team (id), "
                            + "name VARCHAR(100) NOT NULL)",
                    // Team 2's name is longer than the target allows: it is quarantined, and its player waits.
                    "INSERT INTO team VALUES (1, 'reds'), (2, '" + "x".repeat(30) + "')",
                    "INSERT INTO player VALUES (10, 1, 'ann'), (20, 2, 'bob')");
            target.execute("CREATE TABLE team (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "CREATE TABLE player (id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES team (id), "
                            + "name VARCHAR(100) NOT NULL)");
            MappingSpec spec = MappingSpec.builder("teams")
                    .table("team", t -> t.key("id").field("name"))
                    .table("player", t -> t.key("id").field("team_id").field("name"))
                    .build();
            JdbcMigrator.Configuration configuration = JdbcMigrator.configure().source(source.dataSource())
                    .target(target.dataSource()).spec(spec).onBadRow(BadRows.quarantine()).logProgress(false);
            PostgresChangeCapture capture = CaptureFixture.capture(source);
            try {
                capture.load(configuration.load());
                assertThat(target.queryValue("SELECT COUNT(*) FROM player")).isEqualTo(1L);
                source.execute("UPDATE player SET name = 'bobby' WHERE id = 20");
                JdbcMigrator migrator = JdbcMigrator.configure().source(source.dataSource())
                        .target(target.dataSource()).spec(spec).onBadRow(BadRows.quarantine()).logProgress(false)
                        .load();
                migrator.applyChanges(capture);
                assertThat(target.queryValue("SELECT COUNT(*) FROM player")).as("its team still waits").isEqualTo(1L);

                source.execute("UPDATE team SET name = 'blues' WHERE id = 2");
                migrator.applyChanges(capture);

                assertThat(target.queryValue("SELECT name FROM player WHERE id = 20")).isEqualTo("bobby");
                assertThat(MigrationLedger.read(target.dataSource(), LedgerTables.defaults(), "teams").orElseThrow()
                        .quarantined()).isEmpty();
                assertThat(Verifier.between(source.dataSource(), target.dataSource()).spec(spec).rowCounts()
                        .checksums().verify().passed()).isTrue();
            } finally {
                capture.drop();
            }
        }
    }

    @Test
    void aTruncateStopsTheStreamWithAdviceAndATableWithoutItsKeyAsIdentityIsNamed() {
        try (TestDatabase source = Engine.POSTGRES.create("cdc-src"); TestDatabase target = Engine.POSTGRES.create("cdc-tgt")) {
            CaptureFixture.createSource(source, 100);
            CaptureFixture.createTarget(target);
            PostgresChangeCapture capture = CaptureFixture.capture(source);
            try {
                capture.load(CaptureFixture.migrator(source, target).load());
                source.execute("TRUNCATE item");
                JdbcMigrator migrator = CaptureFixture.migrator(source, target).load();
                assertThatThrownBy(() -> migrator.applyChanges(capture)).isInstanceOf(MigrationException.class)
                        .hasMessageContaining("public.item was truncated").hasMessageContaining("catchUp()");
            } finally {
                capture.drop();
            }
        }
    }
}
