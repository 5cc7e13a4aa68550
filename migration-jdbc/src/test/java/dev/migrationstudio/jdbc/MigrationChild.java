package dev.migrationstudio.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A migration run in a JVM of its own, so that a test can kill it with SIGKILL at any point.
 * Prints {@code CHUNK n} after every committed chunk, then waits for a line on its input before going
 * on, so that it never runs more than a chunk ahead of the test that kills it; {@code DONE} at the end.
 *
 * <p>Arguments: source URL, target URL, user (the same for both), chunk size, and optionally
 * {@code catchup} to catch up instead of migrating or {@code passthrough} to migrate with
 * {@link ItemFixture#passthroughSpec()} or {@code java} to migrate with {@link ItemFixture#spec()} (either then
 * optionally with the writers per table); the password comes in the environment variable
 * MS_CHILD_PASSWORD.
 */
public final class MigrationChild {
    private MigrationChild() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        JdbcMigrator migrator = JdbcMigrator.configure()
                .source(args[0], args[2], System.getenv("MS_CHILD_PASSWORD"))
                .target(args[1], args[2], System.getenv("MS_CHILD_PASSWORD"))
                .spec(args.length > 4 && args[4].equals("passthrough") ? ItemFixture.passthroughSpec() : ItemFixture.spec())
                .chunkSize(Integer.parseInt(args[3])).batchSize(250)
                .writersPerTable(args.length > 5 ? Integer.parseInt(args[5]) : 1)
                .lease(Duration.ofMillis(600)).logProgress(false)
                .progress(p -> {
                    out.println("CHUNK " + p.chunk());
                    awaitGo(in);
                })
                .load();
        if (args.length > 4 && args[4].equals("catchup")) {
            CatchUpResult result = migrator.catchUp();
            out.println(result.isBalanced() ? "DONE" : "INCOMPLETE");
            return;
        }
        MigrationResult result = migrator.migrate();
        out.println(result.isComplete() ? "DONE" : "INCOMPLETE");
    }

    private static void awaitGo(BufferedReader in) {
        try {
            in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
