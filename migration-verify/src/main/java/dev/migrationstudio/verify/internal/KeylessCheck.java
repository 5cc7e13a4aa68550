package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.jdbc.compare.Digest;
import dev.migrationstudio.jdbc.compare.Keys;
import dev.migrationstudio.verify.ChecksumSummary;
import dev.migrationstudio.verify.Discrepancy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a table without a key as a multiset: rows are hashed into buckets by their own hash
 * (so copies of a row share a bucket), and each bucket's count and hash sum are compared. A
 * duplicated row, or a missing copy of one, changes its bucket. Differing buckets are re-read and
 * their rows counted one by one, so that each differing row is reported with how many copies are
 * missing or extra. A changed row shows as one missing and one extra row: without a key there is no
 * telling which row it was.
 */
final class KeylessCheck implements TableCheck {
    private static final Logger LOG = LoggerFactory.getLogger(KeylessCheck.class);
    private static final int LOCALISED_BUCKETS = 16;
    private static final String METHOD = "multiset (no key)";

    private final TableReader reader;
    private final Settings settings;
    private final TablePlan plan;

    KeylessCheck(TableReader reader) {
        this.reader = reader;
        this.settings = reader.settings();
        this.plan = reader.plan();
    }

    /** One side's read: digests per bucket, and the rows of the buckets kept, by their canonical bytes. */
    private record Read(List<Digest> digests, Map<Keys.Bytes, Copies> rows, SourceTally.Counts counts) {
    }

    /** The copies of one row in the buckets kept. */
    private static final class Copies {
        final Object[] row;
        long count;

        Copies(Object[] row) {
            this.row = row;
        }
    }

    @Override
    public TableComparison run() throws SQLException {
        long targetRows = reader.countTarget();
        if (!settings.checksums()) {
            Read source = readSource(1, Set.of());
            return new TableComparison(source.counts(), targetRows, Optional.empty(), Differences.NONE,
                    Optional.empty(), List.of());
        }
        int buckets = (int) Math.max(64, Math.min(1 << 20, targetRows / settings.chunkSize()));
        List<Read> whole = both(buckets, Set.of());
        List<Digest> sourceDigests = whole.get(0).digests();
        List<Digest> targetDigests = whole.get(1).digests();
        Set<Integer> differing = new HashSet<>();
        for (int i = 0; i < buckets; i++) {
            if (!sourceDigests.get(i).equals(targetDigests.get(i))) {
                differing.add(i);
            }
        }
        Digest sourceTotal = Digest.total(sourceDigests);
        Digest targetTotal = Digest.total(targetDigests);
        SourceTally.Counts counts = whole.get(0).counts();
        if (differing.isEmpty()) {
            return new TableComparison(counts, targetTotal.count(), Optional.of(summary(sourceTotal, targetTotal,
                    buckets, 0, 0, 0)), Differences.NONE, Optional.empty(), List.of());
        }
        Set<Integer> localised = new HashSet<>(differing.stream().sorted().limit(LOCALISED_BUCKETS).toList());
        LOG.info("{}: {} of {} hash buckets differ; counting their rows", plan.describe(), differing.size(), buckets);
        List<Read> rows = both(buckets, localised);
        Map<Keys.Bytes, Copies> expected = rows.get(0).rows();
        Map<Keys.Bytes, Copies> actual = rows.get(1).rows();
        long rowsCompared = 0;
        for (Map.Entry<Keys.Bytes, Copies> entry : expected.entrySet()) {
            Copies have = actual.get(entry.getKey());
            rowsCompared += entry.getValue().count + (have == null ? 0 : have.count);
        }
        for (Map.Entry<Keys.Bytes, Copies> entry : actual.entrySet()) {
            if (!expected.containsKey(entry.getKey())) {
                rowsCompared += entry.getValue().count;
            }
        }
        List<String> errors = new ArrayList<>();
        if (localised.size() < differing.size()) {
            errors.add((differing.size() - localised.size()) + " more differing hash buckets were not examined row by "
                    + "row; fix the differences listed and verify again");
        }
        return new TableComparison(counts, targetTotal.count(), Optional.of(summary(sourceTotal, targetTotal, buckets,
                differing.size(), localised.size(), rowsCompared)), compare(expected, actual), Optional.empty(),
                errors);
    }

