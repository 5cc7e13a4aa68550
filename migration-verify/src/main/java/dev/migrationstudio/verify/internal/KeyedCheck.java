package dev.migrationstudio.verify.internal;

import dev.migrationstudio.MigrationException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a table with a key. Pass 1 streams both sides in parallel (whole tables, or key-range
 * segments of them), projects the source through the mapping, and sums row hashes into key-range
 * chunks assigned in Java, so that the engines' own key orders cannot make the two sides disagree.
 * Chunks whose digests differ are bisected: re-read by key range, split at real keys sampled from
 * the range, until a range is small enough to compare row by row. Every re-read is checked against
 * the digest it must reproduce; when an engine's range predicate and the Java order disagree (text
 * keys under a collation), that side is re-read whole and filtered in Java instead.
 */
public final class KeyedCheck {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedCheck.class);
    private static final int FANOUT = 16;
    private static final int MAX_DEPTH = 10;
    private static final int SPLIT_SAMPLE = 2048;

    private final Settings settings;
    private final TablePlan plan;
    private final Side source;
    private final Side target;
    private final ExecutorService pool;
    private final TableComparison out;
    private final int[] keyPositions;
    private final CandidatePool candidates;
    private final AtomicInteger rangesBisected = new AtomicInteger();
    private final AtomicLong rowsCompared = new AtomicLong();
    private volatile boolean sourceWhole;
    private volatile boolean targetWhole;
    private volatile boolean inconsistencyReported;

    /** Prepares the comparison of one table. */
    public KeyedCheck(Settings settings, TablePlan plan, Side source, Side target, ExecutorService pool,
                      TableComparison out) {
        this.settings = settings;
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.pool = pool;
        this.out = out;
        this.keyPositions = plan.keyPositions();
        this.sourceWhole = !plan.sourceKeyRangeable();
        int capacity = Math.max(10_000, settings.maxDiscrepancies() * 4);
        this.candidates = new CandidatePool(plan.mapping().target(), plan.targetColumns(), plan.keyColumns(), capacity,
                settings.maxDiscrepancies(), new ValueComparison(settings.encoder(), settings.floatTolerance()));
    }

    /** Runs pass 1, the bisection of differing chunks and the sample, filling the comparison. */
    public void run() throws SQLException {
        // The databases cannot leave out the rows the loader quarantined: those tables are hashed in Java.
        if (settings.checksums() && settings.pushdown() && !plan.hasRowsQuarantinedByLoader()
                && Pushdown.applicable(plan, source, target)
                && runPushdown(planBoundaries())) {
            return;
        }
        Object[][] boundaries = settings.checksums() || settings.sampleRows() > 0 ? planBoundaries() : new Object[0][];
        int chunks = boundaries.length + 1;
        out.chunks = chunks;
        PassResult pass = passOne(boundaries);
        out.tally.add(pass.tally);
        if (settings.checksums()) {
            Digest sourceTotal = new Digest();
            Digest targetTotal = new Digest();
            Arrays.stream(pass.source).forEach(sourceTotal::add);
            Arrays.stream(pass.target).forEach(targetTotal::add);
            out.sourceDigest = java.util.Optional.of(sourceTotal.text());
            out.targetDigest = java.util.Optional.of(targetTotal.text());
            out.targetRows = targetTotal.count();
            bisectDiffering(boundaries, pass);
            candidates.finish(out);
            out.rangesBisected = rangesBisected.get();
            out.rowsCompared = rowsCompared.get();
        } else {
            out.targetRows = countTarget();
        }
        if (settings.sampleRows() > 0) {
            new SampleCheck(settings, plan, target, out).run(pass.sample.rows());
        }
    }

    // ---------------------------------------------------------------- pushdown

    /**
     * Chunk digests computed by both databases; differing chunks are then re-read and bisected in
     * Java. Returns false, having done nothing, when the canary chunk's SQL digest is not the Java one.
     */
    private boolean runPushdown(Object[][] boundaries) throws SQLException {
        List<String> sourceColumns = plan.mapping().fields().stream()
                .map(f -> plan.sourceTable().column(f.source().orElseThrow()).orElseThrow().name()).toList();
        List<String> targetColumns = plan.targetColumns().stream()
                .map(c -> plan.targetTable().column(c).orElseThrow().name()).toList();
        String sourceKey = plan.sourceTable().column(plan.mapping().sourceKey().get(0)).orElseThrow().name();
        String targetKey = plan.targetTable().column(plan.keyColumns().get(0)).orElseThrow().name();
        List<Pushdown.SqlDigest[]> sql = runAll(List.of(
                () -> Pushdown.chunkDigests(source, plan.sourceTable(), sourceColumns, sourceKey, boundaries),
                () -> Pushdown.chunkDigests(target, plan.targetTable(), targetColumns, targetKey, boundaries)),
                "checksums");
        Pushdown.SqlDigest[] sourceChunks = sql.get(0);
        Pushdown.SqlDigest[] targetChunks = sql.get(1);
        KeyRange canary = boundaries.length == 0 ? KeyRange.all() : new KeyRange(null, boundaries[0], false);
        Pushdown.JavaDigest sourceCanary = new Pushdown.JavaDigest();
        Pushdown.JavaDigest targetCanary = new Pushdown.JavaDigest();
        Sql.stream(source, plan.selectSource(plan.sourceRange(canary)), sourceCanary::add);
        Sql.stream(target, plan.selectTarget(plan.targetRange(canary)), targetCanary::add);
        if (!sourceCanary.digest().equals(sourceChunks[0]) || !targetCanary.digest().equals(targetChunks[0])) {
            LOG.info("{}: the databases' digest of the canary chunk differs from Java's ({} / {}); comparing in Java",
                    plan.describe(), sourceChunks[0].text(), sourceCanary.digest().text());
            return false;
        }
        out.pushdown = true;
        out.method = "key ranges, digests computed in PostgreSQL";
        int chunks = boundaries.length + 1;
        out.chunks = chunks;
        Pushdown.SqlDigest sourceTotal = Pushdown.SqlDigest.EMPTY;
        Pushdown.SqlDigest targetTotal = Pushdown.SqlDigest.EMPTY;
        for (int i = 0; i <= chunks; i++) {
            sourceTotal = sourceTotal.plus(sourceChunks[i]);
            targetTotal = targetTotal.plus(targetChunks[i]);
        }
        long nullKeys = sourceChunks[chunks].count();
        out.tally.countInBulk(sourceTotal.count() - nullKeys, nullKeys,
                nullKeys + " source rows with a NULL key: a key must not be NULL");
        out.targetRows = targetTotal.count();
        out.sourceDigest = java.util.Optional.of(sourceTotal.text());
        out.targetDigest = java.util.Optional.of(targetTotal.text());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i <= chunks; i++) {
            if (!sourceChunks[i].equals(targetChunks[i])) {
                out.chunksDiffering++;
                KeyRange range = i == chunks ? KeyRange.nulls()
                        : new KeyRange(i == 0 ? null : boundaries[i - 1], i == chunks - 1 ? null : boundaries[i], false);
                tasks.add(() -> {
                    Digest expected = scan(true, range, (k, v, h) -> { }, sourceWhole);
                    Digest actual = scan(false, range, (k, v, h) -> { }, targetWhole);
                    if (!expected.equals(actual)) {
                        bisect(range, expected, actual, 0);
                    }
                    return null;
                });
            }
        }
        if (!tasks.isEmpty()) {
            runAll(tasks, "bisection");
        }
        candidates.finish(out);
        out.rangesBisected = rangesBisected.get();
        out.rowsCompared = rowsCompared.get();
        if (settings.sampleRows() > 0) {
            sampleByKeys();
        }
        return true;
    }

    /** The sample without pass 1's rows: ranks every source key, then reads the chosen rows. */
    private void sampleByKeys() throws SQLException {
        SampleHeap heap = new SampleHeap(settings.sampleRows());
        CanonicalEncoder encoder = settings.encoder();
        List<Field<Object>> sourceKey = plan.sourceKeyFields();
        Sql.stream(source, DSL.select(sourceKey).from(plan.sourceRef()), key -> {
            if (!Keys.hasNull(key)) {
                heap.offer(new SampleHeap.Sampled(encoder.rank(key, settings.seed()), key, null));
            }
        });
        List<SampleHeap.Sampled> picks = new ArrayList<>();
        List<SampleHeap.Sampled> chosen = heap.rows();
        for (int from = 0; from < chosen.size(); from += 100) {
            List<SampleHeap.Sampled> batch = chosen.subList(from, Math.min(chosen.size(), from + 100));
            Map<Keys.Bytes, Long> ranks = new HashMap<>();
            batch.forEach(s -> ranks.put(new Keys.Bytes(encoder.encodeAll(s.key())), s.rank()));
            Sql.stream(source, plan.selectSource(SampleCheck.keyIn(sourceKey, batch.stream()
                    .map(SampleHeap.Sampled::key).toList())), values -> {
                        Object[] row = plan.loadedRow(values, null);
                        if (row != null) {
                            Object[] key = Keys.extract(row, keyPositions);
                            Long rank = ranks.get(new Keys.Bytes(encoder.encodeAll(key)));
                            if (rank != null) {
                                picks.add(new SampleHeap.Sampled(rank, key, row));
                            }
                        }
                    });
        }
        picks.sort(java.util.Comparator.comparingLong(SampleHeap.Sampled::rank));
        new SampleCheck(settings, plan, target, out).run(picks);
    }

    // ---------------------------------------------------------------- planning

    /** Chunk boundaries: real target keys every chunk-size rows, or even steps over a dense integer key. */
    private Object[][] planBoundaries() throws SQLException {
        List<Field<Object>> key = plan.targetKeyFields();
        if (key.size() == 1 && isIntegral(plan.targetTable().column(plan.keyColumns().get(0))
                .map(Catalog.Column::jdbcType).orElse(Types.OTHER))) {
            Object[] stats = Sql.fetch(target, DSL.select(DSL.min(key.get(0)), DSL.max(key.get(0)), DSL.count())
                    .from(plan.targetRef())).get(0);
            long count = ((Number) stats[2]).longValue();
            if (count <= settings.chunkSize() || stats[0] == null) {
                return new Object[0][];
            }
            long min = ((Number) stats[0]).longValue();
            long max = ((Number) stats[1]).longValue();
            double span = (double) max - min + 1;
            if (count / span >= 0.5) {
                int chunks = (int) Math.min(1_000_000, (count + settings.chunkSize() - 1) / settings.chunkSize());
                List<Object[]> boundaries = new ArrayList<>();
                for (int i = 1; i < chunks; i++) {
                    long boundary = min + (long) (span * i / chunks);
                    if (boundaries.isEmpty() || ((Long) boundaries.get(boundaries.size() - 1)[0]) < boundary) {
                        boundaries.add(new Object[] {boundary});
                    }
                }
                return boundaries.toArray(new Object[0][]);
            }
        }
        List<Object[]> boundaries = new ArrayList<>();
        long[] seen = {0};
        Sql.stream(target, DSL.select(key).from(plan.targetRef()).where(DSL.and(key.stream().map(Field::isNotNull)
                .toList())).orderBy(key), values -> {
                    if (++seen[0] % settings.chunkSize() == 0) {
                        boundaries.add(values);
                    }
                });
        boundaries.sort(Keys.ORDER);
        List<Object[]> distinct = new ArrayList<>();
        for (Object[] boundary : boundaries) {
            if (distinct.isEmpty() || Keys.compare(distinct.get(distinct.size() - 1), boundary) < 0) {
                distinct.add(boundary);
            }
        }
        return distinct.toArray(new Object[0][]);
    }

    private static boolean isIntegral(int jdbcType) {
        return jdbcType == Types.INTEGER || jdbcType == Types.BIGINT || jdbcType == Types.SMALLINT
                || jdbcType == Types.TINYINT;
    }

    /** The chunk of a row by its key; the last index (one past the ranges) holds keys with a NULL. */
    private int chunkOf(Object[][] boundaries, Object[] row) {
        if (keyPositions.length == 1) {
            Object key = row[keyPositions[0]];
            if (key == null) {
                return boundaries.length + 1;
            }
            int low = 0;
            int high = boundaries.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (Keys.compareValues(boundaries[mid][0], key) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
        Object[] key = Keys.extract(row, keyPositions);
        return Keys.hasNull(key) ? boundaries.length + 1 : locate(boundaries, key);
    }

    private static int locate(Object[][] boundaries, Object[] key) {
        int low = 0;
        int high = boundaries.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Keys.compare(boundaries[mid], key) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    // ---------------------------------------------------------------- pass 1

    private static final class PassResult {
        final Digest[] source;
        final Digest[] target;
        final SourceTally tally = new SourceTally();
        final SampleHeap sample;

        PassResult(int chunks, Settings settings) {
            source = digests(chunks + 1);
            target = digests(chunks + 1);
            sample = new SampleHeap(settings.sampleRows());
        }
    }

    private static Digest[] digests(int n) {
        Digest[] digests = new Digest[n];
        for (int i = 0; i < n; i++) {
            digests[i] = new Digest();
        }
        return digests;
    }

    private PassResult passOne(Object[][] boundaries) throws SQLException {
        int chunks = boundaries.length + 1;
        int segments = segmentsPerSide(boundaries);
        List<Callable<PassResult>> tasks = new ArrayList<>();
        for (Condition where : segmentConditions(boundaries, segments, !sourceWhole, plan::sourceRange)) {
            tasks.add(() -> readSourceSegment(where, boundaries));
        }
        if (settings.checksums()) {
            for (Condition where : segmentConditions(boundaries, segments, true, plan::targetRange)) {
                tasks.add(() -> readTargetSegment(where, boundaries));
            }
        }
        PassResult merged = new PassResult(chunks, settings);
        List<PassResult> parts = runAll(tasks, "checksums");
        for (PassResult part : parts) {
            for (int i = 0; i <= chunks; i++) {
                merged.source[i].add(part.source[i]);
                merged.target[i].add(part.target[i]);
            }
            merged.tally.add(part.tally);
            merged.sample.addAll(part.sample);
        }
        return merged;
    }

    /** Segments per side: one per two workers, and only for keys every engine orders alike (numbers, times). */
    private int segmentsPerSide(Object[][] boundaries) {
        int wanted = Math.max(1, settings.parallelism() / 2);
        if (wanted == 1 || boundaries.length < 1 || !Arrays.stream(boundaries[0]).allMatch(KeyedCheck::orderedAlike)) {
            return 1;
        }
        return Math.min(wanted, boundaries.length + 1);
    }

    private static boolean orderedAlike(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigDecimal
                || value instanceof LocalDate || value instanceof LocalDateTime || value instanceof OffsetDateTime
                || value instanceof LocalTime;
    }

    private static List<Condition> segmentConditions(Object[][] boundaries, int segments, boolean rangeable,
                                                     java.util.function.Function<KeyRange, Condition> condition) {
        if (segments <= 1 || !rangeable) {
            return List.of(DSL.noCondition());
        }
        int chunks = boundaries.length + 1;
        List<Condition> conditions = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            int from = (int) ((long) chunks * s / segments);
            int to = (int) ((long) chunks * (s + 1) / segments);
            Object[] lower = from == 0 ? null : boundaries[from - 1];
            Object[] upper = to >= chunks ? null : boundaries[to - 1];
            Condition where = condition.apply(new KeyRange(lower, upper, false));
            if (upper == null) {
                where = where.or(condition.apply(KeyRange.nulls()));
            }
            conditions.add(where);
        }
        return conditions;
    }

    private PassResult readSourceSegment(Condition where, Object[][] boundaries) throws SQLException {
        PassResult part = new PassResult(boundaries.length + 1, settings);
        CanonicalEncoder encoder = settings.encoder();
        boolean hashing = settings.checksums();
        boolean sampling = settings.sampleRows() > 0;
        Sql.stream(source, plan.selectSource(where), values -> {
            Object[] row = plan.loadedRow(values, part.tally);
            if (row != null) {
                int chunk = chunkOf(boundaries, row);
                if (hashing) {
                    part.source[chunk].add(encoder.hash(row));
                }
                if (sampling && chunk <= boundaries.length) {
                    long rank = encoder.rank(row, keyPositions, settings.seed());
                    if (part.sample.wouldKeep(rank)) {
                        part.sample.offer(new SampleHeap.Sampled(rank, Keys.extract(row, keyPositions), row));
                    }
                }
            }
        });
        return part;
    }

    private PassResult readTargetSegment(Condition where, Object[][] boundaries) throws SQLException {
        PassResult part = new PassResult(boundaries.length + 1, settings);
        CanonicalEncoder encoder = settings.encoder();
        Sql.stream(target, plan.selectTarget(where), row -> part.target[chunkOf(boundaries, row)].add(encoder.hash(row)));
        return part;
    }

    private long countTarget() throws SQLException {
        return ((Number) Sql.fetch(target, DSL.selectCount().from(plan.targetRef())).get(0)[0]).longValue();
    }

    private <T> List<T> runAll(List<Callable<T>> tasks, String phase) throws SQLException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>();
        int done = 0;
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
                settings.listener().progress(plan.mapping().target(), phase, ++done, futures.size());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new MigrationException("verification of " + plan.describe() + " was interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new MigrationException("verification of " + plan.describe() + " failed: " + cause, cause);
        }
        return results;
    }

    // ---------------------------------------------------------------- bisection

    private void bisectDiffering(Object[][] boundaries, PassResult pass) throws SQLException {
        int chunks = boundaries.length + 1;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i <= chunks; i++) {
            if (!pass.source[i].equals(pass.target[i])) {
                out.chunksDiffering++;
                KeyRange range = i == chunks ? KeyRange.nulls()
                        : new KeyRange(i == 0 ? null : boundaries[i - 1], i == chunks - 1 ? null : boundaries[i], false);
                Digest s = pass.source[i];
                Digest t = pass.target[i];
                tasks.add(() -> {
                    bisect(range, s, t, 0);
                    return null;
                });
            }
        }
        if (!tasks.isEmpty()) {
            LOG.info("{}: {} of {} chunks differ; bisecting", plan.describe(), tasks.size(), chunks + 1);
            runAll(tasks, "bisection");
        }
    }

    private void bisect(KeyRange range, Digest expected, Digest actual, int depth) throws SQLException {
        rangesBisected.incrementAndGet();
        long larger = Math.max(expected.count(), actual.count());
        if (range.nullKeys() || expected.count() == 0 || actual.count() == 0 || larger <= settings.leafRows()
                || depth >= MAX_DEPTH) {
            leaf(range, expected, actual);
            return;
        }
        Object[][] splits = splitPoints(range, expected.count() > actual.count());
        if (splits.length == 0) {
            leaf(range, expected, actual);
            return;
        }
        SubDigests sourceParts = scanChecked(true, range, expected, () -> new SubDigests(splits));
        SubDigests targetParts = scanChecked(false, range, actual, () -> new SubDigests(splits));
        for (int i = 0; i <= splits.length; i++) {
            if (!sourceParts.digests[i].equals(targetParts.digests[i])) {
                KeyRange part = new KeyRange(i == 0 ? range.lower() : splits[i - 1],
                        i == splits.length ? range.upper() : splits[i], false);
                bisect(part, sourceParts.digests[i], targetParts.digests[i], depth + 1);
            }
        }
    }

    /** Real keys of the range, sampled and sorted, cut into at most FANOUT parts. */
    private Object[][] splitPoints(KeyRange range, boolean fromSource) throws SQLException {
        KeySample sample = new KeySample(new Random(settings.seed() ^ range.hashCode()));
        if (fromSource) {
            scan(true, range, sample, sourceWhole);
        } else if (targetWhole) {
            scan(false, range, sample, true);
        } else {
            Sql.stream(target, plan.selectTargetKeys(plan.targetRange(range)), key -> {
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
        return splits.toArray(new Object[0][]);
    }

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
            synchronized (out) {
                out.missing += Math.max(0, sourceRows.overflow - targetRows.overflow);
                out.extra += Math.max(0, targetRows.overflow - sourceRows.overflow);
                out.changed += Math.min(sourceRows.overflow, targetRows.overflow);
            }
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

    private final class SubDigests implements RangeSink {
        final Object[][] splits;
        final Digest[] digests;

        SubDigests(Object[][] splits) {
            this.splits = splits;
            this.digests = digests(splits.length + 1);
        }

        @Override
        public void row(Object[] key, Object[] values, long[] hash) {
            digests[locate(splits, key)].add(hash);
        }
    }

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
        if (!got.equals(expected) && !inconsistencyReported) {
            inconsistencyReported = true;
            synchronized (out) {
                out.errors.add("the " + (sourceSide ? "source" : "target") + " rows of key range " + range.describe()
                        + " changed while they were being verified (" + expected.text() + " before, " + got.text()
                        + " when re-read); verify again once writes have stopped");
            }
        }
        return result;
    }

    /** Streams the rows of a range (projected, for the source) to the sink; returns their digest. */
    private Digest scan(boolean sourceSide, KeyRange range, RangeSink sink, boolean whole) throws SQLException {
        Digest digest = new Digest();
        CanonicalEncoder encoder = settings.encoder();
        if (sourceSide) {
            Condition where = whole ? DSL.noCondition() : plan.sourceRange(range);
            Sql.stream(source, plan.selectSource(where), values -> {
                Object[] row = plan.loadedRow(values, null);
                if (row != null) {
                    deliver(range, row, encoder, digest, sink);
                }
            });
        } else {
            Condition where = whole ? DSL.noCondition() : plan.targetRange(range);
            Sql.stream(target, plan.selectTarget(where), row -> deliver(range, row, encoder, digest, sink));
        }
        return digest;
    }

    private void deliver(KeyRange range, Object[] row, CanonicalEncoder encoder, Digest digest, RangeSink sink) {
        Object[] key = Keys.extract(row, keyPositions);
        if (range.contains(key)) {
            long[] hash = encoder.hash(row);
            digest.add(hash);
            sink.row(key, row, hash);
        }
    }
}
