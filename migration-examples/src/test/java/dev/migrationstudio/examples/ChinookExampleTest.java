package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.examples.chinook.ChinookLifecycle;
import dev.migrationstudio.cdc.PostgresChangeCapture;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The main job: every stage of the Chinook migration, on every engine, ending with the evidence pack. */
class ChinookExampleTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void runsEveryStageAndWritesTheEvidencePack(Engine engine, @TempDir Path out) throws IOException {
        try (TestDatabase legacy = engine.create("chinook-legacy"); TestDatabase v2 = engine.create("chinook-v2")) {
            ChinookLifecycle.Outcome outcome = ChinookLifecycle.run(legacy.dataSource(), v2.dataSource(), out);

            assertThat(outcome.succeeded()).as(outcome.summary() + "\n" + outcome.rehearsal().rollback()).isTrue();
            assertThat(outcome.plan().inventory().tables()).hasSize(11);
            assertThat(outcome.review().passed()).as(outcome.review().summary()).isTrue();
            assertThat(outcome.dryRun().plan().orElseThrow().tables()).hasSize(11);
            assertThat(outcome.migration().isBalanced()).isTrue();
            assertThat(outcome.migration().thisRun().read()).isEqualTo(15_607);
            assertThat(outcome.migration().thisRun().quarantined()).isZero();
            assertThat(outcome.migration().table("playlist_track").orElseThrow().thisRun().filteredByRule())
                    .containsKey("video playlists stay in legacy");
            assertThat(outcome.migration().tables()).extracting(TableResult::mapping)
                    .startsWith("artist -> artist", "album -> album");
            assertThat(outcome.verification().passed()).as(outcome.verification().summary()).isTrue();
            assertThat(outcome.verification().replays()).hasSize(7).filteredOn(r -> r.rewrite().replayable())
                    .hasSize(6).allSatisfy(r -> assertThat(r.results().orElseThrow().passed()).isTrue());
            assertThat(outcome.verification().replays().get(5).rewrite().reason()).contains("fax", "drops");
            assertThat(outcome.rehearsal().goNoGo().go()).isTrue();
            assertThat(outcome.rehearsal().entries()).filteredOn(e -> e.name().startsWith("final delta"))
                    .singleElement().satisfies(delta -> assertThat(String.join("\n", delta.evidence()))
                            .as("the store's writes after the load, brought in by the catch-up")
                            .contains("customer -> client: 59 read = 0 inserted + 1 updated")
                            .contains("invoice -> invoice: 413 read = 1 inserted + 0 updated")
                            .contains("invoice_line -> invoice_line: 2,240 read = 1 inserted + 0 updated")
                            .contains("1 deleted"));
            assertThat(outcome.rehearsal().rollback().orElseThrow().withinRto()).isTrue();
            assertThat(legacyTables(legacy)).contains("app_settings").doesNotContain("ms_snapshot");
            assertThat(v2.queryValue("SELECT COUNT(*) FROM song")).as("the rehearsed rollback emptied v2")
                    .isEqualTo(0L);
            assertThat(legacy.queryValue("SELECT reads_from FROM app_settings")).isEqualTo("legacy");
            assertThat(legacy.queryValue("SELECT COUNT(*) FROM track")).isEqualTo(ChinookDataset.ROW_COUNTS.get("track"));
            try (var files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString())).contains("README.md", "plan.md",
                        "inventory.md", "inventory.json", "risks.md", "mapping.md", "review.md", "dry-run.md",
                        "migration-result.md", "migration-result.json", "verification.json", "verification.md",
                        "verification.html", "runbook.md", "rollback.md", "rehearsal.md", "rehearsal.json");
            }
            for (String name : List.of("plan", "inventory", "risks", "mapping", "review", "dry-run", "migration-result",
                    "verification", "runbook", "rollback", "rehearsal")) {
                for (String extension : List.of("md", "html", "json")) {
                    assertThat(out.resolve(name + "." + extension)).as("the evidence pack's " + name + "." + extension)
                            .exists();
                }
            }
            assertThat(out.resolve("index.html")).exists();
            assertThat(Files.readString(out.resolve("README.md"))).contains("## Sign-off")
                    .contains("| Spec fingerprint | `" + outcome.plan().mapping().fingerprint() + "` |")
                    .contains("| Verification verdict | PASSED |")
                    .contains("| Environment | rehearsal: legacy on ");
            assertThat(Files.readString(out.resolve("dry-run.md"))).startsWith("# Dry run: chinook-to-v2")
                    .doesNotContain("Migration result");
            long openWarnings = outcome.review().warnings().stream().filter(f -> !f.isAcknowledged()).count();
            assertThat(outcome.review().summary()).as("the verdict counts the warnings its section lists")
                    .contains(dev.migrationstudio.format.Formats.plural(openWarnings, "warning") + ", ");
            assertThat(Files.readString(out.resolve("review.md"))).contains("**" + outcome.review().summary() + "**")
                    .contains("## Warnings (" + openWarnings + ")");
            assertThat(Files.readString(out.resolve("rehearsal.md"))).doesNotContainPattern("\\.\\d{4,}Z");
            assertThat(Files.readString(out.resolve("inventory.md"))).contains("```mermaid");
            assertThat(Files.readString(out.resolve("verification.md"))).contains("## Query replay")
                    .contains("FROM track t WHERE t.album_id = 1").containsPattern("[`\"]song[`\"]");
            assertThat(Files.readString(out.resolve("rehearsal.md"))).contains("**switch reads to v2** (POINT OF NO RETURN)");
            assertThat(outcome.summary().lines().toList()).hasSize(6);
        }
    }

    @Test
    void onPostgresTheStoreSellsDuringTheLoadAndAReplicationSlotBringsEveryWrite(@TempDir Path out) {
        try (TestDatabase legacy = Engine.POSTGRES.create("chinook-legacy");
             TestDatabase v2 = Engine.POSTGRES.create("chinook-v2")) {
            PostgresChangeCapture capture = PostgresChangeCapture.configure()
                    .source(legacy.jdbcUrl(), legacy.user(), legacy.password())
                    .slot(("ms_" + legacy.name()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"))
                    .build();
            try {
                ChinookLifecycle.Outcome outcome = ChinookLifecycle.run(legacy.dataSource(), v2.dataSource(), out,
                        capture);

                assertThat(outcome.succeeded()).as(outcome.summary()).isTrue();
                assertThat(outcome.migration().thisRun().read()).as("the load read the slot's snapshot")
                        .isEqualTo(15_607);
                CatchUpResult during = outcome.changesDuringLoad().orElseThrow();
                assertThat(during.table("invoice -> invoice").orElseThrow().counts().inserted()).isEqualTo(1);
                assertThat(during.table("invoice_line -> invoice_line").orElseThrow().counts().inserted()).isEqualTo(1);
                assertThat(during.table("artist -> artist").orElseThrow().counts().updated()).isEqualTo(1);
                assertThat(during.total().deleted()).isEqualTo(1);
                assertThat(outcome.verification().passed()).as(outcome.verification().summary()).isTrue();
                assertThat(outcome.rehearsal().entries()).filteredOn(e -> e.name().startsWith("final delta"))
                        .singleElement().satisfies(delta -> assertThat(String.join("\n", delta.evidence()))
                                .as("the store's writes after the verification, from the slot")
                                .contains("from change feed slot " + capture.slot())
                                .containsPattern("customer -> client: 1 read = 0 inserted \\+ 1 updated")
                                .containsPattern("invoice -> invoice: 1 read = 1 inserted")
                                .contains("1 deleted"));
                assertThat(outcome.rehearsal().entries()).anySatisfy(e -> assertThat(e.name())
                        .isEqualTo("drop the replication slot"));
                assertThat(capture.slotState()).as("the runbook dropped the slot").isEmpty();
                assertThat(outcome.summary()).contains("applied from the replication slot");
            } finally {
                capture.drop();
            }
        }
    }

    private static String legacyTables(TestDatabase legacy) {
        return String.join(",", legacy.query("SELECT table_name FROM information_schema.tables "
                + "WHERE LOWER(table_schema) = " + (legacy.engine() == Engine.MARIADB ? "DATABASE()" : "'public'"))
                .stream().map(r -> String.valueOf(r[0])).toList());
    }

    @Test
    void theReadmeShowsTheCutoverAsCompiled() throws IOException {
        String source = Files.readString(
                Path.of("src/main/java/dev/migrationstudio/examples/chinook/ChinookCutover.java"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains(ReadmeSnippets.region(source, "runbook")).contains(ReadmeSnippets.region(source, "runbook-cdc"))
                .contains(ReadmeSnippets.region(source, "rollback"));
    }

    @Test
    void theCommandLineRunsOnEmbeddedH2(@TempDir Path out) {
        ChinookLifecycle.Outcome outcome = ChinookExample.onH2(out);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.evidencePack()).isEqualTo(out.resolve("README.md"));
        assertThat(List.of(outcome.summary())).singleElement().asString()
                .contains("1. Inventory: 11 tables, 15,607 rows, 4 services and jobs")
                .contains("4. Verification of 'chinook-to-v2' PASSED");
    }

    @Test
    void theCommandLineMovesMySqlChinookFromMariaDbToPostgres(@TempDir Path out) throws Exception {
        ChinookLifecycle.Outcome outcome = ChinookExample.fromMariaDb(new String[0], out);

        assertThat(outcome.succeeded()).as(outcome.summary()).isTrue();
        assertThat(outcome.plan().inventory().tables()).extracting(t -> t.id().name())
                .contains("InvoiceLine", "PlaylistTrack");
        assertThat(outcome.review().passed()).as(outcome.review().summary()).isTrue();
        assertThat(outcome.migration().isBalanced()).isTrue();
        assertThat(outcome.migration().thisRun().read()).isEqualTo(15_607);
        assertThat(outcome.migration().thisRun().quarantined()).isZero();
        assertThat(outcome.migration().tables()).extracting(TableResult::mapping)
                .contains("InvoiceLine -> invoice_line", "Track -> song", "PlaylistTrack -> playlist_song");
        assertThat(outcome.verification().passed()).as(outcome.verification().summary()).isTrue();
        assertThat(outcome.rehearsal().goNoGo().go()).isTrue();
        assertThat(Files.readString(out.resolve("README.md")))
                .containsPattern("\\| Environment \\| rehearsal: legacy on MariaDB [0-9.]+, v2 on PostgreSQL [0-9.]+ \\|");
    }
}