    private static ChecksumSummary summary(Digest source, Digest target, int buckets, int differing, int localised,
                                           long rowsCompared) {
        return new ChecksumSummary(source.text(), target.text(), buckets, differing, localised, rowsCompared, false,
                METHOD);
    }

    /** The copies each side has of every row of the buckets read one by one. */
    private Differences compare(Map<Keys.Bytes, Copies> expected, Map<Keys.Bytes, Copies> actual) {
        List<Discrepancy> found = new ArrayList<>();
        long missingRows = 0;
        long extraRows = 0;
        for (Map.Entry<Keys.Bytes, Copies> entry : expected.entrySet()) {
            Copies have = actual.get(entry.getKey());
            long missing = entry.getValue().count - (have == null ? 0 : have.count);
            if (missing > 0) {
                missingRows += missing;
                found.add(new Discrepancy.Missing(plan.mapping().target(), Map.of(),
                        Discrepancy.values(plan.targetColumns(), Arrays.asList(entry.getValue().row)), missing));
            } else if (missing < 0) {
                extraRows += -missing;
                found.add(new Discrepancy.Extra(plan.mapping().target(), Map.of(),
                        Discrepancy.values(plan.targetColumns(), Arrays.asList(have.row)), -missing));
            }
        }
        for (Map.Entry<Keys.Bytes, Copies> entry : actual.entrySet()) {
            if (!expected.containsKey(entry.getKey())) {
                Copies extra = entry.getValue();
                extraRows += extra.count;
                found.add(new Discrepancy.Extra(plan.mapping().target(), Map.of(),
                        Discrepancy.values(plan.targetColumns(), Arrays.asList(extra.row)), extra.count));
            }
        }
        found.sort(Comparator.comparing(Discrepancy::describe));
        return new Differences(found.subList(0, Math.min(found.size(), settings.maxDiscrepancies())), missingRows,
                extraRows, 0);
    }

    /** Reads both sides at once, source first in the result. */
    private List<Read> both(int buckets, Set<Integer> keep) throws SQLException {
        List<Callable<Read>> reads = List.of(() -> readSource(buckets, keep), () -> readTarget(buckets, keep));
        return reader.inParallel(reads);
    }

    private static int bucket(long[] hash, int buckets) {
        return Math.floorMod(hash[1], buckets);
    }

    private Read readSource(int buckets, Set<Integer> keep) throws SQLException {
        CanonicalEncoder encoder = settings.encoder();
        SourceTally tally = new SourceTally();
        Digest.Sum[] digests = Digest.sums(buckets);
        Map<Keys.Bytes, Copies> rows = new HashMap<>();
        reader.readSource(DSL.noCondition(), tally, new TablePlan.LoaderPass(), row -> {
            long[] hash = encoder.hash(row);
            int bucket = bucket(hash, buckets);
            digests[bucket].add(hash);
            if (keep.contains(bucket)) {
                rows.computeIfAbsent(new Keys.Bytes(encoder.toBytes()), k -> new Copies(row)).count++;
            }
        });
        return new Read(Digest.of(digests), rows, tally.counts());
    }

    private Read readTarget(int buckets, Set<Integer> keep) throws SQLException {
        CanonicalEncoder encoder = settings.encoder();
        Digest.Sum[] digests = Digest.sums(buckets);
        Map<Keys.Bytes, Copies> rows = new HashMap<>();
        reader.readTarget(DSL.noCondition(), row -> {
            long[] hash = encoder.hash(row);
            int bucket = bucket(hash, buckets);
            digests[bucket].add(hash);
            if (keep.contains(bucket)) {
                rows.computeIfAbsent(new Keys.Bytes(encoder.toBytes()), k -> new Copies(row)).count++;
            }
        });
        return new Read(Digest.of(digests), rows, new SourceTally().counts());
    }
}
