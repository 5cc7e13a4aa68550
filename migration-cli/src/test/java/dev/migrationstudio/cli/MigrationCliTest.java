package dev.migrationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigrationCliTest {

    @TempDir
    Path evidence;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(TestDatabase source, TestDatabase target, String command, String planClass, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--plan", planClass,
                "--source-url", source.jdbcUrl(), "--source-user", source.user(),
                "--target-url", target.jdbcUrl(), "--target-user", target.user(),
                "--evidence", evidence.toString(), "--progress", "plain"));
        args.addAll(List.of(more));
        Map<String, String> environment = Map.of("MS_SOURCE_PASSWORD", source.password(),
                "MS_TARGET_PASSWORD", target.password());
        return MigrationCli.run(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    }

    private static TestDatabase source(Engine engine) {
        TestDatabase source = engine.create("cli source");
        source.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO customer VALUES (1, 'Ann'), (2, 'Bob'), (3, 'test user')");
        return source;
    }

    private static TestDatabase target(Engine engine) {
        TestDatabase target = engine.create("cli target");
        target.execute("CREATE TABLE client (id INT PRIMARY KEY, full_name VARCHAR(40) NOT NULL)");
        return target;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void dryRunMigrateAndVerifyExitZeroAndWriteTheEvidence(Engine engine) throws Exception {
        try (TestDatabase source = source(engine); TestDatabase target = target(engine)) {
            String plan = ShopPlan.class.getName();

            assertThat(run(source, target, "dry-run", plan)).as(err.toString()).isZero();
            assertThat(target.queryValue("SELECT COUNT(*) FROM client")).hasToString("0");
            assertThat(run(source, target, "migrate", plan)).as(err.toString()).isZero();
            assertThat(run(source, target, "verify", plan)).as(err.toString()).isZero();

            assertThat(target.queryValue("SELECT COUNT(*) FROM client")).hasToString("2");
            assertThat(evidence.resolve("README.md")).exists();
            assertThat(evidence.resolve("verification.md")).exists();
            assertThat(Files.readString(evidence.resolve("migration-result.md"))).contains("customer -> client");
            assertThat(out.toString()).contains("Evidence pack: " + evidence.resolve("README.md").toAbsolutePath())
                    .contains("customer -> client");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void verifyExitsOneWhenTheTargetDiffers(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = target(engine)) {
            assertThat(run(source, target, "migrate", ShopPlan.class.getName())).as(err.toString()).isZero();
            target.execute("UPDATE client SET full_name = 'Anne' WHERE id = 1");

            assertThat(run(source, target, "verify", ShopPlan.class.getName())).isEqualTo(1);
            assertThat(run(source, target, "migrate", ShopPlan.class.getName(), "--verify")).isEqualTo(1);
            assertThat(out.toString()).contains("FAILED");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rehearseAndCutoverExitZeroOnGoAndTwoOnNoGo(Engine engine) {
        try (TestDatabase source = source(engine); TestDatabase target = target(engine)) {
            assertThat(run(source, target, "migrate", ShopPlan.class.getName())).as(err.toString()).isZero();
            source.execute("INSERT INTO customer VALUES (4, 'Dee')");

            assertThat(run(source, target, "rehearse", ShopPlan.class.getName())).as(out.toString()).isZero();
            assertThat(run(source, target, "cutover", ShopPlan.class.getName())).as(out.toString()).isZero();
            assertThat(target.queryValue("SELECT full_name FROM client WHERE id = 4")).isEqualTo("Dee");
            assertThat(run(source, target, "rehearse", ShopPlan.Blocked.class.getName())).isEqualTo(2);
            assertThat(run(source, target, "cutover", ShopPlan.Blocked.class.getName())).isEqualTo(2);
            assertThat(evidence.resolve("rehearsal.md")).exists();
        }
    }

    @Test
    void aPlanClassThatCannotBeFoundIsAnErrorNamingIt() {
        try (TestDatabase source = source(Engine.H2); TestDatabase target = target(Engine.H2)) {
            assertThat(run(source, target, "migrate", "com.example.NoSuchPlan")).isEqualTo(3);
            assertThat(err.toString()).contains("plan class com.example.NoSuchPlan not found on the class path; "
                    + "name its jar with --plan-jar");
        }
    }

    @Test
    void aWrongCommandLineExitsFourWithTheUsage() {
        int status = MigrationCli.run(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "verify", "--plan", "x");
        assertThat(status).isEqualTo(4);
        assertThat(err.toString()).contains("Missing required options").contains("--source-url");
    }

    @Test
    void passwordsComeFromTheEnvironmentAndNeverReachTheOutput() {
        try (TestDatabase source = source(Engine.POSTGRES); TestDatabase target = target(Engine.POSTGRES)) {
            List<String> args = List.of("verify", "--plan", ShopPlan.class.getName(),
                    "--source-url", source.jdbcUrl(), "--source-user", source.user(),
                    "--target-url", target.jdbcUrl(), "--target-user", target.user(),
                    "--evidence", evidence.toString(), "--progress", "off");
            int status = MigrationCli.run(Map.of("MS_SOURCE_PASSWORD", "wrong-secret", "MS_TARGET_PASSWORD", "wrong-secret"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    args.toArray(String[]::new));

            assertThat(status).isEqualTo(3);
            assertThat(out.toString() + err.toString()).doesNotContain("wrong-secret");
        }
    }
}
