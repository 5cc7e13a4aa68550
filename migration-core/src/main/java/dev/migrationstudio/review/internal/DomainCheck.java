package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.Domain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a domain's CHECK constraints simple enough to evaluate in memory: comparisons of
 * {@code VALUE} with a number or a string literal ({@code >=}, {@code >}, {@code <=}, {@code <},
 * {@code =}, {@code <>}), {@code BETWEEN}, and {@code IN (...)} / {@code = ANY (ARRAY[...])} lists,
 * joined by {@code AND}. A conjunct of another form (OR, functions, casts of expressions) is not
 * evaluated: a value is refused only when an evaluated conjunct is false, which the whole check
 * then is too. NULL passes, as in SQL.
 */
public final class DomainCheck {
    private static final Pattern COMPARISON = Pattern.compile(
            "VALUE\\s*(>=|<=|<>|!=|=|>|<)\\s*(.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BETWEEN = Pattern.compile(
            "VALUE\\s+BETWEEN\\s+(.+?)\\s+AND\\s+(.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IN = Pattern.compile(
            "VALUE\\s+IN\\s*\\((.*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY = Pattern.compile(
            "VALUE\\s*=\\s*ANY\\s*\\(\\s*\\(?\\s*ARRAY\\s*\\[(.*)\\]\\s*\\)?(::[a-z_ \\[\\]]+)?\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CAST = Pattern.compile("::[a-zA-Z_ ]+(\\[\\])?$");
    /** The depth {@link #depths} gives the characters of a string literal. */
    private static final int QUOTED = Integer.MIN_VALUE;

    /** A conjunct, as written, and its test. */
    private record Conjunct(String text, Predicate<Object> test) {
    }

    private final List<Conjunct> conjuncts;
    private final boolean complete;

    private DomainCheck(List<Conjunct> conjuncts, boolean complete) {
        this.conjuncts = List.copyOf(conjuncts);
        this.complete = complete;
    }

    /** The evaluable parts of a domain's checks. */
    public static DomainCheck of(Domain domain) {
        List<Conjunct> conjuncts = new ArrayList<>();
        boolean complete = true;
        for (String check : domain.checks()) {
            String body = check.trim();
            if (body.toUpperCase(Locale.ROOT).startsWith("CHECK")) {
                body = body.substring(5).trim();
            }
            for (String part : splitAnd(unwrap(body))) {
                Optional<Predicate<Object>> test = parse(unwrap(part));
                if (test.isPresent()) {
                    conjuncts.add(new Conjunct(unwrap(part), test.get()));
                } else {
                    complete = false;
                }
            }
        }
        return new DomainCheck(conjuncts, complete);
    }

    /** Whether every conjunct of every check could be evaluated. */
    public boolean complete() {
        return complete;
    }

    /** Whether some conjunct could be evaluated. */
    public boolean evaluable() {
        return !conjuncts.isEmpty();
    }

    /** The first evaluated conjunct {@code value} breaks, as written; empty when it breaks none. */
    public Optional<String> refusal(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Conjunct conjunct : conjuncts) {
            try {
                if (!conjunct.test().test(value)) {
                    return Optional.of(conjunct.text());
                }
            } catch (RuntimeException notComparable) {
                // A value of another kind than the literal (text against a number): not judged here.
            }
        }
        return Optional.empty();
    }

    private static Optional<Predicate<Object>> parse(String part) {
        Matcher m = ANY.matcher(part);
        if (m.matches()) {
            return list(m.group(1));
        }
        m = IN.matcher(part);
        if (m.matches()) {
            return list(m.group(1));
        }
        m = BETWEEN.matcher(part);
        if (m.matches()) {
            Optional<Object> low = literal(m.group(1));
            Optional<Object> high = literal(m.group(2));
            if (low.isPresent() && high.isPresent()) {
                return Optional.of(v -> compare(v, low.get()) >= 0 && compare(v, high.get()) <= 0);
            }
            return Optional.empty();
        }
        m = COMPARISON.matcher(part);
        if (m.matches()) {
            Optional<Object> literal = literal(m.group(2));
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            Object bound = literal.get();
            switch (m.group(1)) {
                case ">=": return Optional.of(v -> compare(v, bound) >= 0);
                case ">": return Optional.of(v -> compare(v, bound) > 0);
                case "<=": return Optional.of(v -> compare(v, bound) <= 0);
                case "<": return Optional.of(v -> compare(v, bound) < 0);
                case "=": return Optional.of(v -> compare(v, bound) == 0);
                default: return Optional.of(v -> compare(v, bound) != 0);
            }
        }
        return Optional.empty();
    }

    private static Optional<Predicate<Object>> list(String items) {
        List<Object> allowed = new ArrayList<>();
        for (String item : splitTopLevel(items, ',')) {
            Optional<Object> literal = literal(item);
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            allowed.add(literal.get());
        }
        return Optional.of(v -> allowed.stream().anyMatch(a -> compare(v, a) == 0));
    }

    /** A number or a string literal, with PostgreSQL's {@code ::type} casts removed. */
    private static Optional<Object> literal(String text) {
        String t = unwrap(text.trim());
        Matcher cast = CAST.matcher(t);
        while (cast.find()) {
            t = unwrap(t.substring(0, cast.start()).trim());
            cast = CAST.matcher(t);
        }
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return Optional.of(t.substring(1, t.length() - 1).replace("''", "'"));
        }
        try {
            return Optional.of(new BigDecimal(t));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /** Compares a value with a literal: numbers by value, everything else as text. */
    private static int compare(Object value, Object literal) {
        if (literal instanceof BigDecimal) {
            BigDecimal number = Fit.Numbers.decimal(value);
            if (number == null) {
                throw new IllegalArgumentException("not a number");
            }
            return number.compareTo((BigDecimal) literal);
        }
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("not text");
        }
        return ((String) value).compareTo((String) literal);
    }

    /** The text without parentheses that enclose all of it. */
    private static String unwrap(String text) {
        String t = text.trim();
        while (t.startsWith("(") && t.endsWith(")") && closes(t) == t.length() - 1) {
            t = t.substring(1, t.length() - 1).trim();
        }
        return t;
    }

    /** The position of the parenthesis closing the one at 0, ignoring those inside quotes. */
    private static int closes(String text) {
        int[] depths = depths(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depths[i] == 0 && (c == ')' || c == ']')) {
                return i;
            }
        }
        return -1;
    }

    /** Top-level {@code AND} conjuncts (not inside parentheses, quotes, or a BETWEEN). */
    private static List<String> splitAnd(String text) {
        List<String> parts = new ArrayList<>();
        int[] depths = depths(text);
        boolean between = false;
        int start = 0;
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < text.length(); i++) {
            if (depths[i] != 0) {
                continue;
            }
            if (upper.startsWith(" BETWEEN ", i)) {
                between = true;
            } else if (upper.startsWith(" AND ", i)) {
                if (between) {
                    between = false;
                } else {
                    parts.add(text.substring(start, i));
                    start = i + 5;
                }
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int[] depths = depths(text);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (depths[i] == 0 && text.charAt(i) == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /**
     * The one scan the unwrapping and the splitting share: the bracket depth after each character, or
     * {@link #QUOTED} for the characters of a string literal (its quotes included), whose brackets and
     * keywords are text.
     */
    private static int[] depths(String text) {
        int[] depths = new int[text.length()];
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                depths[i] = QUOTED;
                continue;
            }
            if (quoted) {
                depths[i] = QUOTED;
                continue;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            }
            depths[i] = depth;
        }
        return depths;
    }
}
