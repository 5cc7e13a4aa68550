package dev.migrationstudio.report.internal;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.migrationstudio.report.Block;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Text;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link Doc} as one self-contained HTML page: inline styles, no scripts, nothing loaded
 * from elsewhere, so it can be archived and opened offline. The one HTML escaper of the library.
 */
public final class HtmlWriter {
    private static final Escaper HTML = HtmlEscapers.htmlEscaper();
    /** Cells that hold only one of these words are coloured, so a reviewer's eye finds them. */
    private static final Set<String> GOOD = Set.of("PASSED", "GO", "COMPLETED", "SUCCEEDED");
    private static final Set<String> BAD = Set.of("FAILED", "NOT PASSED", "NO_GO", "NO", "BLOCKER", "ROLLED_BACK",
            "ROLLBACK_FAILED", "HALTED");
    private static final Set<String> ATTENTION = Set.of("WARNING", "MANUAL", "PLANNED");
    private static final String STYLE = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;"
            + "margin:2rem auto;max-width:90rem;padding:0 1rem;color:#1b1f24;line-height:1.45}"
            + "h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}h3{margin-top:1.5rem}"
            + "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}"
            + "th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}"
            + "th{background:#f6f8fa}tbody tr:nth-child(even){background:#fbfcfd}"
            + ".good{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}"
            + ".attention{color:#9a6700;font-weight:600}ul,ol{padding-left:1.4rem}"
            + "code{background:#f6f8fa;padding:0 .2rem;border-radius:3px}"
            + "pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;border-radius:4px}pre code{padding:0}";

    private HtmlWriter() {
    }

    /** The document as an HTML page. */
    public static String write(Doc doc) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(doc.title())).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(doc.title())).append("</h1>\n");
        blocks(out, doc.body(), 2);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void blocks(StringBuilder out, List<Block> blocks, int level) {
        for (Block block : blocks) {
            if (block instanceof Block.Section) {
                Block.Section section = (Block.Section) block;
                int h = Math.min(level, 6);
                out.append("<section>\n<h").append(h).append('>').append(inline(section.heading()))
                        .append("</h").append(h).append(">\n");
                blocks(out, section.blocks(), level + 1);
                out.append("</section>\n");
            } else if (block instanceof Block.Paragraph) {
                out.append("<p>").append(inline(((Block.Paragraph) block).text())).append("</p>\n");
            } else if (block instanceof Block.Items) {
                Block.Items items = (Block.Items) block;
                String tag = items.numbered() ? "ol" : "ul";
                out.append('<').append(tag).append(">\n");
                items.items().forEach(i -> out.append("<li>").append(inline(i)).append("</li>\n"));
                out.append("</").append(tag).append(">\n");
            } else if (block instanceof Block.Table) {
                table(out, (Block.Table) block);
            } else {
                Block.Code code = (Block.Code) block;
                out.append("<pre><code class=\"language-").append(escape(code.language())).append("\">")
                        .append(escape(code.text())).append("</code></pre>\n");
            }
        }
    }

    private static void table(StringBuilder out, Block.Table table) {
        out.append("<table>\n<thead><tr>");
        table.header().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<Text> row : table.rows()) {
            out.append("<tr>");
            for (Text cell : row) {
                String plain = cell.plainText().trim();
                String css = GOOD.contains(plain) ? "good" : BAD.contains(plain) ? "bad"
                        : ATTENTION.contains(plain) ? "attention" : "";
                out.append(css.isEmpty() ? "<td>" : "<td class=\"" + css + "\">").append(inline(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String inline(Text text) {
        StringBuilder out = new StringBuilder();
        for (Text.Span span : text.spans()) {
            String escaped = escape(span.text());
            switch (span.style()) {
                case CODE:
                    out.append("<code>").append(escaped).append("</code>");
                    break;
                case STRONG:
                    out.append("<strong>").append(escaped).append("</strong>");
                    break;
                case LINK:
                    out.append("<a href=\"").append(escape(span.target())).append("\">").append(escaped).append("</a>");
                    break;
                default:
                    out.append(escaped);
            }
        }
        return out.toString();
    }

    /**
     * Text as HTML: {@code & < > " '} as character references, line breaks as {@code <br>}.
     */
    public static String escape(String text) {
        return HTML.escape(text).replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>");
    }
}
