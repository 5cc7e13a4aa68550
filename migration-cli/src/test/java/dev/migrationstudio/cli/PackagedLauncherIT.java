package dev.migrationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged launcher, {@code migration-cli-<version>-all.jar}, run as users run it: {@code java -jar}
 * in a process of its own, with the plan class in a jar of the user's and nothing else on the class
 * path. Runs after the package phase built it (the surefire execution {@code packaged-launcher}).
 */
@Tag("packaged-launcher")
class PackagedLauncherIT {
    private static Path launcher;

    @TempDir
    static Path work;

    @BeforeAll
    static void findTheLauncher() {
        String where = System.getProperty("migration.launcher");
        assertThat(where).as("system property migration.launcher, set by the build").isNotNull();
        launcher = Path.of(where);
        assertThat(launcher).as("the launcher is packaged before this test runs").exists();
    }

    /** The result of one run of the launcher. */
    private record Run(int status, String output) {
    }

    private static Run launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A user's jar holding only the plan classes: everything else comes from the launcher. */
    private static Path planJar() throws IOException {
        Path classes = Path.of(ShopPlan.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = work.resolve("shop-plan.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes.resolve("dev/migrationstudio/cli"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ShopPlan")).toList()) {
                out.putNextEntry(new JarEntry("dev/migrationstudio/cli/" + file.getFileName()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void theLauncherIsSelfContainedWithItsMainClassAndTheDrivers() throws Exception {
        try (JarFile jar = new JarFile(launcher.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(MigrationCli.class.getName());
            String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(drivers).contains("org.postgresql.Driver").contains("org.mariadb.jdbc.Driver")
                    .contains("org.h2.Driver");
        }
        Run help = launch(Map.of(), "--help");
        assertThat(help.status()).as(help.output()).isZero();
        assertThat(help.output()).contains("dry-run").contains("cutover").contains("Exit codes:");
    }

    /** H2 is left out: its in-memory databases live in this JVM, which the launcher's process cannot reach. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRES", "MARIADB"})
    void aPlanFromTheUsersJarMigratesAndVerifies(Engine engine) throws Exception {
        try (TestDatabase source = engine.create("launcher source"); TestDatabase target = engine.create("launcher target")) {
            source.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                    "INSERT INTO customer VALUES (1, 'Ann'), (2, 'Bob'), (3, 'test user')");
            target.execute("CREATE TABLE client (id INT PRIMARY KEY, full_name VARCHAR(40) NOT NULL)");
            Path evidence = work.resolve("evidence-" + engine);

            Run run = launch(Map.of("MS_SOURCE_PASSWORD", source.password(), "MS_TARGET_PASSWORD", target.password()),
                    "migrate", "--verify", "--plan-jar", planJar().toString(), "--plan", ShopPlan.class.getName(),
                    "--source-url", source.jdbcUrl(), "--source-user", source.user(),
                    "--target-url", target.jdbcUrl(), "--target-user", target.user(),
                    "--evidence", evidence.toString(), "--progress", "plain");

            assertThat(run.status()).as(run.output()).isZero();
            assertThat(target.queryValue("SELECT COUNT(*) FROM client")).hasToString("2");
            assertThat(evidence.resolve("verification.md")).exists();
        }
    }
}
