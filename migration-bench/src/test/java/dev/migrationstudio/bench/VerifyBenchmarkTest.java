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
        if (engine == Engine.MARIADB) {
            // MariaDB to PostgreSQL and back, each side in its own types.
            args.addAll(BenchArguments.engine(Engine.POSTGRES));
            args.addAll(BenchArguments.mariadbServer());
            args.addAll(List.of("--engines", "mariadb-postgres,postgres-mariadb"));
        } else {
            args.addAll(BenchArguments.engine(engine));
        }

        VerifyBenchmark.main(args.toArray(new String[0]));

        JsonNode results = new ObjectMapper().readTree(dir.resolve("verify-results.json").toFile());
        assertThat(results.get("rowsPerSide").asLong()).isEqualTo(3000);
        List<String> setups = new ArrayList<>();
        results.get("engines").forEach(setup -> setups.add(setup.get("engine").asText()));
        assertThat(setups).isEqualTo(switch (engine) {
            case H2 -> List.of("H2");
            case POSTGRES -> List.of("PostgreSQL");
            case MARIADB -> List.of("MariaDB -> PostgreSQL", "PostgreSQL -> MariaDB");
        });
        for (JsonNode setup : results.get("engines")) {
            JsonNode scenarios = setup.get("scenarios");
            assertThat(scenarios).hasSize(5);
            assertThat(scenarios.get(0).get("ratioToBaseline").asDouble()).isEqualTo(1.0);
            assertThat(scenarios.get(1).get("rowsRead").asLong()).isEqualTo(6000);
            assertThat(scenarios.get(2).get("rowsPerSecond").asLong()).isPositive();
            for (int pushdown : new int[] {3, 4}) {
                if (engine != Engine.MARIADB) {
                    assertThat(scenarios.get(pushdown).get("ratioToBaseline").asDouble()).isPositive();
                } else {
                    assertThat(scenarios.get(pushdown).get("skipped").asText()).contains("PostgreSQL");
                }
            }
        }
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> VerifyBenchmark.Options.parse(new String[] {"--engines", "oracle"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown engine 'oracle'");
        assertThatThrownBy(() -> VerifyBenchmark.Options.parse(new String[] {"--engines", "mariadb-oracle"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown engine 'mariadb-oracle'");
        assertThatThrownBy(() -> VerifyBenchmark.Options.parse(new String[] {"--rows"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }
}
