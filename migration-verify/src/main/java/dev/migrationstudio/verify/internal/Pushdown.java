package dev.migrationstudio.verify.internal;

import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.TableMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.impl.DSL;

/**
 * Chunk digests computed inside PostgreSQL, for tables copied as they are between two PostgreSQL
 * databases (other engines, MariaDB included, are declined: see {@link #declined}). Each row is
 * rendered as text (the record output of {@code ROW(columns...)}), hashed with PostgreSQL's built-in
 * {@code hashtextextended}, and the hashes are summed per chunk. Java can render the same text from
 * the values it reads, and the canary chunk's texts are also hashed with md5, which Java reproduces:
 * that proves, per table and per side, that the text hashed is the row Java reads before any other
 * chunk is trusted. Chunks that differ are then compared in
 * Java through the canonical encoding, which stays the definition of equality.
 */
final class Pushdown {
    private static final Set<Integer> SUPPORTED = Set.of(Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.NUMERIC,
            Types.DECIMAL, Types.VARCHAR, Types.CHAR, Types.BOOLEAN, Types.BIT, Types.DATE, Types.TIMESTAMP);

    /**
     * The digest of a chunk as PostgreSQL computes it: the count and the exact sum of each row's
     * {@code hashtextextended} (PostgreSQL's built-in 64-bit hash, fast); on the canary chunk also the
     * exact sums of the two halves of each row's md5, which Java reproduces.
     */
    record SqlDigest(long count, BigInteger hash, BigInteger md5First, BigInteger md5Second) {
        static final SqlDigest EMPTY = new SqlDigest(0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        SqlDigest plus(SqlDigest other) {
            return new SqlDigest(count + other.count, hash.add(other.hash), md5First.add(other.md5First),
                    md5Second.add(other.md5Second));
        }

        /** Whether two chunks hold the same rows, as far as the fast hash tells. */
        boolean sameRows(SqlDigest other) {
            return count == other.count && hash.equals(other.hash);
        }

        /** Whether Java's md5 digest of the canary chunk's rows is this one's. */
        boolean sameAsJava(SqlDigest java) {
            return count == java.count && md5First.equals(java.md5First) && md5Second.equals(java.md5Second);
        }

        String text() {
            return count + " rows, hash " + hash.toString(16);
        }
    }

    private Pushdown() {
    }

    /**
     * Why no table of these two databases has its digests computed in them, or empty when both are
     * PostgreSQL. The digest is PostgreSQL's record text hashed with md5, which Java reproduces; MariaDB
     * renders values otherwise (booleans as 0 and 1, its own decimal and date/time texts, TIMESTAMP in
     * the session's zone), and two different engines would each have to render every type the same
     * way. Such pairs are compared in Java, which is the definition of equality anyway.
     */
    static Optional<String> declined(Side source, Side target) {
        if (source.isPostgres() && target.isPostgres()) {
            return Optional.empty();
        }
        return Optional.of("not used: digests are computed in the databases only between two PostgreSQL databases;"
                + " " + source.product() + " to " + target.product() + " is compared in Java");
    }

    /**
     * Whether digests of this table may be computed in the databases: both PostgreSQL, every column
     * copied unchanged (no rename, cast, rule, derivation or filter), a single integer key, and
     * column types whose text form Java reproduces.
     */
    static boolean applicable(TablePlan plan, Side source, Side target) {
        TableMapping mapping = plan.mapping();
        if (declined(source, target).isPresent() || !mapping.filters().isEmpty() || plan.keyless()
                || plan.keyColumns().size() != 1) {
            return false;
        }
        for (FieldMapping field : mapping.fields()) {
            if (field.isComputed() || field.isRenamed() || !field.rules().isEmpty()) {
                return false;
            }
            boolean sourceOk = plan.sourceTable().column(field.source().orElseThrow())
                    .map(c -> SUPPORTED.contains(c.jdbcType())).orElse(false);
            boolean targetOk = plan.targetTable().column(field.target())
                    .map(c -> SUPPORTED.contains(c.jdbcType())).orElse(false);
            if (!sourceOk || !targetOk) {
                return false;
            }
        }
        int keyType = plan.targetTable().column(plan.keyColumns().get(0)).map(Catalog.Column::jdbcType)
                .orElse(Types.OTHER);
        return keyType == Types.INTEGER || keyType == Types.BIGINT || keyType == Types.SMALLINT;
    }

    /**
     * The row's text as PostgreSQL's record output renders it: {@code (v1,v2,...)}, NULL as nothing,
     * values quoted when empty or holding quotes, backslashes, parentheses, commas or white space.
     * One function call for the whole row, which is what makes the digest cheap enough to push down.
     */
    private static String rowText(Side side, List<String> columns) {
        StringBuilder sql = new StringBuilder("ROW(");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(side.renderer().render(DSL.name(columns.get(i))));
        }
        return sql.append(")::text").toString();
    }

