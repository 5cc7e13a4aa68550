package dev.migrationstudio.examples;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.DocumentFormat;
import java.nio.file.Path;

/**
 * The main job: builds a migration plan and writes its evidence pack.
 *
 * <p>Usage: {@code ChinookExample [--out DIR]} (default: {@code target/evidence}).
 */
public final class ChinookExample {

    private ChinookExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Path out = Path.of(option(args, "--out", "target/evidence"));
        MigrationPlan plan = QuickStartPlan.plan();
        Path index = plan.evidencePack().writeTo(out);
        for (Document document : plan.evidencePack().documents()) {
            if (document.format() == DocumentFormat.MARKDOWN) {
                System.out.println(document.content());
            }
        }
        System.out.println("Evidence pack written to " + index.toAbsolutePath());
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
