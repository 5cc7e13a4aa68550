package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 of a JVM running a migration, at seeded random points, then a resume: exact counts, and
 * every target row equal to its expected transformed source row. H2 databases live in an H2 TCP
 * server in this JVM, so the killed process is a client like any other.
 */
class CrashRecoveryTest {
    private static final int ROWS = 12_000;
    private static final int CHUNK = 500;
    private static Server h2Server;

    @BeforeAll
    static void startH2Server() throws Exception {
        h2Server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    }

    @AfterAll
    static void stopH2Server() {
        h2Server.stop();
    }

    static List<Arguments> trials() {
        return List.of(Arguments.of(Engine.H2, 11L), Arguments.of(Engine.H2, 22L), Arguments.of(Engine.H2, 33L),
                Arguments.of(Engine.POSTGRES, 11L), Arguments.of(Engine.POSTGRES, 22L),
                Arguments.of(Engine.POSTGRES, 33L));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("trials")
    void killedAtARandomPointThenResumedLosesAndDoublesNothing(Engine engine, long seed) throws Exception {
        try (TestDatabase source = engine.create("crash-src"); TestDatabase target = engine.create("crash-tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            Random random = new Random(seed);
            int killAfterChunk = 1 + random.nextInt(ROWS / CHUNK - 2);

            killAfter(startChild(url(engine, source), url(engine, target), source.user(), source.password()),
                    killAfterChunk, random);
            long loadedBeforeResume = (Long) target.queryValue("SELECT COUNT(*) FROM product");
            assertThat(loadedBeforeResume).as("the kill interrupted the run").isLessThan(10_800L);

            MigrationResult resumed = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(ItemFixture.spec()).chunkSize(CHUNK).lockWait(Duration.ofSeconds(30)).logProgress(false)
                    .load().migrate();

            TableResult item = resumed.table("item").orElseThrow();
            assertThat(item.chunksSkipped()).isGreaterThanOrEqualTo(killAfterChunk);
            assertThat(item.total()).isEqualTo(new RowCounts(ROWS, 10_800, java.util.Map.of("active only", 1_200L), 0));
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
        }
    }

    static List<Arguments> writerTrials() {
        return List.of(Arguments.of(Engine.H2, 55L, "passthrough", 1),
                Arguments.of(Engine.POSTGRES, 55L, "passthrough", 1),
                Arguments.of(Engine.POSTGRES, 66L, "passthrough", 1),
                Arguments.of(Engine.POSTGRES, 77L, "passthrough", 3),
                Arguments.of(Engine.H2, 88L, "java", 2), Arguments.of(Engine.POSTGRES, 88L, "java", 2),
                Arguments.of(Engine.MARIADB, 99L, "java", 2));
    }

    /**
     * The same with rules SQL can write ({@code passthrough}: from PostgreSQL to PostgreSQL the chunks
     * pass through COPY), or on the Java path (a filter and a cast), with one writer or several: key
     * ranges streamed at once and committed in key order, so the kill leaves a prefix of the table.
     */
    @ParameterizedTest(name = "{0}, seed {1}, {2}, {3} writers")
    @MethodSource("writerTrials")
    void killedWhileWritersCopyATableThenResumedLosesAndDoublesNothing(Engine engine, long seed, String mode,
                                                                        int writers) throws Exception {
        MappingSpec spec = mode.equals("passthrough") ? ItemFixture.passthroughSpec() : ItemFixture.spec();
        RowCounts expected = mode.equals("passthrough") ? new RowCounts(ROWS, ROWS, java.util.Map.of(), 0)
                : new RowCounts(ROWS, 10_800, java.util.Map.of("active only", 1_200L), 0);
        try (TestDatabase source = engine.create("crash-src"); TestDatabase target = engine.create("crash-tgt")) {
            ItemFixture.createSource(source, ROWS);
            ItemFixture.createTarget(target);
            Random random = new Random(seed);
            int killAfterChunk = 1 + random.nextInt(ROWS / CHUNK - 2);

            killAfter(startChild(url(engine, source), url(engine, target), source.user(), source.password(),
                    mode, String.valueOf(writers)), killAfterChunk, random);
            long loadedBeforeResume = (Long) target.queryValue("SELECT COUNT(*) FROM product");
            assertThat(loadedBeforeResume).as("the kill interrupted the run").isLessThan(expected.loaded());

            MigrationResult resumed = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(spec).chunkSize(CHUNK).writersPerTable(writers).lockWait(Duration.ofSeconds(30))
                    .logProgress(false).load().migrate();

            TableResult item = resumed.table("item").orElseThrow();
            assertThat(item.chunksSkipped()).isGreaterThanOrEqualTo(killAfterChunk);
            assertThat(item.total()).isEqualTo(expected);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, spec));
        }
    }

