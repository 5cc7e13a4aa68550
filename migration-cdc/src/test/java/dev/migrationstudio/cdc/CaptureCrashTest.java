package dev.migrationstudio.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.VerificationReport;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kill -9 of a JVM applying a slot's changes, at seeded random points, then a resume: the target ends exact. */
class CaptureCrashTest {
    private static final int BATCH = 40;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void killedWhileApplyingThenResumedIsExact(long seed) throws Exception {
        try (TestDatabase source = Engine.POSTGRES.create("cdc-crash-src");
             TestDatabase target = Engine.POSTGRES.create("cdc-crash-tgt")) {
            CaptureFixture.createSource(source, 2_000);
            CaptureFixture.createTarget(target);
            PostgresChangeCapture capture = CaptureFixture.capture(source);
            try {
                capture.load(CaptureFixture.migrator(source, target).load());
                // One transaction per change, over the two halves of the table in turn: many batches.
                for (int round = 1; round <= 12; round++) {
                    CaptureFixture.change(source, round);
                }
                Random random = new Random(seed);
                int killAfter = 1 + random.nextInt(4);

                Process child = startChild(source, target, capture.slot());
                killAfter(child, killAfter, random);
                assertThat(CaptureFixture.verify(source, target).passed()).as("the kill interrupted the stream")
                        .isFalse();

                CatchUpResult resumed = CaptureFixture.migrator(source, target).lockWait(Duration.ofSeconds(30)).load()
                        .applyChanges(capture);

                VerificationReport report = CaptureFixture.verify(source, target);
                assertThat(report.passed()).as(report.toMarkdown()).isTrue();
                assertThat(resumed.isBalanced()).isTrue();
                JdbcMigrator migrator = CaptureFixture.migrator(source, target).load();
                assertThat(migrator.applyChanges(capture).total().changed()).isZero();
            } finally {
                capture.drop();
            }
        }
    }

    /** Lets the child commit {@code batches} batches, then kills it with SIGKILL at a random point of the next. */
    private static void killAfter(Process child, int batches, Random random) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)); Writer go = new OutputStreamWriter(child.getOutputStream(),
                StandardCharsets.UTF_8)) {
            int committed = 0;
            while (committed < batches) {
                String line = out.readLine();
                assertThat(line).as("the child's output").isNotNull().isNotEqualTo("DONE");
                if (line.startsWith("BATCH")) {
                    committed++;
                    go.write("GO\n");
                    go.flush();
                }
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(30_000)));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Process startChild(TestDatabase source, TestDatabase target, String slot) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CaptureChild.class.getName(), source.jdbcUrl(), target.jdbcUrl(), source.user(), slot,
                String.valueOf(BATCH)));
        // Through the environment, so that the password is not on a command line other users can list.
        builder.environment().put("MS_CHILD_PASSWORD", source.password());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }
}
