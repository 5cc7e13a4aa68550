package dev.migrationstudio.verify.replay.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons outside quotes and comments, for query files. Also
 * turns the placeholders of normalised statement logs ({@code $1} and {@code ?}) into named ones
 * ({@code :p1}) that the SQL parser keeps apart from literals.
 */
public final class StatementSplitter {

    /**
     * One statement of a file.
     *
     * @param sql its text, without comments
     * @param line the line it starts on (1-based)
     */
    public record Statement(String sql, int line) {
    }

    /**
     * A statement's text with named placeholders, and as the source engine runs it.
     *
     * @param sql the text with {@code :p1}, {@code :p2}, ... for the parser
     * @param positional the original text with each placeholder a JDBC {@code ?}
     * @param order the placeholder number (1-based) of each {@code ?} of {@code positional}, in order
     * @param placeholders how many distinct placeholders
     */
    public record Placeholders(String sql, String positional, List<Integer> order, int placeholders) {

        /** The values bound to {@link #positional}, from the values of placeholders 1, 2, ... */
        public List<Object> positionalValues(List<?> values) {
            List<Object> bound = new ArrayList<>();
            for (int number : order) {
                bound.add(values.get(number - 1));
            }
            return bound;
        }
    }

    private StatementSplitter() {
    }

    /** The statements of a text, in order; blank ones are left out. */
    public static List<Statement> split(String text) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '-' && text.startsWith("--", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? text.length() : end + 2;
                line += (int) text.substring(i, stop).chars().filter(ch -> ch == '\n').count();
                i = stop;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(text, i);
                if (startLine < 0) {
                    startLine = line;
                }
                String quoted = text.substring(i, end);
                line += (int) quoted.chars().filter(ch -> ch == '\n').count();
                current.append(quoted);
                i = end;
                continue;
            }
            if (c == ';') {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
            } else {
                if (!Character.isWhitespace(c) && startLine < 0) {
                    startLine = line;
                }
                current.append(c);
            }
            if (c == '\n') {
                line++;
            }
            i++;
        }
        add(statements, current, startLine);
        return statements;
    }

    /**
     * Names the placeholders of a statement outside quotes: {@code $n} becomes {@code :pn} (the same
     * number, so a repeated {@code $1} stays one value) and each {@code ?} the next number.
     */
    public static Placeholders namePlaceholders(String sql) {
        StringBuilder named = new StringBuilder();
        StringBuilder positional = new StringBuilder();
        List<Integer> order = new ArrayList<>();
        int highest = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i);
                named.append(sql, i, end);
                positional.append(sql, i, end);
                i = end;
            } else if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                int number = Integer.parseInt(sql.substring(i + 1, end));
                highest = Math.max(highest, number);
                named.append(":p").append(number);
                positional.append('?');
                order.add(number);
                i = end;
            } else if (c == '?') {
                highest++;
                named.append(":p").append(highest);
                positional.append('?');
                order.add(highest);
                i++;
            } else {
                named.append(c);
                positional.append(c);
                i++;
            }
        }
        return new Placeholders(named.toString(), positional.toString(), List.copyOf(order), highest);
    }

    /** The index just past the quote that closes the one at {@code start} (doubled quotes stay inside). */
    private static int closing(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '"' && i + 1 < text.length()) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static void add(List<Statement> statements, StringBuilder text, int line) {
        String sql = text.toString().strip();
        if (!sql.isEmpty()) {
            statements.add(new Statement(sql, Math.max(line, 1)));
        }
    }
}
