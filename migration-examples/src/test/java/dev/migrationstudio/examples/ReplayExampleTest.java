package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.examples.chinook.ChinookV2;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReplayExampleTest {

    @Test
    void theQueriesLegacyRanAreReplayedOnV2() throws Exception {
        try (TestDatabase legacy = Engine.POSTGRES.create("replay-legacy");
             TestDatabase v2 = Engine.POSTGRES.create("replay-v2")) {
            ChinookDataset.load(legacy.dataSource());
            v2.execute(ChinookV2.schema().toArray(String[]::new));
            MappingSpec spec = ChinookV2.mapping(JdbcInventory.scan(legacy.dataSource()));
            JdbcMigrator.configure().source(legacy.dataSource()).target(v2.dataSource()).spec(spec)
                    .logProgress(false).load().migrate();
            legacy.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "SELECT pg_stat_statements_reset()");
            // What the applications ran on legacy today.
            for (int id = 1; id <= 3; id++) {
                legacy.query("SELECT name, milliseconds FROM track WHERE album_id = " + id + " ORDER BY track_id");
                legacy.query("SELECT SUM(total) FROM invoice WHERE customer_id = " + id);
                legacy.query("SELECT fax FROM customer WHERE customer_id = " + id);
            }

            VerificationReport report = ReplayExample.replayTopQueries(legacy.dataSource(), v2.dataSource(), spec);

            assertThat(report.passed()).as(report.summary()).isTrue();
            assertThat(report.replays()).anySatisfy(r -> {
                assertThat(r.rewrite().query().sql()).isEqualTo(
                        "SELECT name, milliseconds FROM track WHERE album_id = $1 ORDER BY track_id");
                assertThat(r.rewrite().targetSql()).get().asString().contains("\"title\"", "\"duration_ms\"",
                        "from \"song\"");
                assertThat(r.rewrite().query().calls()).isEqualTo(3);
                assertThat(r.results().orElseThrow().sourceRows()).isEqualTo(10);
                assertThat(r.source().orElseThrow().runs()).isEqualTo(7);
            }).anySatisfy(r -> assertThat(r.rewrite().reason()).contains("customer.fax", "drops"))
                    .anySatisfy(r -> assertThat(r.rewrite().reason()).isEqualTo(
                            "it reads no table of the mapping; replay runs only the application's queries"));
            assertThat(report.replays()).filteredOn(r -> r.rewrite().replayable())
                    .allMatch(r -> !r.resultsDiffer());
        }
    }

    @Test
    void theReadmeShowsTheReplayAsCompiled() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains(ReadmeSnippets.region(Files.readString(
                        Path.of("src/main/java/dev/migrationstudio/examples/ReplayExample.java")), "replay"))
                .contains(ReadmeSnippets.region(Files.readString(Path.of(
                        "src/test/java/dev/migrationstudio/examples/repositories/StoreRepositoryTest.java")),
                        "both-sides"));
    }
}
