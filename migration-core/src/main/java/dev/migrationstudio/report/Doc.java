package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.report.internal.HtmlWriter;
import dev.migrationstudio.report.internal.JsonWriter;
import dev.migrationstudio.report.internal.MarkdownWriter;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One document, independent of its format: a title, a body of {@link Block}s for people, and a
 * tree of maps, lists and values for tools. {@link #toMarkdown()}, {@link #toHtml()} and
 * {@link #toJson()} render it; every report of the library (inventory, risks, mapping, review, dry
 * run, migration, verification, runbook, rollback, cutover) is a {@code Doc}, so each exists in
 * all three formats with the same escaping, times and durations.
 *
 * <pre>{@code
 * Doc doc = Doc.of("Runbook: v2 cutover", Map.of("steps", 3), body -> body
 *     .paragraph("3 steps, 1 go/no-go gate.")
 *     .section("Steps", s -> s.table(List.of("#", "Step"), List.of(List.of(1, "freeze writes")))));
 * Files.writeString(Path.of("runbook.html"), doc.toHtml());
 * }</pre>
 *
 * @param title the title, shown as the first heading
 * @param body the content for people
 * @param data the content for tools, written by {@link #toJson()}: maps (in order), lists, strings,
 *     numbers, booleans, {@code null}, instants (UTC, milliseconds), durations (ISO-8601), enums;
 *     optionals are stored as their value or {@code null}. When empty, the JSON form is the body's
 *     structure.
 */
public record Doc(String title, List<Block> body, Map<String, Object> data) {

    /**
     * Validates the title and freezes the body and the data.
     *
     * @param title the title, shown as the first heading
     * @param body the content for people
     * @param data the content for tools, written by {@link #toJson()}: maps (in order), lists, strings, numbers,
     *     booleans, {@code null}, instants (UTC, milliseconds), durations (ISO-8601), enums; optionals are stored
     *     as their value or {@code null}. When empty, the JSON form is the body's structure.
     */
    public Doc {
        Names.requireName(title, "document title");
        body = List.copyOf(body);
        data = freezeMap(checkNotNull(data, "data"));
    }

    /**
     * A document whose body is filled by {@code body}.
     *
     * @param title the title
     * @param data the data the JSON form holds; copied
     * @param body fills the body
     * @return the document
     */
    public static Doc of(String title, Map<String, ?> data, Consumer<Blocks> body) {
        Blocks blocks = new Blocks();
        body.accept(blocks);
        return new Doc(title, blocks.blocks(), Collections.unmodifiableMap(new LinkedHashMap<>(data)));
    }

    /**
     * The document as Markdown: prints well and renders on code hosts.
     *
     * @return the Markdown
     */
    public String toMarkdown() {
        return MarkdownWriter.write(this);
    }

    /**
     * The document as one self-contained HTML page: inline styles, no scripts, nothing fetched.
     *
     * @return the HTML page
     */
    public String toHtml() {
        return HtmlWriter.write(this);
    }

    /**
     * The document's {@link #data()} as JSON (its body's structure when it has no data).
     *
     * @return the JSON
     */
    public String toJson() {
        return JsonWriter.write(data.isEmpty() ? JsonWriter.outline(this) : data);
    }

    /**
     * The document in one format.
     *
     * @param format the format; not null
     * @return the rendered document
     */
    public String render(DocumentFormat format) {
        switch (checkNotNull(format, "format")) {
            case MARKDOWN:
                return toMarkdown();
            case HTML:
                return toHtml();
            case JSON:
                return toJson();
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /**
     * The document in every format, as evidence-pack files named {@code name} ({@code name.md},
     * {@code name.html}, {@code name.json}).
     *
     * @param name the files' name, without extension
     * @return one document per format
     */
    public List<Document> documents(String name) {
        return Arrays.stream(DocumentFormat.values()).map(f -> new Document(name, title, f, render(f))).toList();
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** Values as the writers take them: optionals unwrapped, collections copied and unmodifiable. */
    private static Object freeze(Object value) {
        if (value instanceof Optional) {
            return freeze(((Optional<?>) value).orElse(null));
        }
        if (value instanceof OptionalLong) {
            OptionalLong optional = (OptionalLong) value;
            return optional.isPresent() ? optional.getAsLong() : null;
        }
        if (value instanceof OptionalInt) {
            OptionalInt optional = (OptionalInt) value;
            return optional.isPresent() ? optional.getAsInt() : null;
        }
        if (value instanceof OptionalDouble) {
            OptionalDouble optional = (OptionalDouble) value;
            return optional.isPresent() ? optional.getAsDouble() : null;
        }
        if (value instanceof Map) {
            return freezeMap((Map<?, ?>) value);
        }
        if (value instanceof Collection) {
            List<Object> copy = new ArrayList<>();
            ((Collection<?>) value).forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum || value instanceof Duration || value instanceof TemporalAccessor) {
            return value;
        }
        return value.toString();
    }
}
