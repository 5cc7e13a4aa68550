package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Passwords reach the driver and nothing else: not exceptions, not logs. */
class SecretsTest {
    private static final String SECRET = "s3cret-Do-Not-Print-7f3a";

    /** What a run threw and what it logged (SLF4J's simple logger writes to standard error). */
    private record Outcome(String failure, String logged) {
    }

    private static Outcome run(JdbcMigrator.Configuration migrator) {
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        Throwable failure;
        try {
            failure = catchThrowable(() -> migrator.load().migrate());
        } finally {
            System.setErr(original);
        }
        assertThat(failure).isNotNull();
        return new Outcome(failureText(failure), logged.toString(StandardCharsets.UTF_8));
    }

    private static String failureText(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aWrongPasswordFailsWithoutShowingIt(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 10);
            ItemFixture.createTarget(target);
            Outcome outcome = run(JdbcMigrator.configure()
                    .source(source.jdbcUrl(), source.user(), source.password())
                    .target(target.jdbcUrl(), target.user(), SECRET)
                    .spec(ItemFixture.spec()));

            assertThat(outcome.failure()).doesNotContain(SECRET);
            assertThat(outcome.logged()).doesNotContain(SECRET);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailingRunWithTheRightPasswordDoesNotShowIt(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 10);
            Outcome outcome = run(JdbcMigrator.configure()
                    .source(source.jdbcUrl(), source.user(), source.password())
                    .target(target.jdbcUrl(), target.user(), target.password())
                    .spec(ItemFixture.spec()));

            assertThat(outcome.failure()).contains("target table product does not exist");
            if (!source.password().isEmpty()) {
                assertThat(outcome.failure()).doesNotContain(source.password());
                assertThat(outcome.logged()).doesNotContain(source.password());
            }
        }
    }
}
