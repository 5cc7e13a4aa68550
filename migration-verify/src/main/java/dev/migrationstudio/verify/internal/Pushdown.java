package dev.migrationstudio.verify.internal;

import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.TableMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.impl.DSL;

/**
 * Chunk digests computed inside the databases, for tables copied as they are between two databases
 * of the same engine, PostgreSQL or H2 (other pairs, MariaDB included, are declined: see
 * {@link #declined}). Each row is rendered as text in SQL ({@link PushdownSql#rowText}), hashed with
 * a built-in 64-bit hash, and the hashes are summed per chunk. Java can render the same text from
 * the values it reads, and the canary chunk's texts are also hashed with a hash Java reproduces (md5
 * on PostgreSQL, SHA-256 on H2): that proves, per table and per side, that the text hashed is the row
 * Java reads before any other chunk is trusted. Chunks that differ are then compared in Java through
 * the canonical encoding, which stays the definition of equality.
 */
final class Pushdown {
    private static final Set<Integer> SUPPORTED = Set.of(Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.NUMERIC,
            Types.DECIMAL, Types.VARCHAR, Types.CHAR, Types.BOOLEAN, Types.BIT, Types.DATE, Types.TIMESTAMP);

    /**
     * The digest of a chunk as the database computes it: the count and the exact sum of each row's
     * fast hash ({@code hashtextextended} on PostgreSQL); on the canary chunk also the exact sums of
     * the two halves of each row's canary hash (md5, SHA-256), which Java reproduces.
     */
    record SqlDigest(long count, BigInteger hash, BigInteger canaryFirst, BigInteger canarySecond) {
        static final SqlDigest EMPTY = new SqlDigest(0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        SqlDigest plus(SqlDigest other) {
            return new SqlDigest(count + other.count, hash.add(other.hash), canaryFirst.add(other.canaryFirst),
                    canarySecond.add(other.canarySecond));
        }

        /** Whether two chunks hold the same rows, as far as the fast hash tells. */
        boolean sameRows(SqlDigest other) {
            return count == other.count && hash.equals(other.hash);
        }

        /** Whether Java's canary digest of the canary chunk's rows is this one's. */
        boolean sameAsJava(SqlDigest java) {
            return count == java.count && canaryFirst.equals(java.canaryFirst) && canarySecond.equals(java.canarySecond);
        }

        String text() {
            return count + " rows, hash " + hash.toString(16);
        }
    }

    private Pushdown() {
    }

    /**
     * Why no table of these two databases has its digests computed in them, or empty when both are
     * PostgreSQL, or both H2 and {@code onH2}. The digest is a text of the row that Java reproduces;
     * MariaDB renders values otherwise (booleans as 0 and 1, its own decimal and date/time texts,
     * TIMESTAMP in the session's zone), and two different engines would each have to render every
     * type the same way. H2 runs in this process, where hashing each row's text in SQL costs more than
     * reading the row into Java (BENCHMARKS.md), so it is used there only when asked for. Such pairs
     * are compared in Java, which is the definition of equality anyway.
     */
    static Optional<String> declined(Side source, Side target, boolean onH2) {
        Optional<PushdownSql> engine = PushdownSql.of(source);
        if (engine.isPresent() && engine.equals(PushdownSql.of(target)) && (engine.get() != PushdownSql.H2 || onH2)) {
            return Optional.empty();
        }
        if (engine.equals(Optional.of(PushdownSql.H2)) && target.isH2()) {
            return Optional.of("not used: H2 computes digests in this process, slower than Java reads and hashes"
                    + " rows (see pushdownOnH2); H2 to H2 is compared in Java");
        }
        return Optional.of("not used: digests are computed in the databases only between two PostgreSQL (or H2)"
                + " databases; " + source.product() + " to " + target.product() + " is compared in Java");
    }

