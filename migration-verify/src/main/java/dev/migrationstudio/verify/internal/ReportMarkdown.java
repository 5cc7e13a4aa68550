package dev.migrationstudio.verify.internal;

import dev.migrationstudio.verify.TableVerification;
import dev.migrationstudio.verify.VerificationReport;
import java.util.List;

/** The report as Markdown, for people and code review. */
public final class ReportMarkdown {

    private ReportMarkdown() {
    }

    /** Renders the report. */
    public static String render(VerificationReport report) {
        StringBuilder out = new StringBuilder("# Verification of `").append(report.specName()).append("`: ")
                .append(ReportText.verdict(report.passed())).append("\n\n");
        ReportText.headerLines(report).forEach(l -> out.append("- ").append(l).append('\n'));
        out.append('\n');
        List<String> failures = report.failures();
        if (!failures.isEmpty()) {
            out.append("## Failures\n\n");
            failures.forEach(f -> out.append("- ").append(f.replace("\n", " ")).append('\n'));
            out.append('\n');
        }
        out.append("## Tables\n\n");
        table(out, ReportText.overviewHeader(), report.tables().stream().map(ReportText::overview).toList());
        for (TableVerification table : report.tables()) {
            out.append("### `").append(table.source()).append("` -> `").append(table.target()).append("`: ")
                    .append(ReportText.verdict(table.passed())).append("\n\n");
            ReportText.checksumLines(table).forEach(l -> out.append("- ").append(l).append('\n'));
            table.errors().forEach(e -> out.append("- **Error:** ").append(e).append('\n'));
            out.append('\n');
            if (!table.discrepancies().isEmpty()) {
                out.append("Differing rows (").append(table.discrepancies().size()).append(" listed of ")
                        .append(table.differingRows()).append("):\n\n");
                table(out, ReportText.discrepancyHeader(), table.discrepancies().stream()
                        .map(ReportText::discrepancy).toList());
            }
            table.sample().filter(s -> !s.mismatches().isEmpty()).ifPresent(s -> {
                out.append("Sampled rows that differ:\n\n");
                table(out, ReportText.discrepancyHeader(), s.mismatches().stream().map(ReportText::discrepancy).toList());
            });
            if (!table.integrity().isEmpty()) {
                out.append("Integrity:\n\n");
                table(out, ReportText.integrityHeader(), table.integrity().stream().map(ReportText::integrity).toList());
            }
        }
        if (!report.parity().isEmpty()) {
            out.append("## Query parity\n\n");
            table(out, ReportText.parityHeader(), report.parity().stream().map(ReportText::parity).toList());
        }
        out.append("## Settings\n\n");
        report.settings().forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    private static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
        out.append('|');
        header.forEach(h -> out.append(' ').append(cell(h)).append(" |"));
        out.append("\n|");
        header.forEach(h -> out.append(" --- |"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append('|');
            row.forEach(c -> out.append(' ').append(cell(c)).append(" |"));
            out.append('\n');
        }
        out.append('\n');
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }

}
