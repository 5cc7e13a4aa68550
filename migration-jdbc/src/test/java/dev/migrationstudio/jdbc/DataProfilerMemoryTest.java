package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Profiling a 1,000,000-row table runs in bounded memory and reads the table once: a JVM limited to
 * 64 MB of heap profiles it (holding the rows would take several times that), and its counting data
 * source sees one statement. The rows are generated inside the database; the H2 database is served
 * over TCP from this JVM, so the small heap holds only the profiler.
 */
class DataProfilerMemoryTest {

    private static final long ROWS = 1_000_000;
    private static final long CHUNK = 100_000;
    private static final String HEAP = "-Xmx64m";

    @ParameterizedTest
    @EnumSource(Engine.class)
    void profilesAMillionRowsInASixtyFourMegabyteHeapWithOneRead(Engine engine) throws Exception {
        try (TestDatabase db = engine.create("profile-1m")) {
            long started = System.nanoTime();
            db.execute("CREATE TABLE big (id INT NOT NULL, code VARCHAR(12), amount NUMERIC(12,2), created "
                    + (engine == Engine.MARIADB ? "DATETIME(6))" : "TIMESTAMP)"));
            // H2 inserts much faster in several transactions than in one of a million rows.
            for (long from = 1; from <= ROWS; from += CHUNK) {
                db.execute(generate(engine, from, Math.min(ROWS, from + CHUNK - 1)));
            }
            Map<String, String> measured;
            if (engine == Engine.H2) {
                Server server = Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
                try {
                    measured = runWorker("jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:" + db.name()
                            + ";DATABASE_TO_LOWER=TRUE", db.user(), db.password());
                } finally {
                    server.stop();
                }
            } else {
                measured = runWorker(db.jdbcUrl(), db.user(), db.password());
            }

            System.out.printf("%s: generating and profiling %,d rows took %,d ms (worker: %s ms)%n", engine, ROWS,
                    (System.nanoTime() - started) / 1_000_000, measured.get("millis"));
            assertThat(Long.parseLong(measured.get("maxHeap"))).isLessThanOrEqualTo(64L * 1024 * 1024);
            assertThat(measured.get("statements")).isEqualTo("1");
            // What the database itself counts, in one scan.
            Object[] expected = db.query("SELECT COUNT(*), COUNT(*) - COUNT(code), MAX(LENGTH(code)),"
                    + " COUNT(DISTINCT code), COUNT(code) - COUNT(DISTINCT code),"
                    + " SUM(CASE WHEN LENGTH(code) > 8 THEN 1 ELSE 0 END), SUM(CASE WHEN amount >= 1000 THEN 1 ELSE 0 END)"
                    + " FROM big").get(0);
            assertThat(List.of(measured.get("rows"), measured.get("codeNulls"), measured.get("codeMaxLength"),
                    measured.get("codeDistinct"), measured.get("codeDuplicateRows"), measured.get("codeRejected"),
                    measured.get("amountTooWide")))
                    .containsExactlyElementsOf(java.util.Arrays.stream(expected)
                            .map(v -> String.valueOf(((Number) v).longValue())).toList());
            assertThat(measured.get("rows")).isEqualTo(String.valueOf(ROWS));
            // The target's unique code, counted after the cast (too-long codes do not load), spilling to disk.
            Object[] target = db.query("SELECT COUNT(DISTINCT code), COUNT(code) - COUNT(DISTINCT code) FROM big"
                    + " WHERE LENGTH(code) <= 8").get(0);
            assertThat(List.of(measured.get("targetCodeDistinct"), measured.get("targetCodeDuplicateRows")))
                    .containsExactly(String.valueOf(((Number) target[0]).longValue()),
                            String.valueOf(((Number) target[1]).longValue()));
            assertThat(measured.get("createdLatest")).isEqualTo("2024-01-12T13:46:40");
        }
    }

    private static String generate(Engine engine, long from, long to) {
        if (engine == Engine.MARIADB) {
            return "INSERT INTO big SELECT seq, CASE WHEN seq % 10 = 0 THEN NULL WHEN seq % 1000 = 1"
                    + " THEN CONCAT('LONG-', seq) ELSE CONCAT('C', seq % 400000) END,"
                    + " CASE WHEN seq % 1000 = 2 THEN 12345.67 ELSE (seq % 100000) / 100.0 END,"
                    + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND"
                    + " FROM seq_" + from + "_to_" + to;
        }
        return engine == Engine.H2
                ? "INSERT INTO big SELECT \"X\", CASE WHEN MOD(\"X\", 10) = 0 THEN NULL"
                        + " WHEN MOD(\"X\", 1000) = 1 THEN CONCAT('LONG-', \"X\") ELSE CONCAT('C', MOD(\"X\", 400000)) END,"
                        + " CASE WHEN MOD(\"X\", 1000) = 2 THEN 12345.67 ELSE MOD(\"X\", 100000) / 100.0 END,"
                        + " DATEADD('SECOND', \"X\", TIMESTAMP '2024-01-01 00:00:00')"
                        + " FROM SYSTEM_RANGE(" + from + ", " + to + ")"
                : "INSERT INTO big SELECT g, CASE WHEN g % 10 = 0 THEN NULL WHEN g % 1000 = 1 THEN 'LONG-' || g"
                        + " ELSE 'C' || (g % 400000) END,"
                        + " CASE WHEN g % 1000 = 2 THEN 12345.67 ELSE (g % 100000) / 100.0 END,"
                        + " TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '1 second'"
                        + " FROM generate_series(" + from + ", " + to + ") g";
    }

    /** Runs {@link ProfileWorker} in a JVM with a small heap and returns what it printed. */
    private static Map<String, String> runWorker(String url, String user, String password)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ProfileWorker.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("MS_PROFILE_URL", url);
        builder.environment().put("MS_PROFILE_USER", user);
        builder.environment().put("MS_PROFILE_PASSWORD", password);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished).as("the worker finished in time; it printed:%n%s", text).isTrue();
        assertThat(process.exitValue()).as("the worker's exit code; it printed:%n%s", text).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : List.of(text.split("\\R"))) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.contains(" ")) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

}
