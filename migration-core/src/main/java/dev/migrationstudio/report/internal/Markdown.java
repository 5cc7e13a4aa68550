package dev.migrationstudio.report.internal;

import java.time.Duration;
import java.util.List;

/** Helpers for writing Markdown documents. */
public final class Markdown {
    private Markdown() {
    }

    /** A table cell: pipes escaped, line breaks as {@code <br>}, empty as a dash. */
    public static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (text.isBlank()) {
            return "-";
        }
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>");
    }

    /** Inline code, safe for backticks inside. */
    public static String code(String text) {
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }

    /** A Markdown table with a header row. */
    public static void table(StringBuilder out, List<String> header, List<List<?>> rows) {
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append(" --- |".repeat(header.size())).append('\n');
        for (List<?> row : rows) {
            out.append("| ");
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : " | ").append(cell(row.get(i)));
            }
            out.append(" |\n");
        }
        out.append('\n');
    }

    /** A duration as people say it: {@code 2 min}, {@code 1 h 5 min}, {@code 45 s}, {@code 120 ms}. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(" h ");
        }
        if (minutes > 0) {
            text.append(minutes).append(" min ");
        }
        if (rest > 0 && hours == 0) {
            text.append(rest).append(" s");
        }
        return text.toString().trim();
    }

    /** A byte count as people say it: {@code 512 B}, {@code 1.5 MiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    /** A count with thousands separators. */
    public static String count(long value) {
        return String.format("%,d", value);
    }

    /** A Mermaid node label, quoted and with quotes escaped. */
    public static String mermaidLabel(String text) {
        return "\"" + text.replace("\"", "#quot;") + "\"";
    }
}
