package dev.migrationstudio.report.internal;

import dev.migrationstudio.report.Block;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Text;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link Doc} as CommonMark with GitHub tables. The one Markdown escaper of the library:
 * a value is always shown as the text it is, never read as markup.
 */
public final class MarkdownWriter {
    private static final Pattern ENTITY = Pattern.compile("&(#?[A-Za-z0-9]+;)");
    private static final Pattern ORDERED_ITEM = Pattern.compile("(\\d{1,9})[.)](\\s|$)");
    private static final Pattern LONGEST_TICKS = Pattern.compile("`+");

    private MarkdownWriter() {
    }

    /** The document as Markdown. */
    public static String write(Doc doc) {
        StringBuilder out = new StringBuilder("# ").append(escape(doc.title())).append("\n\n");
        blocks(out, doc.body(), 2);
        return out.toString();
    }

    private static void blocks(StringBuilder out, List<Block> blocks, int level) {
        for (Block block : blocks) {
            if (block instanceof Block.Section) {
                Block.Section section = (Block.Section) block;
                out.append("#".repeat(Math.min(level, 6))).append(' ').append(inline(section.heading(), false))
                        .append("\n\n");
                blocks(out, section.blocks(), level + 1);
            } else if (block instanceof Block.Paragraph) {
                out.append(startOfLine(inline(((Block.Paragraph) block).text(), false))).append("\n\n");
            } else if (block instanceof Block.Items) {
                Block.Items items = (Block.Items) block;
                for (int i = 0; i < items.items().size(); i++) {
                    out.append(items.numbered() ? (i + 1) + ". " : "- ").append(inline(items.items().get(i), false))
                            .append('\n');
                }
                out.append('\n');
            } else if (block instanceof Block.Table) {
                table(out, (Block.Table) block);
            } else {
                Block.Code code = (Block.Code) block;
                String fence = "`".repeat(Math.max(3, longestRun(code.text()) + 1));
                out.append(fence).append(code.language()).append('\n').append(code.text());
                if (!code.text().endsWith("\n")) {
                    out.append('\n');
                }
                out.append(fence).append("\n\n");
            }
        }
    }

    private static void table(StringBuilder out, Block.Table table) {
        out.append('|');
        table.header().forEach(h -> out.append(' ').append(escape(h)).append(" |"));
        out.append("\n|");
        table.header().forEach(h -> out.append(" --- |"));
        out.append('\n');
        for (List<Text> row : table.rows()) {
            out.append('|');
            row.forEach(cell -> out.append(' ').append(cell.isBlank() ? "-" : inline(cell, true)).append(" |"));
            out.append('\n');
        }
        out.append('\n');
    }

    /** A text's runs, each escaped for its style; {@code inTable} also keeps code spans from ending a cell. */
    static String inline(Text text, boolean inTable) {
        StringBuilder out = new StringBuilder();
        for (Text.Span span : text.spans()) {
            switch (span.style()) {
                case CODE:
                    out.append(code(span.text(), inTable));
                    break;
                case STRONG:
                    out.append("**").append(escape(span.text())).append("**");
                    break;
                case LINK:
                    out.append('[').append(escape(span.text())).append("](")
                            .append(span.target().replace(" ", "%20").replace("(", "%28").replace(")", "%29"))
                            .append(')');
                    break;
                default:
                    out.append(escape(span.text()));
            }
        }
        return out.toString();
    }

    /**
     * Plain text as Markdown: characters that would start markup ({@code \ ` * _ [ ] < |}) are
     * backslash-escaped, an {@code &} that would start an entity is written {@code &amp;}, and line
     * breaks become {@code <br>} so that a value stays in its paragraph, list item or table cell.
     * {@code >} and {@code "} need nothing outside the start of a line.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\': case '`': case '*': case '[': case ']': case '<': case '|':
                    out.append('\\').append(c);
                    break;
                case '_':
                    // A run of underscores inside a word (customer_id) or standing alone (a line to sign
                    // on) is text; at one edge of a word it would open or close emphasis.
                    int end = i;
                    while (end < text.length() && text.charAt(end) == '_') {
                        end++;
                    }
                    boolean before = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
                    boolean after = end < text.length() && Character.isLetterOrDigit(text.charAt(end));
                    out.append((before == after ? "_" : "\\_").repeat(end - i));
                    i = end - 1;
                    break;
                case '\r':
                    out.append("<br>");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    break;
                case '\n':
                    out.append("<br>");
                    break;
                default:
                    out.append(c);
            }
        }
        Matcher entity = ENTITY.matcher(out);
        return entity.find() ? entity.replaceAll("&amp;$1") : out.toString();
    }

    /** Inline code that holds any text: a longer backtick fence when the text has backticks. */
    private static String code(String text, boolean inTable) {
        String content = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (inTable) {
            // GitHub ends a table cell at any unescaped pipe, in a code span too.
            content = content.replace("|", "\\|");
        }
        if (content.isEmpty()) {
            return "";
        }
        String fence = "`".repeat(longestRun(content) + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`");
        return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
    }

    private static int longestRun(String text) {
        Matcher ticks = LONGEST_TICKS.matcher(text);
        int longest = 0;
        while (ticks.find()) {
            longest = Math.max(longest, ticks.group().length());
        }
        return longest;
    }

    /** A paragraph that starts like a heading, a list item or a quote is escaped at its start. */
    private static String startOfLine(String text) {
        if (text.startsWith("#") || text.startsWith(">") || text.startsWith("-") || text.startsWith("+")) {
            return "\\" + text;
        }
        Matcher number = ORDERED_ITEM.matcher(text);
        return number.lookingAt() ? number.group(1) + "\\" + text.substring(number.group(1).length()) : text;
    }
}
