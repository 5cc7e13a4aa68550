package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.jdbc.compare.Digest;
import dev.migrationstudio.jdbc.compare.Keys;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates the rows that differ in key ranges whose digests differ: re-reads a range, splits it at
 * real keys sampled from it, and recurses into the parts whose digests still differ, until a range
 * is small enough to compare row by row. Every re-read is checked against the digest it must
 * reproduce; when an engine's range predicate and the Java order disagree (text keys under a
 * collation), that side is re-read whole and filtered in Java from then on. One instance serves one
 * call of {@link #bisect} or {@link #reread}; what it found is returned as a {@link Result}.
 */
final class Bisection {
    private static final Logger LOG = LoggerFactory.getLogger(Bisection.class);
    private static final int FANOUT = 16;
    private static final int MAX_DEPTH = 10;
    private static final int SPLIT_SAMPLE = 2048;

    /**
     * A key range whose two sides' digests differ.
     *
     * @param source the digest of the projected source rows of the range
     * @param target the digest of the target rows of the range
     */
    record Suspect(KeyRange range, Digest source, Digest target) {
    }

    /**
     * What the bisection found.
     *
     * @param rangesBisected ranges re-read and split (or compared row by row)
     * @param rowsCompared rows compared one by one
     * @param differences the differing rows
     * @param errors problems that made part of the result unreliable (rows changing while verified)
     */
    record Result(int rangesBisected, long rowsCompared, Differences differences, List<String> errors) {
        Result {
            errors = List.copyOf(errors);
        }
    }

    private final Settings settings;
    private final TablePlan plan;
    private final TableReader reader;
    private final int[] keyPositions;
    private final CandidatePool candidates;
    private final AtomicInteger rangesBisected = new AtomicInteger();
    private final AtomicLong rowsCompared = new AtomicLong();
    private final AtomicLong unlistedMissing = new AtomicLong();
    private final AtomicLong unlistedExtra = new AtomicLong();
    private final AtomicLong unlistedChanged = new AtomicLong();
    private final AtomicReference<String> inconsistency = new AtomicReference<>();
    private volatile boolean sourceWhole;
    private volatile boolean targetWhole;

    private Bisection(TableReader reader) {
        this.settings = reader.settings();
        this.plan = reader.plan();
        this.reader = reader;
        this.keyPositions = plan.keyPositions();
        this.sourceWhole = !plan.sourceKeyRangeable();
        int capacity = Math.max(10_000, settings.maxDiscrepancies() * 4);
        this.candidates = new CandidatePool(plan.mapping().target(), plan.targetColumns(), plan.keyColumns(), capacity,
                settings.maxDiscrepancies(), new ValueComparison(settings.encoder(), settings.floatTolerance()));
    }

    /** Bisects each suspect range, in parallel. */
    static Result bisect(TableReader reader, List<Suspect> suspects) throws SQLException {
        Bisection bisection = new Bisection(reader);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (Suspect suspect : suspects) {
            tasks.add(() -> {
                bisection.bisect(suspect.range(), suspect.source(), suspect.target(), 0);
                return null;
            });
        }
        return bisection.finish(tasks);
    }

    /**
     * Reads each range on both sides to learn its digests in Java (the ranges are suspected by
     * digests computed elsewhere, in the databases), and bisects those that differ, in parallel.
     */
    static Result reread(TableReader reader, List<KeyRange> ranges) throws SQLException {
        Bisection bisection = new Bisection(reader);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (KeyRange range : ranges) {
            tasks.add(() -> {
                Digest expected = bisection.scan(true, range, (k, v, h) -> { }, bisection.sourceWhole);
                Digest actual = bisection.scan(false, range, (k, v, h) -> { }, bisection.targetWhole);
                if (!expected.equals(actual)) {
                    bisection.bisect(range, expected, actual, 0);
                }
                return null;
            });
        }
        return bisection.finish(tasks);
    }

    private Result finish(List<Callable<Void>> tasks) throws SQLException {
        if (!tasks.isEmpty()) {
            reader.inParallel(tasks, "bisection");
        }
        Differences differences = candidates.finish()
                .plusUnlisted(unlistedMissing.get(), unlistedExtra.get(), unlistedChanged.get());
        String error = inconsistency.get();
        return new Result(rangesBisected.get(), rowsCompared.get(), differences,
                error == null ? List.of() : List.of(error));
    }

    private void bisect(KeyRange range, Digest expected, Digest actual, int depth) throws SQLException {
        rangesBisected.incrementAndGet();
        long larger = Math.max(expected.count(), actual.count());
        if (range.nullKeys() || expected.count() == 0 || actual.count() == 0 || larger <= settings.leafRows()
                || depth >= MAX_DEPTH) {
            leaf(range, expected, actual);
            return;
        }
        List<Object[]> splits = splitPoints(range, expected.count() > actual.count());
        if (splits.isEmpty()) {
            leaf(range, expected, actual);
            return;
        }
        SubDigests sourceParts = scanChecked(true, range, expected, () -> new SubDigests(splits));
        SubDigests targetParts = scanChecked(false, range, actual, () -> new SubDigests(splits));
        for (int i = 0; i <= splits.size(); i++) {
            Digest source = sourceParts.sums[i].digest();
            Digest target = targetParts.sums[i].digest();
            if (!source.equals(target)) {
                KeyRange part = new KeyRange(i == 0 ? range.lower() : splits.get(i - 1),
                        i == splits.size() ? range.upper() : splits.get(i), false);
                bisect(part, source, target, depth + 1);
            }
        }
    }

    /** Real keys of the range, sampled and sorted, cut into at most FANOUT parts. */
    private List<Object[]> splitPoints(KeyRange range, boolean fromSource) throws SQLException {
        KeySample sample = new KeySample(new Random(settings.seed() ^ range.hashCode()));
        if (fromSource) {
            scan(true, range, sample, sourceWhole);
        } else if (targetWhole) {
            scan(false, range, sample, true);
        } else {
            Sql.stream(reader.target(), plan.selectTargetKeys(plan.targetRange(range)), key -> {
                if (range.contains(key)) {
                    sample.row(key, null, null);
                }
            });
        }
        List<Object[]> keys = sample.keys;
        keys.sort(Keys.ORDER);
        List<Object[]> splits = new ArrayList<>();
        for (int i = 1; i < FANOUT; i++) {
            Object[] candidate = keys.isEmpty() ? null : keys.get((int) ((long) keys.size() * i / FANOUT));
            if (candidate != null && (range.lower() == null || Keys.compare(candidate, range.lower()) > 0)
                    && (splits.isEmpty() || Keys.compare(splits.get(splits.size() - 1), candidate) < 0)) {
                splits.add(candidate);
            }
        }
        return splits;
    }

    /** Compares a small range row by row; rows without a counterpart go to the candidate pool. */
    private void leaf(KeyRange range, Digest expected, Digest actual) throws SQLException {
        int room = Math.max(settings.leafRows() * 4, candidates.room());
        LeafRows sourceRows = scanChecked(true, range, expected, () -> new LeafRows(room));
        LeafRows targetRows = scanChecked(false, range, actual, () -> new LeafRows(room));
        rowsCompared.addAndGet(sourceRows.count + targetRows.count);
        Map<Keys.Bytes, List<LeafRow>> remaining = targetRows.byKey;
        for (Map.Entry<Keys.Bytes, List<LeafRow>> entry : sourceRows.byKey.entrySet()) {
            List<LeafRow> expectedRows = entry.getValue();
            List<LeafRow> actualRows = remaining.remove(entry.getKey());
            if (actualRows == null) {
                expectedRows.forEach(r -> candidates.missing(entry.getKey(), r.key, r.values));
                continue;
            }
            match(entry.getKey(), expectedRows, actualRows);
        }
        remaining.forEach((id, rows) -> rows.forEach(r -> candidates.extra(id, r.key, r.values)));
        if (sourceRows.overflow > 0 || targetRows.overflow > 0) {
            // More differing rows than can be held: counted as a whole, the listed ones stand for them.
            unlistedMissing.addAndGet(Math.max(0, sourceRows.overflow - targetRows.overflow));
            unlistedExtra.addAndGet(Math.max(0, targetRows.overflow - sourceRows.overflow));
            unlistedChanged.addAndGet(Math.min(sourceRows.overflow, targetRows.overflow));
        }
    }

    /** Rows of one key on both sides: identical ones cancel, the rest pair up as changes; leftovers go to the pool. */
    private void match(Keys.Bytes id, List<LeafRow> expected, List<LeafRow> actual) {
        List<LeafRow> unmatched = new ArrayList<>(actual);
        List<LeafRow> pending = new ArrayList<>();
        for (LeafRow row : expected) {
            boolean found = false;
            for (Iterator<LeafRow> it = unmatched.iterator(); it.hasNext(); ) {
                if (it.next().sameHash(row)) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) {
                pending.add(row);
            }
        }
        int pairs = Math.min(pending.size(), unmatched.size());
        for (int i = 0; i < pairs; i++) {
            candidates.pair(pending.get(i).key, pending.get(i).values, unmatched.get(i).values);
        }
        for (int i = pairs; i < pending.size(); i++) {
            candidates.missing(id, pending.get(i).key, pending.get(i).values);
        }
        for (int i = pairs; i < unmatched.size(); i++) {
            candidates.extra(id, unmatched.get(i).key, unmatched.get(i).values);
        }
    }

    // ---------------------------------------------------------------- range reading

    /** Receives the rows of a range that the Java order puts in it. */
    private interface RangeSink {
        void row(Object[] key, Object[] values, long[] hash);
    }

    /** Digests of the parts of a range cut at split keys. */
    private static final class SubDigests implements RangeSink {
        final List<Object[]> splits;
        final Digest.Sum[] sums;

        SubDigests(List<Object[]> splits) {
            this.splits = splits;
            this.sums = Digest.sums(splits.size() + 1);
        }

        @Override
        public void row(Object[] key, Object[] values, long[] hash) {
            sums[Keys.locate(splits, key)].add(hash);
        }
    }

    /** A uniform sample of a range's keys (reservoir sampling). */
    private static final class KeySample implements RangeSink {
        final List<Object[]> keys = new ArrayList<>();
        final Random random;
        long seen;

        KeySample(Random random) {
            this.random = random;
        }

        @Override
        public void row(Object[] key, Object[] values, long[] hash) {
            seen++;
            if (keys.size() < SPLIT_SAMPLE) {
                keys.add(key);
            } else {
                long slot = (long) (random.nextDouble() * seen);
                if (slot < SPLIT_SAMPLE) {
                    keys.set((int) slot, key);
                }
            }
        }
    }

    private record LeafRow(Object[] key, Object[] values, long low, long high) {
        boolean sameHash(LeafRow other) {
            return low == other.low && high == other.high;
        }
    }

    /** The rows of a leaf range by key, up to a capacity; beyond it rows are only counted. */
    private final class LeafRows implements RangeSink {
        final Map<Keys.Bytes, List<LeafRow>> byKey = new HashMap<>();
        final CanonicalEncoder keyEncoder = settings.encoder();
        final int capacity;
        long count;
        long overflow;

        LeafRows(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void row(Object[] key, Object[] values, long[] hash) {
            if (count >= capacity) {
                overflow++;
                return;
            }
            count++;
            byKey.computeIfAbsent(new Keys.Bytes(keyEncoder.encodeAll(key)), k -> new ArrayList<>(1))
                    .add(new LeafRow(key, values, hash[0], hash[1]));
        }
    }

    /**
     * Reads a range and checks that its rows reproduce the digest they must; if they do not, the
     * side's range predicate disagrees with the Java order, and it is read whole from then on.
     */
    private <T extends RangeSink> T scanChecked(boolean sourceSide, KeyRange range, Digest expected,
                                                Supplier<T> sink) throws SQLException {
        T result = sink.get();
        Digest got = scan(sourceSide, range, result, sourceSide ? sourceWhole : targetWhole);
        if (got.equals(expected)) {
            return result;
        }
        if (!(sourceSide ? sourceWhole : targetWhole)) {
            LOG.info("{}: the {} database's key order differs from the comparison's; reading it whole from now on",
                    plan.describe(), sourceSide ? "source" : "target");
            if (sourceSide) {
                sourceWhole = true;
            } else {
                targetWhole = true;
            }
            result = sink.get();
            got = scan(sourceSide, range, result, true);
        }
        if (!got.equals(expected)) {
            inconsistency.compareAndSet(null, "the " + (sourceSide ? "source" : "target") + " rows of key range "
                    + range.describe() + " changed while they were being verified (" + expected.text() + " before, "
                    + got.text() + " when re-read); verify again once writes have stopped");
        }
        return result;
    }

    /** Streams the rows of a range (projected, for the source) to the sink; returns their digest. */
    private Digest scan(boolean sourceSide, KeyRange range, RangeSink sink, boolean whole) throws SQLException {
        Digest.Sum digest = new Digest.Sum();
        CanonicalEncoder encoder = settings.encoder();
        Sql.RowHandler deliver = row -> {
            Object[] key = Keys.extract(row, keyPositions);
            if (range.contains(key)) {
                long[] hash = encoder.hash(row);
                digest.add(hash);
                sink.row(key, row, hash);
            }
        };
        if (sourceSide) {
            Condition where = whole ? DSL.noCondition() : plan.sourceRange(range);
            reader.readSource(where, null, null, deliver);
        } else {
            Condition where = whole ? DSL.noCondition() : plan.targetRange(range);
            reader.readTarget(where, deliver);
        }
        return digest.digest();
    }
}
