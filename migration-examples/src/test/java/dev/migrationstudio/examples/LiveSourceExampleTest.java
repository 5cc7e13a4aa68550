package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.cutover.Cutover;
import dev.migrationstudio.cutover.CutoverResult;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.CutoverSteps;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's live-source examples: a catch-up after writes, and a repair step that verifies again. */
class LiveSourceExampleTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void catchesUpThenRepairsWhatAVerificationFinds(Engine engine) {
        try (TestDatabase legacy = engine.create("live"); TestDatabase v2 = engine.create("live-v2")) {
            MigrateExampleTest.createShop(legacy, v2);
            MappingSpec spec = QuickStartPlan.plan().mapping();

            CatchUpResult delta = LiveSourceExample.catchUp(legacy.dataSource(), v2.dataSource(), spec,
                    () -> legacy.execute("UPDATE customer SET email = 'ada@lovelace.org' WHERE customer_id = 1",
                            "INSERT INTO invoice VALUES (13, 1, 7.00)", "DELETE FROM invoice WHERE invoice_id = 12",
                            "UPDATE invoice SET total = 1.00 WHERE invoice_id = 11"));

            assertThat(delta.table("customer -> client").orElseThrow().counts().updated()).isEqualTo(1);
            // Invoice 11 is no longer filtered as a zero invoice: inserted, like the new invoice 13.
            assertThat(delta.table("invoice -> invoice").orElseThrow().counts().inserted()).isEqualTo(2);
            assertThat(delta.table("invoice -> invoice").orElseThrow().counts().deleted()).isEqualTo(1);
            Verifier verifier = Verifier.between(legacy.dataSource(), v2.dataSource()).spec(spec).checksums();
            assertThat(verifier.verify().passed()).isTrue();

            v2.execute("UPDATE client SET status = 'LOCKED' WHERE client_id = 2");
            JdbcMigrator migrator = JdbcMigrator.configure().source(legacy.dataSource()).target(v2.dataSource())
                    .spec(spec).load();
            CutoverResult cut = Cutover.of(LiveSourceExample.repair(legacy.dataSource(), v2.dataSource(), spec,
                            migrator), RollbackPlan.named("back").rto(Duration.ofMinutes(5))
                            .step("empty v2").run(CutoverSteps.resetTarget(migrator)).build()).execute();

            assertThat(cut.outcome()).as(cut.summary()).isEqualTo(CutoverResult.Outcome.COMPLETED);
            assertThat(v2.queryValue("SELECT status FROM client WHERE client_id = 2")).isEqualTo("ACTIVE");
            assertThat(verifier.verify().passed()).isTrue();
        }
    }

    @Test
    void aReplicationSlotBringsTheWritesMadeDuringAndAfterTheLoad() {
        try (TestDatabase legacy = Engine.POSTGRES.create("live"); TestDatabase v2 = Engine.POSTGRES.create("live-v2")) {
            MigrateExampleTest.createShop(legacy, v2);
            MappingSpec spec = QuickStartPlan.plan().mapping();

            CatchUpResult delta = LiveSourceExample.changeCapture(legacy.dataSource(), legacy.jdbcUrl(), legacy.user(),
                    legacy.password(), v2.dataSource(), spec,
                    () -> legacy.execute("UPDATE customer SET email = 'ada@lovelace.org' WHERE customer_id = 1",
                            "INSERT INTO invoice VALUES (13, 1, 7.00)", "DELETE FROM invoice WHERE invoice_id = 12",
                            "UPDATE invoice SET total = 1.00 WHERE invoice_id = 11"));

            assertThat(delta.table("customer -> client").orElseThrow().counts().updated()).isEqualTo(1);
            assertThat(delta.table("invoice -> invoice").orElseThrow().counts().inserted()).isEqualTo(2);
            assertThat(delta.table("invoice -> invoice").orElseThrow().counts().deleted()).isEqualTo(1);
            assertThat(Verifier.between(legacy.dataSource(), v2.dataSource()).spec(spec).checksums().verify().passed())
                    .isTrue();
            assertThat(legacy.queryValue("SELECT COUNT(*) FROM pg_replication_slots")).isEqualTo(0L);
        }
    }

    @Test
    void theReadmeShowsTheLiveSourceExamplesAsCompiled() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/migrationstudio/examples/LiveSourceExample.java"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(ReadmeSnippets.region(source, "catch-up"))
                .contains(ReadmeSnippets.region(source, "repair"))
                .contains(ReadmeSnippets.region(source, "change-capture"));
    }
}
