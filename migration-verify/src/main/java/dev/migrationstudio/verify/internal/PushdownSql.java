package dev.migrationstudio.verify.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What differs between engines in {@link Pushdown}: the SQL that renders a row as text and hashes
 * it, and the same text as Java renders it from the values it reads (for the canary). The digest
 * itself (count and exact sum of the row hashes per chunk) and the canary are the same everywhere.
 */
enum PushdownSql {
    /**
     * The record output of {@code ROW(columns...)::text}, one function call for the whole row, hashed
     * with {@code hashtextextended} (fast); the canary hashes the same text with md5.
     */
    POSTGRES("MD5", "PostgreSQL (hashtextextended)") {
        @Override
        String rowText(List<String> columns) {
            return "ROW(" + String.join(", ", columns) + ")::text";
        }

        @Override
        boolean hashesValues(List<String> types) {
            return types.stream().map(t -> t.toLowerCase(Locale.ROOT))
                    .allMatch(t -> BY_VALUE.contains(t) || t.equals("numeric"));
        }

        /**
         * The record's own hash, from each column's binary value, so that no row is rendered as text:
         * integers, strings, booleans, dates and timestamps are equal in PostgreSQL only when Java
         * reads them equal. Strings are hashed in the "C" collation, so that a case-insensitive
         * (nondeterministic) collation cannot hash 'A' as 'a'; numeric goes in as its text, because
         * its hash ignores the scale.
         */
        @Override
        String valueHash(List<String> columns, List<String> types) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String type = types.get(i).toLowerCase(Locale.ROOT);
                values.add(columns.get(i) + (type.equals("text") || type.equals("varchar") ? " COLLATE \"C\""
                        : BY_VALUE.contains(type) ? "" : "::text"));
            }
            return "hash_record_extended(ROW(" + String.join(", ", values) + "), 0)";
        }

        @Override
        String valueDescribed() {
            return "PostgreSQL (hash_record_extended)";
        }

        @Override
        String fastHash(String text) {
            return "hashtextextended(" + text + ", 0)";
        }

        @Override
        List<String> canaryHalves(String text) {
            return List.of("('x' || substr(md5(" + text + "), 1, 16))::bit(64)::bigint",
                    "('x' || substr(md5(" + text + "), 17, 16))::bit(64)::bigint");
        }

        @Override
        Optional<String> bucket(String key) {
            return Optional.of("width_bucket(" + key + "::bigint, ?::bigint[])");
        }

        /**
         * {@code (v1,v2,...)}, NULL as nothing, values quoted when empty or holding quotes,
         * backslashes, parentheses, commas or white space, as PostgreSQL's record output does.
         */
        @Override
        String javaText(Object[] row) {
            StringBuilder text = new StringBuilder("(");
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                String value = row[i] instanceof Boolean b ? (b ? "t" : "f") : valueText(row[i]);
                if (value != null) {
                    quoted(text, value);
                }
            }
            return text.append(')').toString();
        }
    },
    /**
     * Each column's {@code CAST(... AS VARCHAR)} prefixed with its length ({@code N} for NULL), so
     * that no two rows share a text, hashed with SHA-256, of which the first 8 bytes are the fast hash
     * and the first 16 the canary. H2 has no bucket function: one range query per chunk.
     */
    H2("SHA-256", "H2 (HASH('SHA-256'))") {
        @Override
        String rowText(List<String> columns) {
            StringBuilder sql = new StringBuilder("(");
            for (int i = 0; i < columns.size(); i++) {
                String text = "CAST(" + columns.get(i) + " AS VARCHAR)";
                sql.append(i > 0 ? " || " : "").append("COALESCE(CHAR_LENGTH(").append(text).append(") || ':' || ")
                        .append(text).append(", 'N')");
            }
            return sql.append(')').toString();
        }

        @Override
        String fastHash(String text) {
            return "CAST(SUBSTRING(HASH('SHA-256', " + text + "), 1, 8) AS BIGINT)";
        }

        @Override
        List<String> canaryHalves(String text) {
            return List.of(fastHash(text), "CAST(SUBSTRING(HASH('SHA-256', " + text + "), 9, 8) AS BIGINT)");
        }

        @Override
        Optional<String> bucket(String key) {
            return Optional.empty();
        }

        @Override
        String javaText(Object[] row) {
            StringBuilder text = new StringBuilder();
            for (Object value : row) {
                String rendered = value instanceof Boolean b ? (b ? "TRUE" : "FALSE") : valueText(value);
                if (rendered == null) {
                    text.append('N');
                } else {
                    text.append(rendered.codePointCount(0, rendered.length())).append(':').append(rendered);
                }
            }
            return text.toString();
        }
    };

    private final String canaryAlgorithm;
    private final String described;

    PushdownSql(String canaryAlgorithm, String described) {
        this.canaryAlgorithm = canaryAlgorithm;
        this.described = described;
    }

    /** PostgreSQL types hashed by their binary value ({@link #valueHash}). Not char, whose hash ignores padding. */
    private static final Set<String> BY_VALUE = Set.of("int2", "int4", "int8", "text", "varchar", "bool", "date",
            "timestamp");

    /**
     * Whether rows whose columns have these type names (the same on both sides) may be hashed from
     * their values ({@link #valueHash}) rather than their text; never by default.
     */
    boolean hashesValues(List<String> types) {
        return false;
    }

    /** A 64-bit hash of the row's values rather than of its text, where {@link #hashesValues}. */
    String valueHash(List<String> columns, List<String> types) {
        throw new UnsupportedOperationException(name() + " hashes rows by their text only");
    }

    /** The engine's SQL, or empty when digests are not computed in it. */
    static Optional<PushdownSql> of(Side side) {
        if (side.isPostgres()) {
            return Optional.of(POSTGRES);
        }
        return side.isH2() ? Optional.of(H2) : Optional.empty();
    }

    /** The text of a row of these (quoted) columns. */
    abstract String rowText(List<String> columns);

    /** A 64-bit hash of the text, as a bigint. */
    abstract String fastHash(String text);

    /** The two 64-bit halves of the canary hash of the text, as bigints, which Java reproduces. */
    abstract List<String> canaryHalves(String text);

    /**
     * The chunk of a row from its key, with one bind parameter (an array of the chunk boundaries),
     * as {@code width_bucket} numbers them; empty when the engine has none.
     */
    abstract Optional<String> bucket(String key);

    /** The row's text as {@link #rowText} renders it in the database, from the values Java reads. */
    abstract String javaText(Object[] row);

    /** The JCA name of the canary's hash. */
    String canaryAlgorithm() {
        return canaryAlgorithm;
    }

    /** The engine and its fast hash, for the report. */
    String described() {
        return described;
    }

    /** The engine and its value hash, for the report. */
    String valueDescribed() {
        return described;
    }

    /** A value as the engines' text casts render it, for the supported types (booleans aside). */
    private static String valueText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            String text = t.toLocalDate() + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(),
                    t.getMinute(), t.getSecond());
            int micros = t.getNano() / 1000;
            if (micros > 0) {
                text += "." + String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
            }
            return text;
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        return value.toString();
    }

    private static void quoted(StringBuilder text, String value) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || c == ' ' || c == '\t'
                    || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
        }
        if (!quote) {
            text.append(value);
            return;
        }
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append(c);
            }
            text.append(c);
        }
        text.append('"');
    }
}
