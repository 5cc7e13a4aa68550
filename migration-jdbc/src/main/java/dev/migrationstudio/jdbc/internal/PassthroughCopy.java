package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.Passthrough;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.SpecialValue;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.inventory.SqlType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * One table's chunks moved from PostgreSQL to PostgreSQL with no row decoded in Java: {@code COPY
 * (SELECT <projection> FROM source WHERE <key range> ORDER BY <key>) TO STDOUT} streamed into the
 * target's {@code COPY ... FROM STDIN}, in the caller's target transaction (so the chunk commits with
 * its ledger row). The projection is the table's rules written in SQL; {@link #choose} says whether
 * they can be, and {@link #canary} proves, per table and run, that they give what the Java rules give.
 */
final class PassthroughCopy {
    /** Rows the canary compares. */
    static final int CANARY_ROWS = 1_000;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final List<String> TEXT_TYPES = List.of("text", "varchar", "bpchar");
    /** Every character Java's {@code String.strip} removes: the trim rule, written for {@code btrim}. */
    private static final String WHITESPACE = whitespace();
    /** Values the text rules are tried on in both languages before a table is trusted to SQL. */
    private static final List<String> PROBES = List.of(" a b ", "\t\n x\u000B\f\r", "\u2003y\u3000", "\u00A0z\u00A0",
            "\u001Cw\u001F", "Straße", "ÉCOLE été", "İstanbul ıi", "ΣΑΣ σας", "ǅ ǆ Ǆ", "ﬀ", "ABC xyz 123");

    private final TableJob job;
    private final Passthrough format;
    private final DSLContext sql = Engines.renderer(SQLDialect.POSTGRES);
    private final Table<?> table;
    private final List<Field<?>> projection;
    /** The projection as the canary compares it with the Java rules: each cast done in SQL, typed as Java types it. */
    private final List<Field<?>> compared;
    private final List<Field<Object>> keys;
    private final String copyIn;

    /** The path a table takes and why; the dry run shows it. */
    record Choice(Optional<PassthroughCopy> passthrough, String why) {
        static Choice java(String why) {
            return new Choice(Optional.empty(), "Java path: " + why);
        }
    }

    private PassthroughCopy(TableJob job, Passthrough format, List<Field<?>> projection, List<Field<?>> compared) {
        this.job = job;
        this.format = format;
        this.table = DSL.table(job.source().qualifiedName());
        this.projection = List.copyOf(projection);
        this.compared = List.copyOf(compared);
        this.keys = job.selectColumns().subList(0, job.keyWidth()).stream().map(c -> DSL.field(DSL.name(c))).toList();
        this.copyIn = new CopyWriter(job.target(), job.targetColumns()).sql()
                + (format == Passthrough.BINARY ? " (FORMAT binary)" : "");
    }

    /**
     * Whether a table's chunks can pass through: both sides PostgreSQL connections that COPY, a key, no
     * reference to itself, and rules that SQL writes the same way. The canary is still to run.
     */
    static Choice choose(TableJob job, Passthrough format, Connection source, Connection target, WritePath path) {
        if (format == Passthrough.OFF) {
            return Choice.java("passthrough(OFF)");
        }
        if (path != WritePath.COPY || !CopyWriter.supports(source) || !CopyWriter.supports(target)) {
            return Choice.java("COPY passthrough needs PostgreSQL on both sides, written with COPY");
        }
        if (job.keyWidth() == 0) {
            return Choice.java("no key: the table is reloaded whole");
        }
        if (!SelfReferences.of(job).isEmpty()) {
            return Choice.java("the table references itself: parents are written before their children");
        }
        if (!job.mapping().filters().isEmpty()) {
            return Choice.java("filter '" + job.mapping().filters().get(0).name() + "' is Java code");
        }
        List<Field<?>> projection = new ArrayList<>();
        List<Field<?>> compared = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        for (int i = 0; i < job.mapping().fields().size(); i++) {
            FieldMapping field = job.mapping().fields().get(i);
            String targetType = job.target().typeNames().get(job.targetColumns().get(i));
            Object expression = expression(job, field, targetType, format);
            if (expression instanceof String) {
                return Choice.java("column " + field.target() + ": " + expression);
            }
            Column column = (Column) expression;
            projection.add(column.copied());
            compared.add(column.compared());
            column.cast().ifPresent(c -> casts.add(field.target() + " " + c));
        }
        return new Choice(Optional.of(new PassthroughCopy(job, format, projection, compared)),
                "COPY passthrough (" + format.name().toLowerCase(Locale.ROOT) + ")"
                        + (casts.isEmpty() ? "" : ", casts in SQL: " + String.join(", ", casts))
                        + ", once the canary agrees");
    }

    /**
     * A column's SQL: as the COPY reads it, as the canary compares it with the Java rules' value (the
     * same, but for a cast left to the target), and the cast done in SQL, described for the dry run.
     */
    private record Column(Field<?> copied, Field<?> compared, Optional<String> cast) {
        static Column of(Field<?> value) {
            return new Column(value, value, Optional.empty());
        }
    }

    /** A field's rules as SQL ({@link Column}), or (as a String) why they cannot be. */
    private static Object expression(TableJob job, FieldMapping field, String targetType, Passthrough format) {
        Field<Object> value = null;
        String valueType = null;
        if (field.source().isPresent()) {
            String column = job.source().requireColumn(field.source().get(), "source");
            value = DSL.field(DSL.name(column));
            valueType = job.source().typeNames().get(column);
        }
        boolean computed = false;
        List<TransformRule.ValueRule> rules = field.rules().stream().filter(r -> !(r instanceof TransformRule.Rename))
                .toList();
        for (int i = 0; i < rules.size(); i++) {
            TransformRule.ValueRule rule = rules.get(i);
            if (rule instanceof TransformRule.Cast && value != null) {
                if (i < rules.size() - 1) {
                    return "rule '" + rules.get(i + 1).describe() + "' after a cast is not written in SQL";
                }
                return Casts.of(value, valueType, ((TransformRule.Cast) rule).type(), targetType, format);
            }
            if (rule instanceof TransformRule.Constant) {
                value = DSL.inline(((TransformRule.Constant) rule).value());
                valueType = null;
                computed = true;
            } else if (rule instanceof TransformRule.DefaultFill && value != null) {
                value = DSL.coalesce(value, DSL.inline(((TransformRule.DefaultFill) rule).value()));
            } else if (rule instanceof TransformRule.Convert && value != null && TEXT_TYPES.contains(valueType)
                    && textRule((TransformRule.Convert) rule).isPresent()) {
                value = textRule((TransformRule.Convert) rule).get().sql(value);
                valueType = "text";
            } else {
                return "rule '" + rule.describe() + "' is not written in SQL";
            }
        }
        if (value == null) {
            return "no source column and no constant";
        }
        if (valueType != null && !valueType.equals(targetType)
                && !(TEXT_TYPES.contains(valueType) && TEXT_TYPES.contains(targetType))) {
            return "type " + valueType + " becomes " + targetType + ", converted in Java";
        }
        if (computed && format == Passthrough.BINARY) {
            // Binary COPY carries no type: the constant is cast to the target's type by its catalog name.
            value = DSL.field("{0}::{1}", Object.class, value, DSL.name(targetType));
        }
        return Column.of(value);
    }

    /**
     * The casts PostgreSQL performs as the core cast ({@code Casting}) does, to the target column's own
     * type: an integer to an integer type, and an integer to unbounded text. Both give the same value;
     * a narrowing cast that the core refuses (a value out of the type's range) is left to the target's
     * COPY, which refuses the same values, and the refused range then goes through the Java path,
     * whose cast quarantines the row with its key. Casts from text stay in Java (PostgreSQL 16 reads
     * {@code 1_000} and {@code 0x1F} as integers, the core does not), and so do decimal scale changes
     * (PostgreSQL rounds, the core refuses to).
     */
    private static final class Casts {
        private static final List<String> INTEGERS = List.of("int2", "int4", "int8");
        private static final java.util.Map<String, String> SERIALS = java.util.Map.of("smallserial", "int2",
                "serial", "int4", "bigserial", "int8");

        private Casts() {
        }

        static Object of(Field<Object> value, String valueType, SqlType type, String targetType, Passthrough format) {
            if (valueType == null) {
                return "cast to " + type.render() + " of a constant is done in Java";
            }
            String from = SERIALS.getOrDefault(valueType, valueType);
            if (!INTEGERS.contains(from)) {
                return "cast to " + type.render() + " from " + valueType + " is done in Java: only casts from "
                        + "integers are written in SQL";
            }
            String to = name(type);
            if (to == null) {
                return "cast to " + type.render() + " is done in Java: only casts to an integer type or to text "
                        + "without a length are written in SQL";
            }
            String target = SERIALS.getOrDefault(targetType, TEXT_TYPES.contains(targetType) ? "text" : targetType);
            if (!to.equals(target)) {
                return "cast to " + type.render() + " is done in Java: the target column is " + targetType;
            }
            Field<Object> cast = DSL.field("{0}::{1}", Object.class, value, DSL.name(to));
            if (to.equals("text") || INTEGERS.indexOf(to) >= INTEGERS.indexOf(from)) {
                return new Column(cast, cast, Optional.of(from + " -> " + to));
            }
            if (format == Passthrough.BINARY) {
                return "cast to " + type.render() + " is done in Java: narrowing " + from + " to " + to
                        + " would fail in the source's binary COPY, where text leaves it to the target";
            }
            return new Column(value, cast, Optional.of(from + " -> " + to + " (read by the target's COPY, which "
                    + "refuses what the cast refuses)"));
        }

        /** The PostgreSQL type a core cast type is, when the cast is written in SQL; null otherwise. */
        private static String name(SqlType type) {
            switch (type.kind()) {
                case SMALLINT:
                    return "int2";
                case INTEGER:
                    return "int4";
                case BIGINT:
                    return "int8";
                case TEXT:
                case VARCHAR:
                    return type.length().isPresent() ? null : "text";
                default:
                    return null;
            }
        }
    }

    /** The text rules SQL writes: trim (Java's whitespace, exactly), lower and upper case. */
    private enum TextRule {
        TRIM("trim", String::strip) {
            @Override
            Field<Object> sql(Field<Object> value) {
                return DSL.function("btrim", Object.class, value, DSL.inline(WHITESPACE));
            }
        },
        LOWER("lower case", s -> s.toLowerCase(Locale.ROOT)) {
            @Override
            Field<Object> sql(Field<Object> value) {
                return DSL.function("lower", Object.class, value);
            }
        },
        UPPER("upper case", s -> s.toUpperCase(Locale.ROOT)) {
            @Override
            Field<Object> sql(Field<Object> value) {
                return DSL.function("upper", Object.class, value);
            }
        };

        final String name;
        final UnaryOperator<String> java;

        TextRule(String name, UnaryOperator<String> java) {
            this.name = name;
            this.java = java;
        }

        abstract Field<Object> sql(Field<Object> value);
    }

    /**
     * The SQL of a converter whose name is a text rule's and whose function gives what that rule gives
     * on every probe: a converter only named like one stays in Java.
     */
    private static Optional<TextRule> textRule(TransformRule.Convert rule) {
        for (TextRule candidate : TextRule.values()) {
            if (candidate.name.equals(rule.name())) {
                try {
                    boolean same = PROBES.stream().allMatch(p -> candidate.java.apply(p).equals(rule.function().apply(p)));
                    return same ? Optional.of(candidate) : Optional.empty();
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String whitespace() {
        StringBuilder chars = new StringBuilder();
        for (char c = 1; c < Character.MAX_VALUE; c++) {
            if (Character.isWhitespace(c)) {
                chars.append(c);
            }
        }
        return chars.toString();
    }

    /**
     * Proves on this source that the SQL projection gives the Java rules' values: on the probe values
     * for the text rules, and on the first {@link #CANARY_ROWS} rows after {@code after}, mapped both
     * ways; the difference found, empty when they agree. Reads only.
     */
    Optional<String> canary(Connection source, List<Object> after) throws SQLException {
        // Under a savepoint: a projection the database cannot run says so, and leaves the source's
        // transaction (and the snapshot it may read from) usable.
        Savepoint before = source.getAutoCommit() ? null : source.setSavepoint();
        try {
            Optional<String> differs = compare(source, after);
            if (before != null) {
                source.releaseSavepoint(before);
            }
            return differs;
        } catch (SQLException | DataAccessException e) {
            if (before != null) {
                source.rollback(before);
            }
            return Optional.of("the database cannot run the projection: " + e.getMessage());
        }
    }

    private Optional<String> compare(Connection source, List<Object> after) throws SQLException {
        for (TextRule rule : TextRule.values()) {
            if (!usesRule(rule)) {
                continue;
            }
            List<Field<?>> probes = PROBES.stream().<Field<?>>map(p -> rule.sql(DSL.field("{0}", Object.class,
                    DSL.val(p)))).toList();
            Record found = Engines.dsl(source).select(probes).fetchOne();
            for (int i = 0; i < PROBES.size(); i++) {
                String java = rule.java.apply(PROBES.get(i));
                if (!java.equals(found.get(i))) {
                    return Optional.of("the database's " + rule.name + " of " + ValueText.shown(PROBES.get(i)) + " is "
                            + ValueText.shown(found.get(i)) + ", Java's is " + ValueText.shown(java));
                }
            }
        }
        Condition range = after == null ? DSL.noCondition() : DSL.row(keys).gt(DSL.row(params(after)));
        String projected = sql.render(DSL.select(compared).from(table).where(range).orderBy(keys));
        List<Object> binds = after == null ? List.of() : after;
        try (SourceCursor sqlRows = SourceCursor.open(source, projected, binds, CANARY_ROWS, CANARY_ROWS);
             SourceCursor javaRows = job.scan(source, after, CANARY_ROWS, CANARY_ROWS)) {
            for (Row row = job.next(javaRows); row != null; row = job.next(javaRows)) {
                Object[] viaSql = sqlRows.next();
                RowResult viaJava = job.mapping().apply(row);
                if (!(viaJava instanceof RowResult.Loaded)) {
                    return Optional.of("the Java rules do not load " + row + " (" + viaJava + ")");
                }
                Row mapped = ((RowResult.Loaded) viaJava).row();
                Object[] expected = mapped.valuesOf(mapped.columns()).toArray();
                if (viaSql == null || !Arrays.deepEquals(expected, viaSql)) {
                    return Optional.of("for " + row + " SQL gives " + (viaSql == null ? "no row"
                            : Arrays.toString(viaSql)) + ", Java " + Arrays.toString(expected));
                }
            }
            if (sqlRows.next() != null) {
                return Optional.of("SQL reads more rows than Java");
            }
        }
        return Optional.empty();
    }

    private boolean usesRule(TextRule rule) {
        return job.mapping().fields().stream().flatMap(f -> f.rules().stream())
                .anyMatch(r -> r instanceof TransformRule.Convert && ((TransformRule.Convert) r).name().equals(rule.name));
    }

    /** A placeholder per key value; the values are bound by {@link SourceCursor}, which knows NaN and infinities. */
    private static List<Field<Object>> params(List<Object> key) {
        return key.stream().<Field<Object>>map(v -> DSL.param("k", Object.class)).toList();
    }

    /** The statement that reads a chunk: its key range inlined, since COPY takes no bind values. */
    String copyOut(List<Object> after, List<Object> until) {
        Condition range = DSL.row(keys).le(DSL.row(inlined(until)));
        if (after != null) {
            range = DSL.row(keys).gt(DSL.row(inlined(after))).and(range);
        }
        return "COPY (" + sql.renderInlined(DSL.select(projection).from(table).where(range).orderBy(keys))
                + ") TO STDOUT" + (format == Passthrough.BINARY ? " (FORMAT binary)" : "");
    }

    private static List<Field<Object>> inlined(List<Object> key) {
        // A key that is NaN or an infinity (a SpecialValue) goes in as its text, which PostgreSQL reads
        // as the key column's type, as the Java path binds it.
        return key.stream().map(v -> (Field<Object>) (v instanceof SpecialValue ? DSL.inline(v.toString())
                : DSL.inline(v))).toList();
    }

    /** The statements of a chunk, for the dry run. */
    String describe() {
        List<Field<Object>> after = keys.stream().<Field<Object>>map(k -> DSL.param("after", Object.class)).toList();
        List<Field<Object>> until = keys.stream().<Field<Object>>map(k -> DSL.param("until", Object.class)).toList();
        return "COPY (" + sql.render(DSL.select(projection).from(table)
                .where(DSL.row(keys).gt(DSL.row(after)).and(DSL.row(keys).le(DSL.row(until)))).orderBy(keys))
                + ") TO STDOUT" + (format == Passthrough.BINARY ? " (FORMAT binary)" : "")
                + " (the chunk's key range inlined) piped into " + copyIn;
    }

    /**
     * What a chunk's pipe did: rows read from the source and written to the target, or refused when
     * the target refused the stream (its transaction is then to be rolled back).
     */
    record Piped(long read, long written, boolean refused) {
    }

    /**
     * Streams the rows of {@code (after, until]} from the source's COPY into the target's, in the target's
     * open transaction; commits nothing. A target refusing a row gives {@code refused} (the target's
     * transaction is then to be rolled back); the source's transaction stays usable.
     */
    Piped pipe(Connection source, Connection target, List<Object> after, List<Object> until) throws SQLException {
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
        CopyOut out = null;
        try {
            out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut(after, until));
            byte[] buffer = new byte[BUFFER_BYTES];
            int used = 0;
            for (byte[] row = out.readFromCopy(); row != null; row = out.readFromCopy()) {
                if (used + row.length > buffer.length) {
                    if (!write(in, buffer, used)) {
                        return refused(out);
                    }
                    used = 0;
                }
                if (row.length > buffer.length) {
                    if (!write(in, row, row.length)) {
                        return refused(out);
                    }
                } else {
                    System.arraycopy(row, 0, buffer, used, row.length);
                    used += row.length;
                }
            }
            if (used > 0 && !write(in, buffer, used)) {
                return refused(out);
            }
            long read = out.getHandledRowCount();
            try {
                return new Piped(read, in.endCopy(), false);
            } catch (SQLException e) {
                if (!SqlStates.isBadRow(e)) {
                    throw e;
                }
                return new Piped(read, 0, true);
            }
        } finally {
            if (in.isActive()) {
                cancelQuietly(in);
            }
            if (out != null && out.isActive()) {
                cancelQuietly(out);
            }
        }
    }

    /** Sends bytes to the target's COPY; false when the target refused a row. */
    private static boolean write(CopyIn in, byte[] bytes, int length) throws SQLException {
        try {
            in.writeToCopy(bytes, 0, length);
            return true;
        } catch (SQLException e) {
            if (!SqlStates.isBadRow(e)) {
                throw e;
            }
            return false;
        }
    }

    /**
     * The rest of a refused chunk is read and dropped rather than cancelled: a cancel would abort the
     * source's transaction, and with it the snapshot the run may read the source from.
     */
    private static Piped refused(CopyOut out) throws SQLException {
        while (out.readFromCopy() != null) {
            // dropped
        }
        return new Piped(out.getHandledRowCount(), 0, true);
    }

    private static void cancelQuietly(org.postgresql.copy.CopyOperation copy) {
        try {
            copy.cancelCopy();
        } catch (SQLException ignored) {
            // The transaction is rolled back by the caller.
        }
    }
}
