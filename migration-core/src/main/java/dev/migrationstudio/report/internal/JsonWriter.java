package dev.migrationstudio.report.internal;

import dev.migrationstudio.report.Block;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.Text;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The one JSON writer of the library. {@code migration-core} depends on nothing but Guava and SLF4J,
 * and documents are trees of maps, lists and values, which a hundred lines write correctly; so
 * the documents of every module go through this writer rather than through a JSON library.
 * Writes maps (in iteration order), collections, strings, numbers, booleans, null, optionals
 * (empty as null), enums (their name), instants (UTC, milliseconds, as {@code Formats.time}),
 * durations (ISO-8601, milliseconds) and other temporals (ISO), pretty-printed.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** The JSON text of a tree of maps, lists and values. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    /** A document's body as a tree, for documents that have no data of their own. */
    public static Map<String, Object> outline(Doc doc) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", doc.title());
        root.put("content", outline(doc.body()));
        return root;
    }

    private static List<Object> outline(List<Block> blocks) {
        List<Object> content = new ArrayList<>();
        for (Block block : blocks) {
            if (block instanceof Block.Section) {
                Block.Section section = (Block.Section) block;
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("section", section.heading().plainText());
                map.put("content", outline(section.blocks()));
                content.add(map);
            } else if (block instanceof Block.Paragraph) {
                content.add(Map.of("paragraph", ((Block.Paragraph) block).text().plainText()));
            } else if (block instanceof Block.Items) {
                content.add(Map.of("items", ((Block.Items) block).items().stream().map(Text::plainText).toList()));
            } else if (block instanceof Block.Table) {
                Block.Table table = (Block.Table) block;
                List<Map<String, Object>> rows = new ArrayList<>();
                for (List<Text> row : table.rows()) {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < row.size(); i++) {
                        map.put(table.header().get(i), row.get(i).plainText());
                    }
                    rows.add(map);
                }
                content.add(Map.of("table", rows));
            } else {
                Block.Code code = (Block.Code) block;
                content.add(Map.of("code", code.text(), "language", code.language()));
            }
        }
        return content;
    }
    private static void write(StringBuilder out, Object value, int depth) {
        if (value instanceof Optional) {
            value = ((Optional<?>) value).orElse(null);
        } else if (value instanceof OptionalLong) {
            OptionalLong optional = (OptionalLong) value;
            value = optional.isPresent() ? optional.getAsLong() : null;
        } else if (value instanceof OptionalInt) {
            OptionalInt optional = (OptionalInt) value;
            value = optional.isPresent() ? optional.getAsInt() : null;
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map) {
            writeObject(out, (Map<?, ?>) value, depth);
        } else if (value instanceof Collection) {
            writeArray(out, (Collection<?>) value, depth);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof BigDecimal) {
            out.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? value.toString() : "null");
        } else if (value instanceof Number) {
            out.append(new BigDecimal(value.toString()).toPlainString());
        } else if (value instanceof Instant) {
            string(out, Formats.time((Instant) value));
        } else if (value instanceof Duration) {
            string(out, ((Duration) value).truncatedTo(ChronoUnit.MILLIS).toString());
        } else if (value instanceof Enum) {
            string(out, ((Enum<?>) value).name());
        } else {
            string(out, value.toString());
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            indent(out, depth + 1);
            string(out, String.valueOf(entry.getKey()));
            out.append(": ");
            write(out, entry.getValue(), depth + 1);
            out.append(++i < map.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append('}');
    }

    private static void writeArray(StringBuilder out, Collection<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        int i = 0;
        for (Object element : list) {
            indent(out, depth + 1);
            write(out, element, depth + 1);
            out.append(++i < list.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append(']');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
