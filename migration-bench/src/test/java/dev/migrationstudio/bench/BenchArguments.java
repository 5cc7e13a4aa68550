package dev.migrationstudio.bench;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestServer;
import java.util.List;

/** The arguments that point a benchmark's main class at one engine of the test suite. */
final class BenchArguments {
    private BenchArguments() {
    }

    static List<String> engine(Engine engine) {
        if (engine == Engine.H2) {
            return List.of("--engines", "h2");
        }
        TestServer server = TestServer.postgres();
        return List.of("--engines", "postgres", "--pg-url", server.adminUrl(), "--pg-user", server.user(),
                "--pg-password", server.password());
    }

    /** The options that point a benchmark at the test MariaDB server (the setups are chosen with --engines). */
    static List<String> mariadbServer() {
        TestServer server = TestServer.mariadb();
        return List.of("--mariadb-url", server.adminUrl(), "--mariadb-user", server.user(), "--mariadb-password",
                server.password());
    }
}
