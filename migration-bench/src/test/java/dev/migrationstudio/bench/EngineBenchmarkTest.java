package dev.migrationstudio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.testing.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A small run of the engine benchmark's code path: every scenario copies every row. */
class EngineBenchmarkTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSmallRunCopiesEveryRowInEveryScenarioAndWritesTheResults(Engine engine, @TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("--rows", "2000", "--repeat", "1", "--out", dir.toString()));
        args.addAll(BenchArguments.engineBenchmark(engine));

        EngineBenchmark.main(args.toArray(new String[0]));

        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(results.get("rows").asLong()).isEqualTo(2000);
        JsonNode scenarios = results.get("scenarios");
        List<String> common = List.of("baseline", "engine-identity", "engine-identity-no-ledger", "engine-3-transforms",
                "engine-3-transforms-2-writers", "engine-3-transforms-4-writers", "spring-batch");
        List<String> intoMariaDb = List.of("baseline", "engine-identity", "engine-identity-insert",
                "engine-identity-no-ledger", "engine-3-transforms", "engine-3-transforms-2-writers",
                "engine-3-transforms-4-writers", "spring-batch");
        List<String> intoPostgres = List.of("baseline", "engine-identity", "engine-passthrough-binary",
                "engine-passthrough-2-writers", "engine-passthrough-4-writers", "engine-identity-java",
                "engine-identity-no-ledger", "engine-3-transforms", "engine-3-transforms-2-writers",
                "engine-3-transforms-4-writers", "spring-batch");
        List<String> expected = new ArrayList<>();
        if (engine == Engine.MARIADB) {
            expected.addAll(intoMariaDb);
            expected.addAll(intoPostgres);
            if (PgloaderCopy.unavailable().isEmpty()) {
                expected.add("pgloader");
            }
            expected.addAll(intoMariaDb);
        } else if (engine == Engine.POSTGRES) {
            expected.addAll(intoPostgres);
            expected.add("psql-pipe");
            if (ServerCopies.unavailable("pgcopydb").isEmpty()) {
                expected.add("pgcopydb");
            }
        } else {
            expected.addAll(common);
        }
        assertThat(scenarios).extracting(s -> s.get("scenario").asText()).containsExactlyElementsOf(expected);
        assertThat(scenarios).filteredOn(s -> s.get("scenario").asText().equals("baseline"))
                .allSatisfy(s -> assertThat(s.get("ratioToBaseline").asDouble()).isEqualTo(1.0));
        scenarios.forEach(s -> assertThat(s.get("rowsPerSecond").asDouble()).isPositive());
        if (engine == Engine.MARIADB) {
            assertThat(scenarios).extracting(s -> s.get("engine").asText()).containsOnly("mariadb", "mariadb-postgres",
                    "postgres-mariadb");
        }
    }
}
