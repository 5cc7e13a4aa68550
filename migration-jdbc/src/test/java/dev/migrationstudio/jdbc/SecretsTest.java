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
            PrintStream original = System.err;
            ByteArrayOutputStream logged = new ByteArrayOutputStream();
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            Throwable failure;
            try {
                failure = catchThrowable(() -> JdbcMigrator.configure()
                        .source(source.jdbcUrl(), source.user(), source.password())
                        .target(target.jdbcUrl(), target.user(), SECRET)
                        .spec(ItemFixture.spec()).load().migrate());
            } finally {
                System.setErr(original);
            }

            assertThat(failure).isNotNull();
            assertThat(failureText(failure)).doesNotContain(SECRET);
            assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailingRunWithTheRightPasswordDoesNotShowIt(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            ItemFixture.createSource(source, 10);
            PrintStream original = System.err;
            ByteArrayOutputStream logged = new ByteArrayOutputStream();
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            Throwable failure;
            try {
                failure = catchThrowable(() -> JdbcMigrator.configure()
                        .source(source.jdbcUrl(), source.user(), source.password())
                        .target(target.jdbcUrl(), target.user(), target.password())
                        .spec(ItemFixture.spec()).load().migrate());
            } finally {
                System.setErr(original);
            }

            assertThat(failure).hasMessageContaining("target table product does not exist");
            if (!source.password().isEmpty()) {
                assertThat(failureText(failure)).doesNotContain(source.password());
                assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(source.password());
            }
        }
    }
}
