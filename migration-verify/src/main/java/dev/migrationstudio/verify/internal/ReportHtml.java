package dev.migrationstudio.verify.internal;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.migrationstudio.verify.TableVerification;
import dev.migrationstudio.verify.VerificationReport;
import java.util.List;

/** The report as one self-contained HTML page: inline styles, no scripts, no external assets. */
public final class ReportHtml {
    private static final Escaper HTML = HtmlEscapers.htmlEscaper();
    private static final String STYLE = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;"
            + "margin:2rem;color:#1b1f24;line-height:1.4}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid"
            + " #d0d7de}h3{margin-top:1.5rem}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}"
            + "th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}"
            + "th{background:#f6f8fa}.PASSED{color:#1a7f37;font-weight:600}.FAILED{color:#cf222e;font-weight:600}"
            + ".WARNING{color:#9a6700;font-weight:600}.badge{padding:.1rem .5rem;border-radius:1rem;color:#fff}"
            + ".badge.PASSED{background:#1a7f37}.badge.FAILED{background:#cf222e}ul{padding-left:1.2rem}"
            + "code{background:#f6f8fa;padding:0 .2rem}";

    private ReportHtml() {
    }

    /** Renders the report. */
    public static String render(VerificationReport report) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(e("Verification of " + report.specName())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        String verdict = ReportText.verdict(report.passed());
        out.append("<h1>Verification of <code>").append(e(report.specName())).append("</code> <span class=\"badge ")
                .append(verdict).append("\">").append(verdict).append("</span></h1>\n<ul>");
        ReportText.headerLines(report).forEach(l -> out.append("<li>").append(e(l)).append("</li>"));
        out.append("</ul>\n");
        List<String> failures = report.failures();
        if (!failures.isEmpty()) {
            out.append("<h2>Failures</h2><ul>");
            failures.forEach(f -> out.append("<li class=\"FAILED\">").append(e(f)).append("</li>"));
            out.append("</ul>\n");
        }
        out.append("<h2>Tables</h2>\n");
        table(out, ReportText.overviewHeader(), report.tables().stream().map(ReportText::overview).toList());
        for (TableVerification table : report.tables()) {
            String tableVerdict = ReportText.verdict(table.passed());
            out.append("<h3 id=\"").append(e(table.target().toString())).append("\"><code>").append(e(table.source().toString()))
                    .append("</code> &rarr; <code>").append(e(table.target().toString())).append("</code> <span class=\"")
                    .append(tableVerdict).append("\">").append(tableVerdict).append("</span></h3>\n<ul>");
            ReportText.checksumLines(table).forEach(l -> out.append("<li>").append(e(l)).append("</li>"));
            table.errors().forEach(err -> out.append("<li class=\"FAILED\">Error: ").append(e(err)).append("</li>"));
            out.append("</ul>\n");
            if (!table.discrepancies().isEmpty()) {
                out.append("<p>Differing rows (").append(table.discrepancies().size()).append(" listed of ")
                        .append(table.differingRows()).append("):</p>\n");
                table(out, ReportText.discrepancyHeader(), table.discrepancies().stream()
                        .map(ReportText::discrepancy).toList());
            }
            table.sample().filter(s -> !s.mismatches().isEmpty()).ifPresent(s -> {
                out.append("<p>Sampled rows that differ:</p>\n");
                table(out, ReportText.discrepancyHeader(), s.mismatches().stream().map(ReportText::discrepancy).toList());
            });
            if (!table.integrity().isEmpty()) {
                out.append("<p>Integrity:</p>\n");
                table(out, ReportText.integrityHeader(), table.integrity().stream().map(ReportText::integrity).toList());
            }
        }
        if (!report.parity().isEmpty()) {
            out.append("<h2>Query parity</h2>\n");
            table(out, ReportText.parityHeader(), report.parity().stream().map(ReportText::parity).toList());
        }
        out.append("<h2>Settings</h2><ul>");
        report.settings().forEach((k, v) -> out.append("<li>").append(e(k)).append(": ").append(e(v)).append("</li>"));
        out.append("</ul>\n</body></html>\n");
        return out.toString();
    }

    private static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
        out.append("<table><thead><tr>");
        header.forEach(h -> out.append("<th>").append(e(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                boolean outcome = cell.equals("PASSED") || cell.equals("FAILED") || cell.equals("WARNING");
                out.append(outcome ? "<td class=\"" + cell + "\">" : "<td>").append(e(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static String e(String text) {
        return HTML.escape(text);
    }
}
