package dev.migrationstudio.verify.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.verify.Discrepancy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
public final class KeylessCheck {
    private static final Logger LOG = LoggerFactory.getLogger(KeylessCheck.class);
    private static final int LOCALISED_BUCKETS = 16;

    private final Settings settings;
    private final TablePlan plan;
    private final Side source;
    private final Side target;
    private final ExecutorService pool;
    private final TableComparison out;

    /** Prepares the comparison of one table. */
    public KeylessCheck(Settings settings, TablePlan plan, Side source, Side target, ExecutorService pool,
                        TableComparison out) {
        this.settings = settings;
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.pool = pool;
        this.out = out;
    }

    /** Runs the comparison. */
    public void run() throws SQLException {
        out.method = "multiset (no key)";
        long targetRows = ((Number) Sql.fetch(target, DSL.selectCount().from(plan.targetRef())).get(0)[0]).longValue();
        if (!settings.checksums()) {
            readSource(1, Set.of(), new HashMap<>(), new Digest[] {new Digest()}, true);
            out.targetRows = targetRows;
            return;
        }
        int buckets = (int) Math.max(64, Math.min(1 << 20, targetRows / settings.chunkSize()));
        out.chunks = buckets;
        Digest[] sourceDigests = digests(buckets);
        Digest[] targetDigests = digests(buckets);
        both(() -> readSource(buckets, Set.of(), new HashMap<>(), sourceDigests, true),
                () -> readTarget(buckets, Set.of(), new HashMap<>(), targetDigests));
        Digest sourceTotal = new Digest();
        Digest targetTotal = new Digest();
        Set<Integer> differing = new HashSet<>();
        for (int i = 0; i < buckets; i++) {
            sourceTotal.add(sourceDigests[i]);
            targetTotal.add(targetDigests[i]);
            if (!sourceDigests[i].equals(targetDigests[i])) {
                differing.add(i);
            }
        }
        out.sourceDigest = Optional.of(sourceTotal.text());
        out.targetDigest = Optional.of(targetTotal.text());
        out.targetRows = targetTotal.count();
        out.chunksDiffering = differing.size();
        if (differing.isEmpty()) {
            return;
        }
        Set<Integer> localised = new HashSet<>(differing.stream().sorted().limit(LOCALISED_BUCKETS).toList());
        LOG.info("{}: {} of {} hash buckets differ; counting their rows", plan.describe(), differing.size(), buckets);
        Map<Keys.Bytes, Copies> expected = new HashMap<>();
        Map<Keys.Bytes, Copies> actual = new HashMap<>();
        both(() -> readSource(buckets, localised, expected, digests(buckets), false),
                () -> readTarget(buckets, localised, actual, digests(buckets)));
        out.rangesBisected = localised.size();
        compare(expected, actual);
        if (localised.size() < differing.size()) {
            out.errors.add((differing.size() - localised.size()) + " more differing hash buckets were not examined row by "
                    + "row; fix the differences listed and verify again");
        }
    }

    private static final class Copies {
        final Object[] row;
        long count;

        Copies(Object[] row) {
            this.row = row;
        }
    }

    private void compare(Map<Keys.Bytes, Copies> expected, Map<Keys.Bytes, Copies> actual) {
        List<Discrepancy> found = new ArrayList<>();
        for (Map.Entry<Keys.Bytes, Copies> entry : expected.entrySet()) {
            Copies have = actual.remove(entry.getKey());
            long missing = entry.getValue().count - (have == null ? 0 : have.count);
            out.rowsCompared += entry.getValue().count + (have == null ? 0 : have.count);
            if (missing > 0) {
                out.missing += missing;
                found.add(new Discrepancy.Missing(plan.mapping().target(), Map.of(),
                        Discrepancy.values(plan.targetColumns(), Arrays.asList(entry.getValue().row)), missing));
            } else if (missing < 0) {
                out.extra += -missing;
                found.add(new Discrepancy.Extra(plan.mapping().target(), Map.of(),
                        Discrepancy.values(plan.targetColumns(), Arrays.asList(have.row)), -missing));
            }
        }
        for (Copies extra : actual.values()) {
            out.rowsCompared += extra.count;
            out.extra += extra.count;
            found.add(new Discrepancy.Extra(plan.mapping().target(), Map.of(),
                    Discrepancy.values(plan.targetColumns(), Arrays.asList(extra.row)), extra.count));
        }
        found.sort(java.util.Comparator.comparing(Discrepancy::describe));
        out.discrepancies.addAll(found.subList(0, Math.min(found.size(), settings.maxDiscrepancies())));
    }

    private static Digest[] digests(int n) {
        Digest[] digests = new Digest[n];
        for (int i = 0; i < n; i++) {
            digests[i] = new Digest();
        }
        return digests;
    }

    private static int bucket(long[] hash, int buckets) {
        return Math.floorMod(hash[1], buckets);
    }

    private Void readSource(int buckets, Set<Integer> keep, Map<Keys.Bytes, Copies> rows, Digest[] digests,
                            boolean tally) throws SQLException {
        CanonicalEncoder encoder = settings.encoder();
        SourceTally counts = new SourceTally();
        TablePlan.LoaderPass pass = new TablePlan.LoaderPass();
        Sql.stream(source, plan.selectSource(DSL.noCondition()), values -> {
            Object[] row = plan.loadedRow(values, tally ? counts : null, pass);
            if (row != null) {
                long[] hash = encoder.hash(row);
                int bucket = bucket(hash, buckets);
                digests[bucket].add(hash);
                if (keep.contains(bucket)) {
                    rows.computeIfAbsent(new Keys.Bytes(encoder.toBytes()), k -> new Copies(row)).count++;
                }
            }
        });
        if (tally) {
            synchronized (out) {
                out.tally.add(counts);
            }
        }
        return null;
    }

    private Void readTarget(int buckets, Set<Integer> keep, Map<Keys.Bytes, Copies> rows, Digest[] digests)
            throws SQLException {
        CanonicalEncoder encoder = settings.encoder();
        Sql.stream(target, plan.selectTarget(DSL.noCondition()), row -> {
            long[] hash = encoder.hash(row);
            int bucket = bucket(hash, buckets);
            digests[bucket].add(hash);
            if (keep.contains(bucket)) {
                rows.computeIfAbsent(new Keys.Bytes(encoder.toBytes()), k -> new Copies(row)).count++;
            }
        });
        return null;
    }

    private void both(java.util.concurrent.Callable<Void> first, java.util.concurrent.Callable<Void> second)
            throws SQLException {
        Future<Void> a = pool.submit(first);
        Future<Void> b = pool.submit(second);
        try {
            a.get();
            b.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("verification of " + plan.describe() + " was interrupted", e);
        } catch (ExecutionException e) {
            a.cancel(true);
            b.cancel(true);
            if (e.getCause() instanceof SQLException) {
                throw (SQLException) e.getCause();
            }
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new MigrationException("verification of " + plan.describe() + " failed: " + e.getCause(), e.getCause());
        }
    }
}