    static List<Arguments> catchUpTrials() {
        return List.of(Arguments.of(Engine.H2, 44L), Arguments.of(Engine.POSTGRES, 44L));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("catchUpTrials")
    void killedDuringACatchUpThenResumedIsExact(Engine engine, long seed) throws Exception {
        int rows = 6_000;
        try (TestDatabase source = engine.create("crash-src"); TestDatabase target = engine.create("crash-tgt")) {
            ItemFixture.createSource(source, rows);
            ItemFixture.createTarget(target);
            JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(ItemFixture.spec())
                    .chunkSize(CHUNK).logProgress(false).load().migrate();
            CatchUpTest.change(source);
            Random random = new Random(seed);
            int killAfterChunk = 1 + random.nextInt(rows / CHUNK - 2);

            killAfter(startChild(url(engine, source), url(engine, target), source.user(), source.password(),
                    "catchup"), killAfterChunk, random);
            assertThat(ItemFixture.actual(target)).as("the kill interrupted the catch-up")
                    .isNotEqualTo(ItemFixture.expected(source, ItemFixture.spec()));

            CatchUpResult resumed = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(ItemFixture.spec()).chunkSize(CHUNK).lockWait(Duration.ofSeconds(30)).logProgress(false)
                    .load().catchUp();

            CatchUpResult.Table item = resumed.table("item -> product").orElseThrow();
            assertThat(item.chunksSkipped()).isGreaterThanOrEqualTo(killAfterChunk);
            long sourceRows = (Long) source.queryValue("SELECT COUNT(*) FROM item");
            assertThat(item.chunksCompared() + item.chunksSkipped()).isEqualTo((sourceRows + CHUNK - 1) / CHUNK);
            assertThat(ItemFixture.actual(target)).isEqualTo(ItemFixture.expected(source, ItemFixture.spec()));
            CatchUpResult again = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(ItemFixture.spec()).chunkSize(CHUNK).logProgress(false).load().catchUp();
            assertThat(again.total().changed()).as(again.summary()).isZero();
        }
    }

    /** Lets the child commit {@code chunks} chunks, then kills it with SIGKILL at a random point of the next. */
    private static void killAfter(Process child, int chunks, Random random) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)); Writer go = new OutputStreamWriter(child.getOutputStream(),
                StandardCharsets.UTF_8)) {
            int committed = 0;
            while (committed < chunks) {
                String line = out.readLine();
                assertThat(line).as("the child's output").isNotNull();
                if (line.startsWith("CHUNK")) {
                    committed++;
                    go.write("GO\n");
                    go.flush();
                }
            }
            // The child is now working on the next chunk; a random delay puts the kill anywhere in it:
            // reading, mapping, writing or committing.
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(30_000)));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String url(Engine engine, TestDatabase db) {
        if (engine != Engine.H2) {
            return db.jdbcUrl();
        }
        return "jdbc:h2:tcp://localhost:" + h2Server.getPort() + "/mem:" + db.name() + ";DATABASE_TO_LOWER=TRUE";
    }

    private static Process startChild(String sourceUrl, String targetUrl, String user, String password,
                                      String... mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                MigrationChild.class.getName(), sourceUrl, targetUrl, user, String.valueOf(CHUNK)));
        command.addAll(List.of(mode));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Through the environment, so that the password is not on a command line other users can list.
        builder.environment().put("MS_CHILD_PASSWORD", password);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }
}