    /**
     * Digests per chunk of one side: bucket {@code i} holds keys in [boundary i-1, boundary i), as
     * {@code width_bucket} assigns them, as {@link ChunkPlan} does; the last element holds rows with a
     * NULL key. Each row's text is hashed with {@code hashtextextended}, a few times faster than md5.
     * The first chunk's digest also holds the md5 sums of the same texts ({@link #canaryDigest}).
     */
    static List<SqlDigest> chunkDigests(Side side, Catalog.Table table, List<String> columns, String key,
                                        ChunkPlan chunks) throws SQLException {
        String keySql = side.renderer().render(DSL.name(key));
        // Sums of bigint accumulate exactly (as numeric).
        String sql = "SELECT width_bucket(" + keySql + "::bigint, ?::bigint[]) AS chunk, count(*), sum(hashtextextended("
                + rowText(side, columns) + ", 0)) FROM " + side.renderer().render(table.qualifiedName())
                + " GROUP BY chunk";
        SqlDigest[] digests = new SqlDigest[chunks.chunks() + 1];
        java.util.Arrays.fill(digests, SqlDigest.EMPTY);
        Connection connection = side.connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", thresholds(chunks)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int chunk = rows.getObject(1) == null ? chunks.chunks() : rows.getInt(1);
                    digests[chunk] = new SqlDigest(rows.getLong(2), exact(rows, 3), BigInteger.ZERO, BigInteger.ZERO);
                }
            }
            // The md5 sums prove how rows are rendered, whichever rows they are: if the chunk changed between
            // the reads, its count and Java's differ, the canary fails, and the table is compared in Java.
            SqlDigest canary = canaryDigest(side, table, columns, keySql, chunks);
            digests[0] = new SqlDigest(digests[0].count(), digests[0].hash(), canary.md5First(), canary.md5Second());
        } finally {
            side.endRead();
        }
        return List.of(digests);
    }

    /**
     * The md5 sums of the first chunk's row texts (the same texts the fast hash hashes), which Java
     * reproduces from the values it reads: the canary. Read by key range, so only that chunk is hashed.
     */
    private static SqlDigest canaryDigest(Side side, Catalog.Table table, List<String> columns, String keySql,
                                          ChunkPlan chunks) throws SQLException {
        Long[] thresholds = thresholds(chunks);
        String sql = "SELECT count(*), sum(('x' || substr(h, 1, 16))::bit(64)::bigint),"
                + " sum(('x' || substr(h, 17, 16))::bit(64)::bigint) FROM (SELECT md5(" + rowText(side, columns)
                + ") AS h FROM " + side.renderer().render(table.qualifiedName()) + " WHERE " + keySql + " IS NOT NULL"
                + (thresholds.length == 0 ? "" : " AND " + keySql + " < ?") + ") AS rows";
        try (PreparedStatement statement = side.connection().prepareStatement(sql)) {
            if (thresholds.length > 0) {
                statement.setLong(1, thresholds[0]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new SqlDigest(rows.getLong(1), BigInteger.ZERO, exact(rows, 2), exact(rows, 3));
            }
        }
    }

    private static Long[] thresholds(ChunkPlan chunks) {
        List<Object[]> boundaries = chunks.boundaries();
        Long[] thresholds = new Long[boundaries.size()];
        for (int i = 0; i < thresholds.length; i++) {
            thresholds[i] = ((Number) boundaries.get(i)[0]).longValue();
        }
        return thresholds;
    }

    private static BigInteger exact(ResultSet rows, int column) throws SQLException {
        BigDecimal sum = rows.getBigDecimal(column);
        return sum == null ? BigInteger.ZERO : sum.toBigIntegerExact();
    }

    /** Accumulates the same digest in Java, from values as the source cursor reads them. */
    static final class JavaDigest {
        private final MessageDigest md5;
        private long count;
        private BigInteger first = BigInteger.ZERO;
        private BigInteger second = BigInteger.ZERO;

        JavaDigest() {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is missing from this JVM", e);
            }
        }

        void add(Object[] row) {
            StringBuilder text = new StringBuilder("(");
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                String value = text(row[i]);
                if (value != null) {
                    quoted(text, value);
                }
            }
            byte[] hash = md5.digest(text.append(')').toString().getBytes(StandardCharsets.UTF_8));
            count++;
            first = first.add(BigInteger.valueOf(longAt(hash, 0)));
            second = second.add(BigInteger.valueOf(longAt(hash, 8)));
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

        /** The canary's digest: the count and the md5 sums (Java does not compute the fast hash). */
        SqlDigest digest() {
            return new SqlDigest(count, BigInteger.ZERO, first, second);
        }

        private static long longAt(byte[] bytes, int offset) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[offset + i] & 0xFF);
            }
            return value;
        }

        /** A value as PostgreSQL's output functions render it, for the supported types. */
        private static String text(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof BigDecimal) {
                return ((BigDecimal) value).toPlainString();
            }
            if (value instanceof Boolean) {
                return ((Boolean) value) ? "t" : "f";
            }
            if (value instanceof LocalDateTime) {
                LocalDateTime t = (LocalDateTime) value;
                String text = t.toLocalDate() + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(),
                        t.getMinute(), t.getSecond());
                int micros = t.getNano() / 1000;
                if (micros > 0) {
                    String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
                    text += "." + fraction;
                }
                return text;
            }
            if (value instanceof LocalDate) {
                return value.toString();
            }
            return value.toString();
        }
    }
}
