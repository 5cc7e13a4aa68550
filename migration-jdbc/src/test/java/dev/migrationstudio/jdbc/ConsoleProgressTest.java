package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Progress progress(String table, long done, long total) {
        return new Progress(table, 1, done, 10_000, Duration.ofSeconds(4), 1_000, done, total, Duration.ofSeconds(2));
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineShowsTheTablesRowsRateAndEta() {
        String line = ConsoleProgress.line(progress("customer -> client", 2_000, 6_000));

        assertThat(line).startsWith("customer -> client").contains("2,000 of 6,000 rows  33%")
                .contains("1,000 rows/s").endsWith("ETA 4.0 s");
        assertThat(ConsoleProgress.line(progress("a -> b", 6_000, 6_000))).endsWith("done");
    }

    @Test
    void aChangeFeedGetsALineOfItsOwnWithItsLag() {
        ConsoleProgress live = ConsoleProgress.to(out, ConsoleProgress.Mode.LIVE);

        live.onChunk(progress("a -> a", 100, 300));
        live.onChangeLag(new ChangeLag("slot s", Duration.ofMillis(400), 12_288, 7, "0/1A2B"));
        live.onChangeLag(new ChangeLag("slot s", Duration.ofMillis(100), 0, 9, "0/1A2C"));

        String lastDraw = written().substring(written().lastIndexOf("\u001b[2F"));
        assertThat(lastDraw.lines()).hasSize(2);
        assertThat(lastDraw).contains("a -> a").contains("change feed slot s: 0.1 s and 0 bytes behind, 9 changes applied");
    }

    @Test
    void plainLinesAppendOncePerIntervalAndAlwaysWhenATableIsDone() {
        ConsoleProgress console = ConsoleProgress.to(out, ConsoleProgress.Mode.PLAIN).every(Duration.ofDays(1));

        console.onChunk(progress("a -> a", 100, 300));
        console.onChunk(progress("a -> a", 200, 300));
        console.onChunk(progress("a -> a", 300, 300));

        assertThat(written().lines()).hasSize(2);
        assertThat(written()).doesNotContain("\u001b[").contains("100 of 300").contains("done");
    }

    @Test
    void liveLinesAreRewrittenInPlaceOnePerRunningTable() {
        ConsoleProgress console = ConsoleProgress.to(out, ConsoleProgress.Mode.LIVE);

        console.onChunk(progress("a -> a", 100, 300));
        console.onChunk(progress("b -> b", 50, 100));
        console.onChunk(progress("a -> a", 300, 300));

        // The second draw moves up one line (a's), the third two (a's and b's); a's last line stays.
        assertThat(written()).contains("\u001b[1F").contains("\u001b[2F");
        String lastDraw = written().substring(written().lastIndexOf("\u001b[2F"));
        assertThat(lastDraw.lines()).hasSize(2);
        assertThat(lastDraw.lines().findFirst().orElseThrow()).contains("a -> a").contains("done");
        assertThat(lastDraw).contains("b -> b");
    }
}
