package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Progress progress(String table, long done, long total, Optional<Duration> lag) {
        return new Progress(table, 1, done, 10_000, Duration.ofSeconds(4), 1_000, done, total, Duration.ofSeconds(2), lag);
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineShowsTheTablesRowsRateEtaAndLag() {
        String line = ConsoleProgress.line(progress("customer -> client", 2_000, 6_000, Optional.empty()));

        assertThat(line).startsWith("customer -> client").contains("2,000 of 6,000 rows  33%")
                .contains("1,000 rows/s").contains("ETA 4.0 s").endsWith("lag -");
        assertThat(ConsoleProgress.line(progress("a -> b", 6_000, 6_000, Optional.of(Duration.ofMillis(1_500)))))
                .contains("done").endsWith("lag 1.5 s");
    }

    @Test
    void plainLinesAppendOncePerIntervalAndAlwaysWhenATableIsDone() {
        ConsoleProgress console = ConsoleProgress.to(out, ConsoleProgress.Mode.PLAIN).every(Duration.ofDays(1));

        console.onChunk(progress("a -> a", 100, 300, Optional.empty()));
        console.onChunk(progress("a -> a", 200, 300, Optional.empty()));
        console.onChunk(progress("a -> a", 300, 300, Optional.empty()));

        assertThat(written().lines()).hasSize(2);
        assertThat(written()).doesNotContain("\u001b[").contains("100 of 300").contains("done");
    }

    @Test
    void liveLinesAreRewrittenInPlaceOnePerRunningTable() {
        ConsoleProgress console = ConsoleProgress.to(out, ConsoleProgress.Mode.LIVE);

        console.onChunk(progress("a -> a", 100, 300, Optional.empty()));
        console.onChunk(progress("b -> b", 50, 100, Optional.empty()));
        console.onChunk(progress("a -> a", 300, 300, Optional.empty()));

        // The second draw moves up one line (a's), the third two (a's and b's); a's last line stays.
        assertThat(written()).contains("\u001b[1F").contains("\u001b[2F");
        String lastDraw = written().substring(written().lastIndexOf("\u001b[2F"));
        assertThat(lastDraw.lines()).hasSize(2);
        assertThat(lastDraw.lines().findFirst().orElseThrow()).contains("a -> a").contains("done");
        assertThat(lastDraw).contains("b -> b");
    }
}
