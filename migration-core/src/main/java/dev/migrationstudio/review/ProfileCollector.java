package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.TextEncoding;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowLayout;
import dev.migrationstudio.mapping.RowObserver;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.review.internal.DomainCheck;
import dev.migrationstudio.review.internal.Fit;
import dev.migrationstudio.review.internal.HashDuplicates;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Measures a table from its rows, one row at a time, in memory that does not grow with the number
 * of rows: counters, extremes and the first few examples only. A {@link DataProfile} streams a
 * table's rows through one collector and returns {@link #finish}'s result.
 *
 * <p>Every table mapping of the request is applied to every row by {@link TableMapping#trace}, the
 * code the migration's {@link TableMapping#apply} runs: filters, rules, derivation visibility and the
 * rejection of NULL keys are the migration's own. Fields are evaluated independently, so each
 * column's count is complete even when another column of the same row is rejected. Each value a
 * field produces is then checked against the target column's type with the core cast, and against
 * the simple CHECKs of the target column's domain when its type is one (ranges and lists of values).
 *
 * <p>Duplicates of a source key column set are counted here only for the set the rows arrive sorted
 * by ({@link #sortedBy}); other sets are counted elsewhere (by the database) and passed to
 * {@link #finish}. What each primary or unique key of a target receives after the rules is counted
 * here, from 64-bit hashes held in a fixed buffer that spills sorted runs to temporary files
 * ({@link MappingProfile#targetKeys()}). Not thread-safe: one collector per pass.
 */
public final class ProfileCollector {
    private static final int EXAMPLES = 3;

    private final ProfileRequest request;
    private final RowLayout layout;
    private final int[] exampleKey;
    private final ColumnStats[] columns;
    private final List<int[]> keyPositions = new ArrayList<>();
    private final long[] keyNulls;
    private final List<String> sortedKey;
    private final SortedKeyStats sorted;
    private final List<ProjectionStats> projections = new ArrayList<>();
    /** Rows holding the edges of the data, one per reason (a column's NULL, its longest value, ...). */
    private final Map<String, SampleRow> samples = new LinkedHashMap<>();
    private long rows;

    private ProfileCollector(ProfileRequest request, List<String> sortedKey) {
        this.request = checkNotNull(request, "request");
        this.layout = RowLayout.of(request.columns());
        this.exampleKey = positions(request.exampleKey());
        TableInfo table = request.table();
        this.columns = new ColumnStats[table.columns().size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new ColumnStats(table.columns().get(i).name());
        }
        for (List<String> key : request.keys()) {
            keyPositions.add(positions(key));
        }
        this.keyNulls = new long[keyPositions.size()];
        this.sortedKey = sortedKey;
        this.sorted = sortedKey.isEmpty() ? null : new SortedKeyStats(positions(sortedKey));
        for (ProfileRequest.Projection projection : request.mappings()) {
            projections.add(new ProjectionStats(projection));
        }
    }

    /**
     * A collector for rows in any order.
     *
     * @param request the table and what to measure; not null
     * @return the collector
     */
    public static ProfileCollector of(ProfileRequest request) {
        return new ProfileCollector(request, List.of());
    }

    /**
     * A collector for rows that arrive sorted by {@code key} (NULLs anywhere): duplicates of that set
     * are counted by comparing neighbours, in constant memory.
     *
     * @param request the table and what to measure; not null
     * @param key the key set the rows are sorted by
     * @return the collector
     * @throws IllegalArgumentException if {@code key} is not one of the request's key sets
     */
    public static ProfileCollector sortedBy(ProfileRequest request, List<String> key) {
        checkNotNull(key, "key");
        checkArgument(request.keys().contains(key), "%s is not among the key sets of the request %s", key, request.keys());
        return new ProfileCollector(request, List.copyOf(key));
    }

    /**
     * The columns a row must have, in table order.
     *
     * @return the layout
     */
    public RowLayout layout() {
        return layout;
    }

    /**
     * Measures one row.
     *
     * @param row the row; not null
     * @throws IllegalArgumentException if the row's columns are not {@link #layout()}'s
     */
    public void accept(Row row) {
        checkArgument(row.layout().equals(layout), "rows of %s must have the columns %s, got %s",
                request.table().id(), layout.columns(), row.columns());
        rows++;
        for (int i = 0; i < columns.length; i++) {
            columns[i].accept(row.get(i), row);
        }
        for (int k = 0; k < keyPositions.size(); k++) {
            if (anyNull(row, keyPositions.get(k))) {
                keyNulls[k]++;
            }
        }
        if (sorted != null) {
            sorted.accept(row);
        }
        for (ProjectionStats projection : projections) {
            projection.accept(row);
        }
    }

    /**
     * Rows measured so far where some column of {@code key} (a key set of the request) is NULL.
     *
     * @param key a key set of the request
     * @return the number of rows
     */
    public long rowsWithNull(List<String> key) {
        int index = request.keys().indexOf(key);
        checkArgument(index >= 0, "%s is not among the key sets of the request %s", key, request.keys());
        return keyNulls[index];
    }

    /**
     * Rows measured so far.
     *
     * @return the number of rows
     */
    public long rows() {
        return rows;
    }

    /**
     * The measurements.
     *
     * @param elapsed how long the pass took
     * @param measuredKeys duplicates of key sets counted outside this collector (by the database); key
     *     sets neither guaranteed by a constraint, sorted, nor given here are left out of the result
     * @return the table's profile
     */
    public TableProfile finish(Duration elapsed, List<KeyProfile> measuredKeys) {
        List<KeyProfile> keys = new ArrayList<>();
        for (int k = 0; k < request.keys().size(); k++) {
            List<String> key = request.keys().get(k);
            Optional<String> guarantee = request.guaranteeOf(key);
            if (guarantee.isPresent()) {
                keys.add(KeyProfile.guaranteed(key, guarantee.get(), rows, keyNulls[k]));
            } else if (key.equals(sortedKey)) {
                keys.add(sorted.profile(key, keyNulls[k]));
            } else {
                measuredKeys.stream().filter(p -> p.columns().equals(key)).findFirst().ifPresent(keys::add);
            }
        }
        return new TableProfile(request.table().id(), rows, elapsed,
                Arrays.stream(columns).map(c -> c.profile(rows)).toList(), keys,
                projections.stream().map(ProjectionStats::profile).toList(), List.copyOf(samples.values()));
    }

    /** Keeps {@code row} as the sample for {@code slot}, replacing an earlier one only when asked. */
    private void sample(String slot, String why, Row row, boolean replace) {
        if (replace) {
            samples.put(slot, new SampleRow(why, row));
        } else {
            samples.putIfAbsent(slot, new SampleRow(why, row));
        }
    }

    private int[] positions(List<String> names) {
        int[] positions = new int[names.size()];
        for (int i = 0; i < positions.length; i++) {
            String name = names.get(i);
            positions[i] = layout.position(name).orElseThrow(() -> new IllegalArgumentException(
                    "'" + name + "' is not a column of " + request.table().id()));
        }
        return positions;
    }

    private static boolean anyNull(Row row, int[] positions) {
        for (int position : positions) {
            if (row.get(position) == null) {
                return true;
            }
        }
        return false;
    }

    private String keyOf(Row row) {
        if (exampleKey.length == 0) {
            return "row " + rows;
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < exampleKey.length; i++) {
            key.append(i == 0 ? "" : ", ").append(layout.columns().get(exampleKey[i])).append('=')
                    .append(ValueText.shown(row.get(exampleKey[i])));
        }
        return key.toString();
    }

    private static void addExample(List<ValueExample> examples, ValueExample example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }

    private static int length(Object value) {
        if (value instanceof byte[]) {
            return ((byte[]) value).length;
        }
        String text = (String) value;
        return text.codePointCount(0, text.length());
    }

    /** Counters and extremes of one column. */
    private final class ColumnStats {
        private final String name;
        private long nulls;
        private long maxLength = -1;
        private ValueExample longest;
        private BigDecimal min;
        private BigDecimal max;
        private int maxIntegerDigits = -1;
        private int maxScale = -1;
        private Temporal earliest;
        private Temporal latest;
        private long withTimeOfDay;

        ColumnStats(String name) {
            this.name = name;
        }

        void accept(Object value, Row row) {
            if (value == null) {
                nulls++;
                sample(name + " null", name + " is NULL", row, false);
            } else if (value instanceof String || value instanceof byte[]) {
                int length = length(value);
                if (length > maxLength) {
                    maxLength = length;
                    longest = new ValueExample(keyOf(row), ValueText.shown(value), length + (value instanceof String
                            ? " characters" : " bytes"));
                    sample(name + " longest", "longest " + name + " (" + longest.detail() + ")", row, true);
                }
            } else if (value instanceof Number) {
                BigDecimal number = Fit.Numbers.decimal(value);
                if (number != null) {
                    if (min == null || number.compareTo(min) < 0) {
                        sample(name + " min", "smallest " + name, row, true);
                    }
                    if (max == null || number.compareTo(max) > 0) {
                        sample(name + " max", "largest " + name, row, true);
                    }
                    min = min == null || number.compareTo(min) < 0 ? number : min;
                    max = max == null || number.compareTo(max) > 0 ? number : max;
                    maxIntegerDigits = Math.max(maxIntegerDigits, Fit.Numbers.integerDigits(number));
                    maxScale = Math.max(maxScale, Fit.Numbers.scaleUsed(number));
                }
            } else if (value instanceof Temporal && value instanceof Comparable) {
                Temporal temporal = (Temporal) value;
                if (earlier(earliest, temporal)) {
                    earliest = temporal;
                    sample(name + " earliest", "earliest " + name, row, true);
                }
                if (earlier(temporal, latest) || latest == null) {
                    latest = temporal;
                    sample(name + " latest", "latest " + name, row, true);
                }
                if (value instanceof LocalDateTime && !((LocalDateTime) value).toLocalTime().equals(LocalTime.MIDNIGHT)
                        || value instanceof OffsetDateTime
                        && !((OffsetDateTime) value).toLocalTime().equals(LocalTime.MIDNIGHT)) {
                    withTimeOfDay++;
                }
            }
        }

        /** Whether {@code candidate} comes before {@code current} (true when there is no current yet). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private boolean earlier(Temporal current, Temporal candidate) {
            if (candidate == null) {
                return false;
            }
            if (current == null) {
                return true;
            }
            return current.getClass() == candidate.getClass() && ((Comparable) candidate).compareTo(current) < 0;
        }

        ColumnProfile profile(long rows) {
            return new ColumnProfile(name, rows, nulls,
                    maxLength < 0 ? OptionalLong.empty() : OptionalLong.of(maxLength), Optional.ofNullable(longest),
                    Optional.ofNullable(min), Optional.ofNullable(max),
                    maxIntegerDigits < 0 ? OptionalInt.empty() : OptionalInt.of(maxIntegerDigits),
                    maxScale < 0 ? OptionalInt.empty() : OptionalInt.of(maxScale),
                    Optional.ofNullable(earliest), Optional.ofNullable(latest), withTimeOfDay);
        }
    }

    /** Duplicates of the key set the rows are sorted by, found by comparing each row with the previous one. */
    private final class SortedKeyStats {
        private final int[] positions;
        private Object[] previous;
        private long groupSize;
        private long distinct;
        private long duplicateRows;
        private long duplicateValues;
        private String groupExample;
        private final List<ValueExample> examples = new ArrayList<>();

        SortedKeyStats(int[] positions) {
            this.positions = positions;
        }

        void accept(Row row) {
            if (anyNull(row, positions)) {
                return;
            }
            Object[] current = new Object[positions.length];
            for (int i = 0; i < positions.length; i++) {
                current[i] = row.get(positions[i]);
            }
            if (previous != null && sameKey(previous, current)) {
                groupSize++;
                duplicateRows++;
                if (groupSize == 2) {
                    duplicateValues++;
                }
                return;
            }
            closeGroup();
            previous = current;
            groupSize = 1;
            distinct++;
            groupExample = describe(current);
        }

        private void closeGroup() {
            if (groupSize > 1) {
                addExample(examples, new ValueExample(groupExample, groupSize + " rows", ""));
            }
        }

        private String describe(Object[] values) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                text.append(i == 0 ? "" : ", ").append(layout.columns().get(positions[i])).append('=')
                        .append(ValueText.shown(values[i]));
            }
            return text.toString();
        }

        KeyProfile profile(List<String> key, long rowsWithNull) {
            closeGroup();
            groupSize = 0;
            return new KeyProfile(key, rowsWithNull, distinct, duplicateRows, duplicateValues, examples, Optional.empty());
        }
    }

    /** Whether two key values are equal as the database compares them (decimals by value, bytes by content). */
    static boolean sameKey(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            Object x = a[i];
            Object y = b[i];
            boolean same;
            if (x instanceof BigDecimal && y instanceof BigDecimal) {
                same = ((BigDecimal) x).compareTo((BigDecimal) y) == 0;
            } else if (x instanceof byte[] && y instanceof byte[]) {
                same = Arrays.equals((byte[]) x, (byte[]) y);
            } else {
                same = x.equals(y);
            }
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * One table mapping applied to every row, through {@link TableMapping#trace}: the profile counts
     * exactly what the migration's {@link TableMapping#apply} does with each row.
     */
    private final class ProjectionStats implements RowObserver {
        private final TableMapping mapping;
        private final boolean evaluable;
        private final Map<String, Long> filtered = new LinkedHashMap<>();
        private final Map<String, Long> filterFailures = new LinkedHashMap<>();
        /** Per field of the mapping: its measurements, or null when it reads a column the table lacks. */
        private final FieldStats[] byField;
        private final List<FieldStats> fields = new ArrayList<>();
        private final List<TargetKeyStats> targetKeys = new ArrayList<>();
        private long rows;
        private Row current;

        ProjectionStats(ProfileRequest.Projection projection) {
            this.mapping = projection.mapping();
            // A filter reading a column the table lacks cannot run; the review reports that column instead.
            this.evaluable = mapping.filters().stream().allMatch(f -> f.reads().stream().allMatch(layout::contains));
            this.byField = new FieldStats[mapping.fields().size()];
            for (int i = 0; i < byField.length; i++) {
                FieldMapping field = mapping.fields().get(i);
                if (field.sourceColumnsRead().stream().allMatch(layout::contains)) {
                    Optional<ColumnInfo> column = projection.target().flatMap(t -> t.column(field.target()));
                    byField[i] = new FieldStats(field, column.map(ColumnInfo::type).orElse(null),
                            column.flatMap(ColumnInfo::encoding));
                    fields.add(byField[i]);
                }
            }
            projection.target().ifPresent(this::watchKeys);
        }

        /** The target's primary and unique keys that the measured fields fill entirely. */
        private void watchKeys(TableInfo target) {
            List<KeyInfo> keys = new ArrayList<>();
            target.primaryKey().ifPresent(keys::add);
            keys.addAll(target.uniqueKeys());
            List<String> filled = fields.stream().map(f -> f.field.target()).toList();
            for (KeyInfo key : keys) {
                if (filled.containsAll(key.columns())) {
                    int[] positions = key.columns().stream()
                            .mapToInt(c -> mapping.targetLayout().position(c).getAsInt()).toArray();
                    TextEncoding[] encodings = key.columns().stream()
                            .map(c -> target.column(c).flatMap(ColumnInfo::encoding).orElse(null))
                            .toArray(TextEncoding[]::new);
                    targetKeys.add(new TargetKeyStats(key.columns(), positions, encodings));
                }
            }
        }

        void accept(Row row) {
            if (!evaluable) {
                return;
            }
            rows++;
            current = row;
            RowResult result = mapping.trace(row, this);
            if (result instanceof RowResult.Loaded) {
                Row loaded = ((RowResult.Loaded) result).row();
                for (TargetKeyStats key : targetKeys) {
                    key.accept(loaded);
                }
            }
        }

        @Override
        public void filtered(String filter) {
            filtered.merge(filter, 1L, Long::sum);
            sample(mapping.describe() + " filtered " + filter, "filtered by '" + filter + "'", current, false);
        }

        @Override
        public void filterFailed(String filter, String reason) {
            filterFailures.merge(filter, 1L, Long::sum);
            sample(mapping.describe() + " filter failed " + filter, "filter '" + filter + "' fails: " + reason, current,
                    false);
        }

        @Override
        public void produced(int field, Object value) {
            byField[field].produced(current, value);
        }

        @Override
        public void rejected(int field, String rule, Object input, String reason) {
            byField[field].rejected(current, rule, input, reason);
            String target = mapping.fields().get(field).target();
            sample(mapping.describe() + " rejected " + target + " " + rule, target + " rejected by " + rule + ": " + reason,
                    current, false);
        }

        MappingProfile profile() {
            return new MappingProfile(mapping.source(), mapping.target(), evaluable ? rows : 0, filtered,
                    filterFailures, evaluable ? fields.stream().map(FieldStats::profile).toList() : List.of(),
                    evaluable ? targetKeys.stream().map(TargetKeyStats::profile).toList() : List.of());
        }
    }

    /**
     * Repeats among the values a target key receives, after the mapping's rules, in bounded memory:
     * a row the rules reject is not counted (it will not load), nor one with a NULL in the key (unique
     * constraints let those repeat). Text is compared as the target column's collation compares it,
     * when the target declares one: under a case-insensitive collation {@code 'Ada'} repeats {@code 'ada'}.
     */
    private static final class TargetKeyStats {
        private static final int HASHES_IN_MEMORY = 1 << 18;
        private final List<String> columns;
        private final int[] positions;
        /** Per key column, the target's encoding, or null where it declares none. */
        private final TextEncoding[] encodings;
        private final HashDuplicates hashes = new HashDuplicates(HASHES_IN_MEMORY);
        private long rowsWithNull;

        TargetKeyStats(List<String> columns, int[] positions, TextEncoding[] encodings) {
            this.columns = columns;
            this.positions = positions;
            this.encodings = encodings;
        }

        void accept(Row row) {
            Hasher hasher = Hashing.murmur3_128().newHasher();
            for (int i = 0; i < positions.length; i++) {
                Object value = row.get(positions[i]);
                if (value == null) {
                    rowsWithNull++;
                    return;
                }
                // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ; decimals by value (1.50 = 1.5).
                String text = value instanceof BigDecimal ? ((BigDecimal) value).stripTrailingZeros().toPlainString()
                        : value instanceof String && encodings[i] != null ? encodings[i].comparable((String) value)
                        : value.toString();
                hasher.putInt(text.length()).putUnencodedChars(text);
            }
            hashes.add(hasher.hash().asLong());
        }

        KeyProfile profile() {
            HashDuplicates.Counts counts = hashes.finish();
            return new KeyProfile(columns, rowsWithNull, counts.distinct(), counts.duplicateRows(),
                    counts.duplicateValues(), List.of(), Optional.empty());
        }
    }

    /** What one target column receives, as {@link TableMapping#trace} reports it. */
    private final class FieldStats {
        private final FieldMapping field;
        private final SqlType targetType;
        private long rows;
        private final Map<String, Long> rejectedByRule = new LinkedHashMap<>();
        private final List<ValueExample> rejections = new ArrayList<>();
        private long nulls;
        private final List<ValueExample> nullExamples = new ArrayList<>();
        private final Map<FindingKind, LossStats> losses = new EnumMap<>(FindingKind.class);

        /** The target domain's evaluable checks, when the target column's type is a domain's. */
        private final DomainCheck domainCheck;
        private final Optional<TextEncoding> targetEncoding;

        FieldStats(FieldMapping field, SqlType targetType, Optional<TextEncoding> targetEncoding) {
            this.field = field;
            this.targetType = targetType;
            this.targetEncoding = targetEncoding;
            this.domainCheck = targetType == null ? null
                    : targetType.domain().map(DomainCheck::of).filter(DomainCheck::evaluable).orElse(null);
        }

        void rejected(Row row, String rule, Object input, String reason) {
            rows++;
            rejectedByRule.merge(rule, 1L, Long::sum);
            addExample(rejections, new ValueExample(keyOf(row), ValueText.shown(input), reason));
        }

        void produced(Row row, Object value) {
            rows++;
            if (value == null) {
                nulls++;
                addExample(nullExamples, new ValueExample(keyOf(row), "NULL", ""));
                return;
            }
            if (targetType != null) {
                Optional<Fit.Miss> miss = Fit.check(value, targetType, targetEncoding);
                if (miss.isPresent()) {
                    losses.computeIfAbsent(miss.get().kind(), k -> new LossStats()).accept(miss.get(), keyOf(row), value);
                } else if (domainCheck != null && domainCheck.refusal(value).isPresent()) {
                    losses.computeIfAbsent(FindingKind.DOMAIN_CONSTRAINT, k -> new LossStats())
                            .accept(new Fit.Miss(FindingKind.DOMAIN_CONSTRAINT, 0), keyOf(row), value);
                }
            }
        }

        FieldProfile profile() {
            Map<FindingKind, Loss> result = new EnumMap<>(FindingKind.class);
            losses.forEach((kind, stats) -> result.put(kind, stats.loss(kind)));
            return new FieldProfile(field.target(), rows, rejectedByRule, rejections, nulls, nullExamples, result);
        }
    }

    /** Values of one field that suffer one kind of loss. */
    private static final class LossStats {
        private long rows;
        private long worst = -1;
        private ValueExample worstExample;
        private final List<ValueExample> examples = new ArrayList<>();

        void accept(Fit.Miss miss, String key, Object value) {
            rows++;
            ValueExample example = new ValueExample(key, ValueText.shown(value), "");
            if (miss.measure() > worst) {
                worst = miss.measure();
                worstExample = example;
            }
            addExample(examples, example);
        }

        Loss loss(FindingKind kind) {
            return new Loss(kind, rows, Math.max(worst, 0), Optional.ofNullable(worstExample), examples);
        }
    }
}