    /**
     * Whether digests of this table may be computed in the databases: a pair not {@link #declined},
     * every column copied unchanged (no rename, cast, rule, derivation or filter), a single integer
     * key, and column types whose text form Java reproduces.
     */
    static boolean applicable(TablePlan plan, Side source, Side target, boolean onH2) {
        TableMapping mapping = plan.mapping();
        if (declined(source, target, onH2).isPresent() || !mapping.filters().isEmpty() || plan.keyless()
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
     * The column types of this table when its rows may be hashed by value rather than by text (every
     * column of the same type on both sides, and types the engine hashes by value:
     * {@link PushdownSql#hashesValues}); else empty. Rendering rows as text is most of the pushdown's cost.
     */
    static Optional<List<String>> valueTypes(TablePlan plan, PushdownSql engine) {
        List<String> types = new ArrayList<>();
        for (FieldMapping field : plan.mapping().fields()) {
            String source = plan.sourceTable().column(field.source().orElseThrow()).orElseThrow().typeName();
            String target = plan.targetTable().column(field.target()).orElseThrow().typeName();
            if (!source.equalsIgnoreCase(target)) {
                return Optional.empty();
            }
            types.add(source);
        }
        return engine.hashesValues(types) ? Optional.of(types) : Optional.empty();
    }

    /**
     * Digests per chunk of one side: bucket {@code i} holds keys in [boundary i-1, boundary i), as
     * {@link ChunkPlan} does; the last element holds rows with a NULL key. Where the engine has a bucket
     * function ({@code width_bucket}), one grouped scan; else one range query per chunk. The row hash
     * is of the row's text, or of its values when {@link #valueTypes} gives them. The first chunk's
     * digest, read on its own, also holds the canary sums of the rows' texts ({@link JavaDigest}).
     */
    static List<SqlDigest> chunkDigests(Side side, Catalog.Table table, List<String> columns, String key,
                                        ChunkPlan chunks, Optional<List<String>> valueTypes) throws SQLException {
        PushdownSql engine = PushdownSql.of(side).orElseThrow();
        String keySql = side.renderer().render(DSL.name(key));
        List<String> quoted = columns.stream().map(c -> side.renderer().render(DSL.name(c))).toList();
        String text = engine.rowText(quoted);
        String hash = valueTypes.map(types -> engine.valueHash(quoted, types)).orElse(engine.fastHash(text));
        String from = " FROM " + side.renderer().render(table.qualifiedName());
        Long[] thresholds = thresholds(chunks);
        SqlDigest[] digests = new SqlDigest[chunks.chunks() + 1];
        java.util.Arrays.fill(digests, SqlDigest.EMPTY);
        Connection connection = side.connection();
        try {
            Optional<String> bucket = engine.bucket(keySql);
            if (bucket.isPresent()) {
                // Sums of bigint accumulate exactly (as numeric).
                String sql = "SELECT " + bucket.get() + " AS chunk, count(*), sum(" + hash + ")" + from
                        + " GROUP BY chunk";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setArray(1, connection.createArrayOf("bigint", thresholds));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            int chunk = rows.getObject(1) == null ? chunks.chunks() : rows.getInt(1);
                            digests[chunk] = new SqlDigest(rows.getLong(2), exact(rows, 3), BigInteger.ZERO,
                                    BigInteger.ZERO);
                        }
                    }
                }
            } else {
                for (int chunk = 1; chunk <= chunks.chunks(); chunk++) {
                    digests[chunk] = rangeDigest(connection, engine, hash, text, from, keySql, thresholds, chunk);
                }
            }
            // The canary sums prove how rows are rendered, whichever rows they are: if the chunk changed between
            // the reads, its count and Java's differ, the canary fails, and the table is compared in Java.
            digests[0] = rangeDigest(connection, engine, hash, text, from, keySql, thresholds, 0);
        } finally {
            side.endRead();
        }
        return List.of(digests);
    }

    /**
     * One chunk's digest, read by key range (chunk {@code thresholds.length + 1} is the NULL keys);
     * the first chunk's with the canary sums, so only that chunk is hashed twice.
     */
    private static SqlDigest rangeDigest(Connection connection, PushdownSql engine, String hash, String text,
                                         String from, String keySql, Long[] thresholds, int chunk)
            throws SQLException {
        boolean canary = chunk == 0;
        List<String> halves = engine.canaryHalves(text);
        boolean low = chunk > 0 && chunk <= thresholds.length;
        boolean high = chunk < thresholds.length;
        String where = chunk > thresholds.length ? keySql + " IS NULL" : keySql + " IS NOT NULL"
                + (low ? " AND " + keySql + " >= ?" : "") + (high ? " AND " + keySql + " < ?" : "");
        String sql = "SELECT count(*), sum(" + hash + ")"
                + (canary ? ", sum(" + halves.get(0) + "), sum(" + halves.get(1) + ")" : "") + from + " WHERE " + where;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (low) {
                statement.setLong(parameter++, thresholds[chunk - 1]);
            }
            if (high) {
                statement.setLong(parameter, thresholds[chunk]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new SqlDigest(rows.getLong(1), exact(rows, 2), canary ? exact(rows, 3) : BigInteger.ZERO,
                        canary ? exact(rows, 4) : BigInteger.ZERO);
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

    /** Accumulates the canary's digest in Java, from values as the source cursor reads them. */
    static final class JavaDigest {
        private final PushdownSql engine;
        private final MessageDigest hash;
        private long count;
        private BigInteger first = BigInteger.ZERO;
        private BigInteger second = BigInteger.ZERO;

        JavaDigest(PushdownSql engine) {
            this.engine = engine;
            try {
                hash = MessageDigest.getInstance(engine.canaryAlgorithm());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(engine.canaryAlgorithm() + " is missing from this JVM", e);
            }
        }

        void add(Object[] row) {
            byte[] digest = hash.digest(engine.javaText(row).getBytes(StandardCharsets.UTF_8));
            count++;
            first = first.add(BigInteger.valueOf(longAt(digest, 0)));
            second = second.add(BigInteger.valueOf(longAt(digest, 8)));
        }

        /** The canary's digest: the count and the canary sums (Java does not compute the fast hash). */
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
    }
}
