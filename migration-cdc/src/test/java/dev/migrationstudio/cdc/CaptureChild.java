package dev.migrationstudio.cdc;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.JdbcMigrator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Applies a slot's changes in a JVM of its own, so that a test can kill it with SIGKILL at any
 * point. Prints {@code BATCH n} after every committed batch and waits for a line on its input before
 * going on; {@code DONE} at the end.
 *
 * <p>Arguments: source URL, target URL, user (the same for both), slot, changes per batch; the
 * password comes in the environment variable MS_CHILD_PASSWORD.
 */
public final class CaptureChild {
    private CaptureChild() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String password = System.getenv("MS_CHILD_PASSWORD");
        JdbcMigrator migrator = JdbcMigrator.configure().source(args[0], args[2], password)
                .target(args[1], args[2], password).spec(CaptureFixture.spec()).onBadRow(BadRows.quarantine())
                .logProgress(false)
                .progress(p -> {
                    out.println("BATCH " + p.chunk());
                    try {
                        in.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .load();
        PostgresChangeCapture capture = PostgresChangeCapture.configure().source(args[0], args[2], password)
                .slot(args[3]).batchSize(Integer.parseInt(args[4])).build();
        CatchUpResult result = migrator.applyChanges(capture);
        out.println(result.isBalanced() ? "DONE" : "INCOMPLETE");
    }
}
