package dev.migrationstudio.verify.internal;

import dev.migrationstudio.verify.ColumnDifference;
import dev.migrationstudio.verify.Discrepancy;
import dev.migrationstudio.verify.IntegrityCheck;
import dev.migrationstudio.verify.ParityResult;
import dev.migrationstudio.verify.TableVerification;
import dev.migrationstudio.verify.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows and cells that the Markdown and HTML renderings share, so both show the same facts in
 * the same order.
 */
final class ReportText {

    private ReportText() {
    }

    static String verdict(boolean passed) {
        return passed ? "PASSED" : "FAILED";
    }

    static List<String> overviewHeader() {
        return List.of("Source", "Target", "Result", "Source rows", "Loaded", "Filtered", "Quarantined", "Target rows",
                "Missing", "Extra", "Changed", "Integrity", "Time (ms)");
    }

    static List<String> overview(TableVerification table) {
        List<String> row = new ArrayList<>();
        row.add(table.source().toString());
        row.add(table.target().toString());
        row.add(verdict(table.passed()));
        row.add(table.rowCounts().map(c -> String.valueOf(c.sourceRows())).orElse(""));
        row.add(table.rowCounts().map(c -> String.valueOf(c.expectedLoaded())).orElse(""));
        row.add(table.rowCounts().map(c -> String.valueOf(c.filtered())).orElse(""));
        row.add(table.rowCounts().map(c -> c.expectedQuarantined()
                + (c.quarantinedByLoader() == 0 ? "" : " + " + c.quarantinedByLoader() + " by the loader")).orElse(""));
        row.add(table.rowCounts().map(c -> String.valueOf(c.targetRows())).orElse(""));
        boolean compared = table.checksums().isPresent();
        row.add(compared ? String.valueOf(table.missingRows()) : "");
        row.add(compared ? String.valueOf(table.extraRows()) : "");
        row.add(compared ? String.valueOf(table.changedRows()) : "");
        long failed = table.integrity().stream().filter(IntegrityCheck::failed).count();
        row.add(table.integrity().isEmpty() ? "" : failed == 0 ? table.integrity().size() + " passed"
                : failed + " failed");
        row.add(String.valueOf(table.duration().toMillis()));
        return row;
    }

    static List<String> checksumLines(TableVerification table) {
        List<String> lines = new ArrayList<>();
        table.rowCounts().ifPresent(c -> {
            lines.add("Row counts: " + c.describe());
            c.filteredByRule().forEach((rule, n) -> lines.add("Filtered by '" + rule + "': " + n));
            c.quarantineExamples().forEach(e -> lines.add("In quarantine: " + e));
        });
        table.checksums().ifPresent(c -> {
            lines.add("Checksums (" + c.method() + (c.pushdown() ? ", computed in the databases" : "") + "): source "
                    + c.sourceDigest() + "; target " + c.targetDigest() + (c.matches() ? " (equal)" : " (DIFFERENT)"));
            lines.add(c.chunks() + " chunks, " + c.chunksDiffering() + " differing, " + c.rangesBisected()
                    + " ranges bisected, " + c.rowsComparedIndividually() + " rows compared one by one");
        });
        table.sample().ifPresent(s -> lines.add("Sample: " + s.checked() + " of " + s.requested()
                + " rows checked (seed " + s.seed() + "), " + s.mismatches().size() + " mismatches"));
        if (!table.timings().isEmpty()) {
            lines.add("Timings: " + table.timings().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").collect(Collectors.joining(", ")));
        }
        return lines;
    }

    static List<String> discrepancyHeader() {
        return List.of("Kind", "Key", "Details");
    }

    static List<String> discrepancy(Discrepancy discrepancy) {
        String details;
        if (discrepancy instanceof Discrepancy.Changed) {
            details = ((Discrepancy.Changed) discrepancy).columns().stream().map(ColumnDifference::describe)
                    .collect(Collectors.joining("; "));
        } else if (discrepancy instanceof Discrepancy.Missing) {
            Discrepancy.Missing missing = (Discrepancy.Missing) discrepancy;
            details = "expected " + row(missing.expected()) + (missing.copies() > 1 ? " x" + missing.copies() : "");
        } else {
            Discrepancy.Extra extra = (Discrepancy.Extra) discrepancy;
            details = "found " + row(extra.actual()) + (extra.copies() > 1 ? " x" + extra.copies() : "");
        }
        return List.of(discrepancy.kind().name(), discrepancy.key().isEmpty() ? "(no key)" : discrepancy.keyText(),
                details);
    }

    private static String row(java.util.Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "="
                + dev.migrationstudio.verify.CanonicalValues.display(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
    }

    static List<String> integrityHeader() {
        return List.of("Check", "Name", "Columns", "Expected by", "Outcome", "Violations", "Details");
    }

    static List<String> integrity(IntegrityCheck check) {
        return List.of(check.kind().name(), check.name(), String.join(", ", check.columns()), check.expectedBy(),
                check.outcome().name(), String.valueOf(check.violations()), check.message());
    }

    static List<String> parityHeader() {
        return List.of("Check", "Result", "Order", "Source rows", "Target rows", "Differing", "First differences",
                "Time (ms)");
    }

    static List<String> parity(ParityResult result) {
        String details = result.error().orElse(result.firstDifferences().stream().limit(5)
                .map(ParityResult.Difference::describe).collect(Collectors.joining("\n")));
        return List.of(result.name(), verdict(result.passed()), result.ordered() ? "ordered" : "unordered",
                String.valueOf(result.sourceRows()), String.valueOf(result.targetRows()),
                String.valueOf(result.differingRows()), details, String.valueOf(result.duration().toMillis()));
    }

    static List<String> headerLines(VerificationReport report) {
        return List.of("Spec fingerprint: " + report.specFingerprint(), "Source: " + report.sourceEngine(),
                "Target: " + report.targetEngine(), "Started: " + report.startedAt() + ", took "
                        + report.duration().toMillis() + " ms", "Checks: " + String.join(", ", report.checks()));
    }
}
