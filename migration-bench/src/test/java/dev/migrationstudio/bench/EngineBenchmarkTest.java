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
        args.addAll(BenchArguments.engine(engine));

        EngineBenchmark.main(args.toArray(new String[0]));

        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(results.get("rows").asLong()).isEqualTo(2000);
        JsonNode scenarios = results.get("scenarios");
        assertThat(scenarios).extracting(s -> s.get("scenario").asText()).containsExactly("baseline",
                "engine-identity", "engine-identity-no-ledger", "engine-3-transforms", "spring-batch");
        assertThat(scenarios.get(0).get("ratioToBaseline").asDouble()).isEqualTo(1.0);
        scenarios.forEach(s -> assertThat(s.get("rowsPerSecond").asDouble()).isPositive());
    }
}
