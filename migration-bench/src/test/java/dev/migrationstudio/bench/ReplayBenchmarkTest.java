package dev.migrationstudio.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run of the replay benchmark's code path; the real figures come from running its main class. */
class ReplayBenchmarkTest {

    @Test
    void aSmallRunRewritesTheLogAndWritesTheResults(@TempDir Path dir) throws Exception {
        ReplayBenchmark.main(new String[] {"--statements", "20", "--repeats", "1", "--out", dir.toString()});

        JsonNode results = new ObjectMapper().readTree(dir.resolve("replay-results.json").toFile());
        assertThat(results.get("statements").asInt()).isEqualTo(20);
        assertThat(results.get("rewritten").asInt()).as("one statement in five reads a dropped column")
                .isEqualTo(16);
        assertThat(results.get("ratioToParseAndRender").asDouble()).isPositive();
    }
}
