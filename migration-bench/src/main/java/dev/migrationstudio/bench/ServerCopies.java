package dev.migrationstudio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The two references of a PostgreSQL to PostgreSQL copy with no JVM in the data path: the physical
 * limit ({@code COPY (SELECT ...) TO STDOUT} of one psql piped into {@code COPY ... FROM STDIN} of
 * another: no row decoded anywhere) and pgcopydb {@code clone} (Debian package {@code pgcopydb}),
 * which copies the table, then builds its primary key index. Passwords go through PGPASSWORD, never
 * on a command line.
 */
final class ServerCopies {
    private static final String COLUMNS = "id, name, amount, created";

    private ServerCopies() {
    }

    /**
     * Why a reference tool (a Debian package of the same name, which scripts/bench installs when
     * missing) cannot run here; empty when {@code <tool> --version} works.
     */
    static Optional<String> unavailable(String tool) {
        try {
            Process version = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0 ? Optional.empty()
                    : Optional.of("'" + tool + " --version' failed");
        } catch (IOException e) {
            return Optional.of(tool + " is not installed (Debian package '" + tool + "'; scripts/bench installs it)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** One psql's COPY TO STDOUT piped into another's COPY FROM STDIN. */
    static EngineBenchmark.Copy pipe(BenchDatabase source, BenchDatabase target) {
        BenchDatabase.Address from = source.address().orElseThrow();
        BenchDatabase.Address to = target.address().orElseThrow();
        return (s, t, fromTable, toTable) -> run(List.of("bash", "-c", "set -o pipefail; "
                + "psql -X -q -v ON_ERROR_STOP=1 -h " + from.host() + " -p " + from.port() + " -U " + from.user()
                + " -d " + from.database() + " -c 'COPY (SELECT " + COLUMNS + " FROM " + fromTable + ") TO STDOUT'"
                + " | psql -X -q -v ON_ERROR_STOP=1 -h " + to.host() + " -p " + to.port() + " -U " + to.user()
                + " -d " + to.database() + " -c 'COPY " + toTable + " (" + COLUMNS + ") FROM STDIN'"), from);
    }

    /**
     * pgcopydb clone of the one table (with its primary key, built after the copy; two table jobs and
     * two index jobs), then renamed to the target table the benchmark counts.
     */
    static EngineBenchmark.Copy pgcopydb(BenchDatabase source, BenchDatabase target) {
        BenchDatabase.Address from = source.address().orElseThrow();
        BenchDatabase.Address to = target.address().orElseThrow();
        return (s, t, fromTable, toTable) -> {
            Path dir = Files.createTempDirectory("ms-pgcopydb");
            try {
                Path filters = dir.resolve("filters.ini");
                Files.writeString(filters, "[include-only-table]\npublic." + fromTable + "\n");
                try (Connection c = t.getConnection(); Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + toTable);
                    st.execute("DROP TABLE IF EXISTS " + fromTable);
                }
                run(List.of("pgcopydb", "clone", "--source", uri(from), "--target", uri(to), "--dir",
                        dir.resolve("work").toString(), "--table-jobs", "2", "--index-jobs", "2", "--filters",
                        filters.toString(), "--no-owner", "--no-acl", "--no-comments", "--skip-extensions",
                        "--skip-large-objects"), from);
                try (Connection c = t.getConnection(); Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE " + fromTable + " RENAME TO " + toTable);
                }
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        };
    }

    private static String uri(BenchDatabase.Address address) {
        return "postgres://" + address.user() + "@" + address.host() + ":" + address.port() + "/" + address.database();
    }

    private static void run(List<String> command, BenchDatabase.Address address) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Both databases are on one server, with one account.
        builder.environment().putAll(Map.of("PGPASSWORD", address.password()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + output.replace(address.password(), "***"));
        }
    }
}
