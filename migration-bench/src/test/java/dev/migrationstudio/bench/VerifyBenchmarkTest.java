package dev.migrationstudio.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.testing.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A small run of the benchmark's code path; the real figures come from running its main class. */
class VerifyBenchmarkTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSmallRunMeasuresEveryScenarioAndWritesTheResults(Engine engine, @TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("--rows", "3000", "--repeats", "1", "--out", dir.toString()));
        args.addAll(BenchArguments.engine(engine));

        VerifyBenchmark.main(args.toArray(new String[0]));

        JsonNode results = new ObjectMapper().readTree(dir.resolve("verify-results.json").toFile());
        assertThat(results.get("rowsPerSide").asLong()).isEqualTo(3000);
        JsonNode scenarios = results.get("engines").get(0).get("scenarios");
        assertThat(scenarios).hasSize(4);
        assertThat(scenarios.get(0).get("ratioToBaseline").asDouble()).isEqualTo(1.0);
        assertThat(scenarios.get(1).get("rowsRead").asLong()).isEqualTo(6000);
        assertThat(scenarios.get(2).get("rowsPerSecond").asLong()).isPositive();
        if (engine == Engine.POSTGRES) {
            assertThat(scenarios.get(3).get("ratioToBaseline").asDouble()).isPositive();
        } else {
            assertThat(scenarios.get(3).get("skipped").asText()).contains("PostgreSQL");
        }
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> VerifyBenchmark.Options.parse(new String[] {"--engines", "oracle"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown engine 'oracle'");
        assertThatThrownBy(() -> VerifyBenchmark.Options.parse(new String[] {"--rows"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }
}
