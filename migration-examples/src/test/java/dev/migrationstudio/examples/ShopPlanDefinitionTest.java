package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.cli.MigrationCli;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's command-line plan, run by the command line on every engine. */
class ShopPlanDefinitionTest {

    @TempDir
    Path evidence;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theCommandLineRunsEveryStageOfTheShopPlan(Engine engine) {
        try (TestDatabase legacy = engine.create("cli shop"); TestDatabase v2 = engine.create("cli shop v2")) {
            MigrateExampleTest.createShop(legacy, v2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            for (String command : new String[] {"dry-run", "migrate", "verify", "rehearse", "cutover"}) {
                int status = MigrationCli.run(Map.of("MS_SOURCE_PASSWORD", legacy.password(),
                                "MS_TARGET_PASSWORD", v2.password()),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                        command, "--plan", ShopPlanDefinition.class.getName(),
                        "--source-url", legacy.jdbcUrl(), "--source-user", legacy.user(),
                        "--target-url", v2.jdbcUrl(), "--target-user", v2.user(), "--evidence", evidence.toString());
                assertThat(status).as(command + ": " + out).isZero();
            }
            assertThat(v2.queryValue("SELECT COUNT(*) FROM client")).hasToString("2");
            assertThat(evidence.resolve("rehearsal.md")).exists();
        }
    }

    @Test
    void theReadmeShowsThePlanAsCompiled() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/migrationstudio/examples/ShopPlanDefinition.java"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(ReadmeSnippets.region(source, "cli-plan"));
    }
}
