package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What changed between two versions of a spec, read from their {@linkplain MappingSpec#canonicalText()
 * canonical texts}: the tables added and removed and, per table, the fields whose rules changed (a
 * rule's Java code included, by its digest), and the filters, drops and acknowledgements added or
 * removed. The text the fingerprint is computed from is all it needs, so a spec recorded by an
 * earlier run (whose Java objects are gone) can be compared with the current one.
 *
 * <pre>{@code
 * SpecChanges.between(recordedText, spec.canonicalText())
 * // [table "customer" -> "client": field email -> email: was "| trim", now "| trim | lower case"]
 * }</pre>
 */
public final class SpecChanges {
    private static final String WHOLE_SPEC = "";
    private static final Pattern CODE = Pattern.compile(" \\{code [^}]*\\}");

    private SpecChanges() {
    }

    /**
     * The changes from {@code before} to {@code after}, one line each, in the order of the texts; empty
     * when they are equal.
     *
     * @param before the earlier spec's canonical text; not null
     * @param after the later spec's canonical text; not null
     * @return the changes
     */
    public static List<String> between(String before, String after) {
        checkNotNull(before, "before");
        checkNotNull(after, "after");
        Map<String, List<String>> old = sections(before);
        Map<String, List<String>> now = sections(after);
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, List<String>> table : now.entrySet()) {
            List<String> was = old.get(table.getKey());
            if (was == null) {
                changes.add(table.getKey() + ": added");
            } else {
                lines(table.getKey(), was, table.getValue(), changes);
            }
        }
        old.keySet().stream().filter(t -> !now.containsKey(t)).forEach(t -> changes.add(t + ": removed"));
        return List.copyOf(changes);
    }

    /** The text's lines by table ({@code table "a" -> "b"}); lines before the first table under the empty name. */
    private static Map<String, List<String>> sections(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String current = WHOLE_SPEC;
        sections.put(current, new ArrayList<>());
        for (String line : text.split("\n")) {
            if (line.startsWith("table ")) {
                current = line;
                sections.put(current, new ArrayList<>());
            } else if (!line.isBlank()) {
                sections.get(current).add(line.strip());
            }
        }
        return sections;
    }

    private static void lines(String table, List<String> before, List<String> after, List<String> changes) {
        String where = table.equals(WHOLE_SPEC) ? "spec" : table;
        Map<String, String> oldByName = byName(before);
        Map<String, String> newByName = byName(after);
        for (String line : after) {
            if (before.contains(line)) {
                continue;
            }
            String was = oldByName.get(nameOf(line));
            if (was == null) {
                changes.add(where + ": added " + readable(line));
            } else if (readable(was).equals(readable(line))) {
                changes.add(where + ": the Java code changed in " + readable(line));
            } else {
                changes.add(where + ": " + nameOf(line) + ": was \"" + rules(was) + "\", now \"" + rules(line) + "\"");
            }
        }
        for (String line : before) {
            if (!after.contains(line) && !newByName.containsKey(nameOf(line))) {
                changes.add(where + ": removed " + readable(line));
            }
        }
    }

    /**
     * Lines by what they are about: a field's {@code field a -> b}, any other line by its text without
     * code digests (so that a filter whose code changed pairs with its earlier version).
     */
    private static Map<String, String> byName(List<String> lines) {
        Map<String, String> named = new LinkedHashMap<>();
        lines.forEach(line -> named.put(nameOf(line), line));
        return named;
    }

    private static String nameOf(String line) {
        if (!line.startsWith("field ") && !line.startsWith("key ")) {
            return readable(line);
        }
        int rules = line.indexOf(" | ");
        return rules < 0 ? line : line.substring(0, rules);
    }

    /** The line without the digests of Java code, which say nothing to a reader. */
    private static String readable(String line) {
        return CODE.matcher(line).replaceAll("");
    }

    private static String rules(String line) {
        String readable = readable(line);
        int rules = readable.indexOf(" | ");
        return rules < 0 ? "copied" : readable.substring(rules + 1);
    }
}
