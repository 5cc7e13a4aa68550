package dev.migrationstudio.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference a team picks today for MySQL or MariaDB to PostgreSQL: pgloader (Debian package
 * {@code pgloader}) run as its own process, moving one table with its schema (it creates the target
 * table itself: {@code include drop, create tables}), no mapping to a new design and no verification.
 * The command file holds the passwords, so it is written readable by its owner only and deleted after.
 */
final class PgloaderCopy {
    /** What pgloader prints when its runtime could not start, before it has connected to anything. */
    private static final String START_UP_FAILURE = "Failed to start the monitor thread";

    private PgloaderCopy() {
    }

    /** Why pgloader cannot run here; empty when it is on the PATH. */
    static Optional<String> unavailable() {
        return ServerCopies.unavailable("pgloader");
    }

    /** A copy of table {@code from} of a MariaDB database into table {@code to} of a PostgreSQL database. */
    static EngineBenchmark.Copy between(BenchDatabase source, BenchDatabase target) {
        BenchDatabase.Address from = source.address().orElseThrow();
        BenchDatabase.Address to = target.address().orElseThrow();
        return (s, t, fromTable, toTable) -> run(String.join("\n",
                "LOAD DATABASE",
                "  FROM mysql://" + credentials(from) + "@" + from.host() + ":" + from.port() + "/" + from.database(),
                "  INTO postgresql://" + credentials(to) + "@" + to.host() + ":" + to.port() + "/" + to.database(),
                "  WITH include drop, create tables, create indexes, reset sequences",
                "  INCLUDING ONLY TABLE NAMES MATCHING '" + fromTable + "'",
                "  ALTER SCHEMA '" + from.database() + "' RENAME TO 'public'",
                "  ALTER TABLE NAMES MATCHING '" + fromTable + "' RENAME TO '" + toTable + "';", ""), List.of(from, to));
    }

    private static String credentials(BenchDatabase.Address address) {
        return URLEncoder.encode(address.user(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(address.password(), StandardCharsets.UTF_8);
    }

    /** Runs pgloader on the command file; its output when it failed. */
    private static Optional<String> attempt(Path file) throws Exception {
        Process pgloader = new ProcessBuilder("pgloader", "--quiet", file.toString()).redirectErrorStream(true).start();
        String output = new String(pgloader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!pgloader.waitFor(30, TimeUnit.MINUTES) || pgloader.exitValue() != 0) {
            return Optional.of(output);
        }
        return Optional.empty();
    }

    private static void run(String commands, List<BenchDatabase.Address> addresses) throws Exception {
        Path file = Files.createTempFile("ms-pgloader", ".load",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, commands);
            Optional<String> failure = attempt(file);
            if (failure.isPresent() && failure.get().contains(START_UP_FAILURE)) {
                // SBCL, pgloader's runtime, now and then fails to start its monitor thread on a busy
                // machine, before any row moves: the tool's start-up, not the copy, so it is started again
                // (that second start-up counts in pgloader's time, to its disadvantage).
                System.out.println("pgloader did not start (" + START_UP_FAILURE + "); started again");
                failure = attempt(file);
            }
            if (failure.isPresent()) {
                String output = failure.get();
                for (BenchDatabase.Address address : addresses) {
                    output = output.replace(address.password(), "***");
                }
                throw new IllegalStateException("pgloader failed: " + output);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
