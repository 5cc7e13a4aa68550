package dev.migrationstudio.verify.internal;

import com.google.common.io.BaseEncoding;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.Blocks;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Text;
import dev.migrationstudio.verify.CanonicalValues;
import dev.migrationstudio.verify.ColumnDifference;
import dev.migrationstudio.verify.Discrepancy;
import dev.migrationstudio.verify.IntegrityCheck;
import dev.migrationstudio.verify.ParityResult;
import dev.migrationstudio.verify.TableVerification;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.replay.Latency;
import dev.migrationstudio.verify.replay.ReplayResult;
import dev.migrationstudio.verify.replay.RewrittenQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verification report as one document: for people the verdict, the failures, a table per
 * check and the differing rows by key; for tools the same facts as a tree whose values keep their
 * JSON type where they have one.
 */
public final class ReportDoc {

    private ReportDoc() {
    }

    /** The document. */
    public static Doc of(VerificationReport report) {
        return Doc.of("Verification of " + report.specName() + ": " + report.verdict(), tree(report), body -> {
            body.bullets(List.of(Text.of("Spec fingerprint: ").andCode(report.specFingerprint()),
                    "Source: " + report.sourceEngine(), "Target: " + report.targetEngine(),
                    "Started: " + Formats.time(report.startedAt()) + ", took " + Formats.duration(report.duration()),
                    "Checks: " + String.join(", ", report.checks())));
            List<String> failures = report.failures();
            if (!failures.isEmpty()) {
                body.section("Failures (" + failures.size() + ")", s -> s.bullets(failures));
            }
            body.section("Tables", s -> {
                s.table(List.of("Source", "Target", "Result", "Source rows", "Loaded", "Filtered", "Quarantined",
                        "Target rows", "Missing", "Extra", "Changed", "Integrity", "Time"),
                        report.tables().stream().map(ReportDoc::overview).toList());
                report.tables().forEach(t -> s.section(Text.code(t.source().toString()).and(" -> ")
                        .andCode(t.target().toString()).and(": " + verdict(t.passed())), d -> tableDetail(d, t)));
            });
            if (!report.parity().isEmpty()) {
                body.section("Query parity", s -> s.table(List.of("Check", "Result", "Order", "Source rows",
                        "Target rows", "Differing", "First differences", "Time"),
                        report.parity().stream().map(ReportDoc::parityRow).toList()));
            }
            if (!report.replays().isEmpty()) {
                body.section("Query replay", s -> replaySection(s, report));
            }
            body.section("Settings", s -> s.bullets(report.settings().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        });
    }

    private static String verdict(boolean passed) {
        return passed ? "PASSED" : "FAILED";
    }

    private static List<Object> overview(TableVerification table) {
        List<Object> row = new ArrayList<>();
        row.add(Text.code(table.source().toString()));
        row.add(Text.code(table.target().toString()));
        row.add(verdict(table.passed()));
        row.add(table.rowCounts().map(c -> Formats.count(c.sourceRows())).orElse(""));
        row.add(table.rowCounts().map(c -> Formats.count(c.expectedLoaded())).orElse(""));
        row.add(table.rowCounts().map(c -> Formats.count(c.filtered())).orElse(""));
        row.add(table.rowCounts().map(c -> Formats.count(c.expectedQuarantined()) + (c.quarantinedByLoader() == 0 ? ""
                : " + " + Formats.count(c.quarantinedByLoader()) + " by the loader")).orElse(""));
        row.add(table.rowCounts().map(c -> Formats.count(c.targetRows())).orElse(""));
        boolean compared = table.checksums().isPresent();
        row.add(compared ? Formats.count(table.missingRows()) : "");
        row.add(compared ? Formats.count(table.extraRows()) : "");
        row.add(compared ? Formats.count(table.changedRows()) : "");
        long failed = table.integrity().stream().filter(IntegrityCheck::failed).count();
        row.add(table.integrity().isEmpty() ? "" : failed == 0 ? table.integrity().size() + " passed"
                : failed + " failed");
        row.add(Formats.duration(table.duration()));
        return row;
    }

    private static void tableDetail(Blocks out, TableVerification table) {
        List<String> lines = new ArrayList<>();
        table.rowCounts().ifPresent(c -> {
            lines.add("Row counts: " + c.describe());
            c.filteredByRule().forEach((rule, n) -> lines.add("Filtered by '" + rule + "': " + Formats.count(n)));
            c.quarantineExamples().forEach(e -> lines.add("In quarantine: " + e));
        });
        table.checksums().ifPresent(c -> {
            lines.add("Checksums (" + c.method() + (c.pushdown() ? ", computed in the databases" : "") + "): source "
                    + c.sourceDigest() + "; target " + c.targetDigest() + (c.matches() ? " (equal)" : " (DIFFERENT)"));
            lines.add(Formats.plural(c.chunks(), "chunk") + ", " + c.chunksDiffering() + " differing, "
                    + Formats.plural(c.rangesBisected(), "range") + " bisected, "
                    + Formats.plural(c.rowsComparedIndividually(), "row") + " compared one by one");
        });
        table.sample().ifPresent(s -> lines.add("Sample: " + s.checked() + " of " + Formats.plural(s.requested(), "row")
                + " checked (seed " + s.seed() + "), " + Formats.plural(s.mismatches().size(), "mismatch", "mismatches")));
        if (!table.timings().isEmpty()) {
            lines.add("Timings: " + table.timings().entrySet().stream()
                    .map(e -> e.getKey() + " " + Formats.duration(e.getValue())).collect(Collectors.joining(", ")));
        }
        List<Text> items = new ArrayList<>();
        lines.forEach(l -> items.add(Text.of(l)));
        table.errors().forEach(e -> items.add(Text.strong("Error:").and(" " + e)));
        out.bullets(items);
        List<String> header = List.of("Kind", "Key", "Details");
        if (!table.discrepancies().isEmpty()) {
            out.paragraph("Differing rows (" + table.discrepancies().size() + " listed of "
                    + Formats.count(table.differingRows()) + "):")
                    .table(header, table.discrepancies().stream().map(ReportDoc::discrepancyRow).toList());
        }
        table.sample().filter(s -> !s.mismatches().isEmpty()).ifPresent(s -> out
                .paragraph("Sampled rows that differ (" + s.mismatches().size() + "):")
                .table(header, s.mismatches().stream().map(ReportDoc::discrepancyRow).toList()));
        if (!table.integrity().isEmpty()) {
            out.paragraph("Integrity checks (" + table.integrity().size() + "):").table(
                    List.of("Check", "Name", "Columns", "Expected by", "Outcome", "Violations", "Details"),
                    table.integrity().stream().map(c -> List.of(c.kind().name(), c.name(), String.join(", ", c.columns()),
                            c.expectedBy(), c.outcome().name(), Formats.count(c.violations()), c.message())).toList());
        }
    }

    private static List<Object> discrepancyRow(Discrepancy discrepancy) {
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

    private static String row(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + CanonicalValues.display(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static List<Object> parityRow(ParityResult result) {
        String details = result.error().orElse(result.firstDifferences().stream().limit(5)
                .map(ParityResult.Difference::describe).collect(Collectors.joining("\n")));
        return List.of(result.name(), verdict(result.passed()), result.ordered() ? "ordered" : "unordered",
                Formats.count(result.sourceRows()), Formats.count(result.targetRows()),
                Formats.count(result.differingRows()), details, Formats.duration(result.duration()));
    }

    private static void replaySection(Blocks section, VerificationReport report) {
        section.paragraph("Each captured query ran on both sides in a read-only transaction: results compared, "
                + "then timed; p50 and p95 are over the timed runs.");
        section.table(List.of("Query", "Replay", "Result", "Source p50 / p95", "Target p50 / p95", "Ratio (p95)",
                "Finding"), report.replays().stream().map(ReportDoc::replayRow).toList());
        List<String> findings = report.performanceFindings();
        if (!findings.isEmpty()) {
            section.section("Performance findings (" + findings.size() + ")", s -> s.bullets(findings));
        }
        section.section("Rewrites", s -> report.replays().forEach(r -> {
            RewrittenQuery rewrite = r.rewrite();
            s.paragraph(Text.of(r.name() + ": " + rewrite.status()
                    + (rewrite.reason().isEmpty() ? "" : ": " + rewrite.reason())));
            s.code("sql", rewrite.query().sql()
                    + rewrite.targetSql().map(t -> "\n-- on the target:\n" + t).orElse(""));
            if (!rewrite.notes().isEmpty()) {
                s.bullets(rewrite.notes());
            }
        }));
    }

    private static List<Object> replayRow(ReplayResult result) {
        String outcome = result.results().map(p -> p.error().map(e -> "could not compare: " + e)
                .orElse(p.passed() ? "same " + Formats.count(p.sourceRows()) + " rows"
                        : Formats.count(p.differingRows()) + " differing rows")).orElse(result.rewrite().reason());
        return List.of(result.name(), result.rewrite().status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                outcome,
                result.source().map(ReportDoc::latency).orElse(""), result.target().map(ReportDoc::latency).orElse(""),
                result.ratio().map(r -> String.format(Locale.ROOT, "%.2fx", r)).orElse(""),
                String.join("; ", java.util.stream.Stream.of(result.performance(), result.plan())
                        .flatMap(Optional::stream).toList()));
    }

    private static String latency(Latency latency) {
        return Formats.duration(latency.p50()) + " / " + Formats.duration(latency.p95());
    }

    private static Map<String, Object> replay(ReplayResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        RewrittenQuery rewrite = result.rewrite();
        map.put("name", result.name());
        map.put("status", rewrite.status().name());
        map.put("sourceSql", rewrite.query().sql());
        map.put("targetSql", rewrite.targetSql().orElse(null));
        map.put("reason", rewrite.reason().isEmpty() ? null : rewrite.reason());
        map.put("notes", rewrite.notes());
        map.put("calls", rewrite.query().calls());
        map.put("results", result.results().map(ReportDoc::parity).orElse(null));
        map.put("source", result.source().map(ReportDoc::latencyTree).orElse(null));
        map.put("target", result.target().map(ReportDoc::latencyTree).orElse(null));
        map.put("ratio", result.ratio().orElse(null));
        map.put("performance", result.performance().orElse(null));
        map.put("plan", result.plan().orElse(null));
        return map;
    }

    private static Map<String, Object> latencyTree(Latency latency) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("p50Micros", latency.p50().toNanos() / 1_000);
        map.put("p95Micros", latency.p95().toNanos() / 1_000);
        map.put("runs", latency.runs());
        return map;
    }

    /** The report as maps and lists. */
    private static Map<String, Object> tree(VerificationReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", report.specName());
        root.put("specFingerprint", report.specFingerprint());
        root.put("passed", report.passed());
        root.put("source", report.sourceEngine());
        root.put("target", report.targetEngine());
        root.put("startedAt", report.startedAt());
        root.put("durationMillis", report.duration().toMillis());
        root.put("checks", report.checks());
        root.put("settings", report.settings());
        root.put("failures", report.failures());
        root.put("tables", report.tables().stream().map(ReportDoc::table).toList());
        root.put("parity", report.parity().stream().map(ReportDoc::parity).toList());
        root.put("replays", report.replays().stream().map(ReportDoc::replay).toList());
        return root;
    }

    private static Map<String, Object> table(TableVerification table) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", table.source().toString());
        map.put("target", table.target().toString());
        map.put("passed", table.passed());
        map.put("keyless", table.keyless());
        table.rowCounts().ifPresent(c -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("sourceRows", c.sourceRows());
            counts.put("expectedLoaded", c.expectedLoaded());
            counts.put("filteredByRule", c.filteredByRule());
            counts.put("expectedQuarantined", c.expectedQuarantined());
            counts.put("quarantinedByLoader", c.quarantinedByLoader());
            counts.put("quarantineExamples", c.quarantineExamples());
            counts.put("targetRows", c.targetRows());
            counts.put("difference", c.difference());
            map.put("rowCounts", counts);
        });
        table.checksums().ifPresent(c -> {
            Map<String, Object> checksums = new LinkedHashMap<>();
            checksums.put("method", c.method());
            checksums.put("sourceDigest", c.sourceDigest());
            checksums.put("targetDigest", c.targetDigest());
            checksums.put("matches", c.matches());
            checksums.put("chunks", c.chunks());
            checksums.put("chunksDiffering", c.chunksDiffering());
            checksums.put("rangesBisected", c.rangesBisected());
            checksums.put("rowsComparedIndividually", c.rowsComparedIndividually());
            checksums.put("pushdown", c.pushdown());
            map.put("checksums", checksums);
        });
        map.put("missingRows", table.missingRows());
        map.put("extraRows", table.extraRows());
        map.put("changedRows", table.changedRows());
        map.put("discrepancies", table.discrepancies().stream().map(ReportDoc::discrepancy).toList());
        table.sample().ifPresent(s -> {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("requested", s.requested());
            sample.put("checked", s.checked());
            sample.put("seed", s.seed());
            sample.put("mismatches", s.mismatches().stream().map(ReportDoc::discrepancy).toList());
            map.put("sample", sample);
        });
        map.put("integrity", table.integrity().stream().map(ReportDoc::integrity).toList());
        map.put("errors", table.errors());
        Map<String, Object> timings = new LinkedHashMap<>();
        table.timings().forEach((phase, duration) -> timings.put(phase, duration.toMillis()));
        map.put("timingsMillis", timings);
        return map;
    }

    private static Map<String, Object> discrepancy(Discrepancy discrepancy) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", discrepancy.kind().name());
        map.put("table", discrepancy.table().toString());
        map.put("key", values(discrepancy.key()));
        if (discrepancy instanceof Discrepancy.Changed) {
            List<Map<String, Object>> columns = new ArrayList<>();
            for (ColumnDifference column : ((Discrepancy.Changed) discrepancy).columns()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("column", column.column());
                c.put("expected", value(column.expected()));
                c.put("actual", value(column.actual()));
                columns.add(c);
            }
            map.put("columns", columns);
        } else if (discrepancy instanceof Discrepancy.Missing) {
            map.put("expected", values(((Discrepancy.Missing) discrepancy).expected()));
            map.put("copies", ((Discrepancy.Missing) discrepancy).copies());
        } else {
            map.put("actual", values(((Discrepancy.Extra) discrepancy).actual()));
            map.put("copies", ((Discrepancy.Extra) discrepancy).copies());
        }
        map.put("description", discrepancy.describe());
        return map;
    }

    private static Map<String, Object> integrity(IntegrityCheck check) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", check.kind().name());
        map.put("name", check.name());
        map.put("columns", check.columns());
        map.put("expectedBy", check.expectedBy());
        map.put("outcome", check.outcome().name());
        map.put("violations", check.violations());
        map.put("examples", check.examples().stream().map(ReportDoc::values).toList());
        map.put("message", check.message());
        return map;
    }

    private static Map<String, Object> parity(ParityResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", result.name());
        map.put("passed", result.passed());
        map.put("ordered", result.ordered());
        map.put("sourceRows", result.sourceRows());
        map.put("targetRows", result.targetRows());
        map.put("differingRows", result.differingRows());
        map.put("error", result.error().orElse(null));
        map.put("firstDifferences", result.firstDifferences().stream().map(d -> {
            Map<String, Object> difference = new LinkedHashMap<>();
            difference.put("position", d.position());
            difference.put("source", d.sourceRow().map(r -> r.stream().map(ReportDoc::value).toList()).orElse(null));
            difference.put("target", d.targetRow().map(r -> r.stream().map(ReportDoc::value).toList()).orElse(null));
            return difference;
        }).toList());
        map.put("durationMillis", result.duration().toMillis());
        return map;
    }

    private static Map<String, Object> values(Map<String, Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, value(v)));
        return map;
    }

    private static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? value : value.toString();
        }
        if (value instanceof byte[]) {
            return "\\x" + BaseEncoding.base16().lowerCase().encode((byte[]) value);
        }
        return value.toString();
    }
}
