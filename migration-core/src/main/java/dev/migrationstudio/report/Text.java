package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A line of text in a {@link Doc}: plain runs, inline code, strong emphasis and links. The writers
 * escape each run for their format, so a value can never be mistaken for markup.
 *
 * <pre>{@code
 * Text.of("Spec fingerprint: ").andCode(spec.fingerprint()).and(".")
 * }</pre>
 *
 * @param spans the runs, in order
 */
public record Text(List<Span> spans) {

    /** How a run is shown. */
    public enum Style {
        /** Ordinary text. */
        PLAIN,
        /** An identifier, a value or a statement, shown in a fixed-width font. */
        CODE,
        /** Text that must catch the eye: a verdict, a missing owner. */
        STRONG,
        /** A link to another file of the evidence pack (a relative path). */
        LINK
    }

    /**
     * One run of text.
     *
     * @param style how it is shown
     * @param text the text, unescaped
     * @param target the link's relative path for {@link Style#LINK}; empty otherwise
     */
    public record Span(Style style, String text, String target) {
        /**
         * Validates the parts.
         *
         * @param style how it is shown
         * @param text the text, unescaped
         * @param target the link's relative path for {@link Style#LINK}; empty otherwise
         */
        public Span {
            checkNotNull(style, "style");
            checkNotNull(text, "text");
            checkNotNull(target, "target");
        }
    }

    /**
     * Copies the runs.
     *
     * @param spans the runs, in order
     */
    public Text {
        spans = List.copyOf(spans);
    }

    /**
     * Plain text; a {@code Text} is returned as it is, {@code null} as empty text.
     *
     * @param value the value, shown as {@link String#valueOf(Object)} writes it
     * @return the text
     */
    public static Text of(Object value) {
        if (value instanceof Text) {
            return (Text) value;
        }
        return value == null ? new Text(List.of()) : plain(String.valueOf(value));
    }

    /**
     * Inline code.
     *
     * @param text the code
     * @return the text
     */
    public static Text code(String text) {
        return single(Style.CODE, text, "");
    }

    /**
     * Strong emphasis.
     *
     * @param text the text
     * @return the text
     */
    public static Text strong(String text) {
        return single(Style.STRONG, text, "");
    }

    /**
     * A link to another file, e.g. {@code inventory.md}.
     *
     * @param label the link's text
     * @param target the file or address it points to; not null
     * @return the text
     */
    public static Text link(String label, String target) {
        return single(Style.LINK, label, checkNotNull(target, "target"));
    }

    private static Text plain(String text) {
        return single(Style.PLAIN, text, "");
    }

    private static Text single(Style style, String text, String target) {
        checkNotNull(text, "text");
        return new Text(List.of(new Span(style, text, target)));
    }

    /**
     * This text followed by another (plain unless it is a {@code Text}).
     *
     * @param next what follows, a {@code Text} or any value shown as text
     * @return a new text
     */
    public Text and(Object next) {
        List<Span> all = new ArrayList<>(spans);
        all.addAll(of(next).spans());
        return new Text(all);
    }

    /**
     * This text followed by inline code.
     *
     * @param next the code
     * @return a new text
     */
    public Text andCode(String next) {
        return and(code(next));
    }

    /**
     * This text followed by strong text.
     *
     * @param next the text
     * @return a new text
     */
    public Text andStrong(String next) {
        return and(strong(next));
    }

    /**
     * Whether there is nothing to show.
     *
     * @return {@code true} when every span is blank
     */
    public boolean isBlank() {
        return spans.stream().allMatch(s -> s.text().isBlank());
    }

    /**
     * The text without any styling, as a person would read it aloud.
     *
     * @return the plain text
     */
    public String plainText() {
        return spans.stream().map(Span::text).collect(Collectors.joining());
    }

    /**
     * Texts joined with a separator.
     *
     * @param separator the separator, as plain text
     * @param texts the texts
     * @return the joined text; empty for no texts
     */
    public static Text join(String separator, List<Text> texts) {
        Text result = of(null);
        for (int i = 0; i < texts.size(); i++) {
            result = (i == 0 ? result : result.and(separator)).and(texts.get(i));
        }
        return result;
    }

    @Override
    public String toString() {
        return plainText();
    }
}
