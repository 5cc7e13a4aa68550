package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.jdbc.compare.Keys;
import dev.migrationstudio.verify.ParityCheck;
import dev.migrationstudio.verify.ParityResult;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a pair of the caller's queries, one on each database at the same time, and compares their
 * results: position by position when ordered, as multisets otherwise. Numbers may differ by the
 * check's tolerance; everything else compares through the canonical encoding.
 */
final class ParityRunner {
    private static final int SHOWN = 10;
    private static final int MAX_ROWS = 1_000_000;
    private static final int MAX_PAIRING = 2_000;

    private final Settings settings;
    private final Side source;
    private final Side target;
    private final ExecutorService pool;

    /** Prepares parity checks. */
    public ParityRunner(Settings settings, Side source, Side target, ExecutorService pool) {
        this.settings = settings;
        this.source = source;
        this.target = target;
        this.pool = pool;
    }

    /** Runs one check; failures to run are reported in the result, never thrown. */
    public ParityResult run(ParityCheck check) {
        return run(check, List.of(), List.of());
    }

    /** Runs one check whose queries have placeholders, with the values bound on each side. */
    public ParityResult run(ParityCheck check, List<Object> sourceBinds, List<Object> targetBinds) {
        long started = System.nanoTime();
        Future<List<Object[]>> sourceRows = pool.submit(() -> fetch(source, check.sourceSql(), sourceBinds));
        Future<List<Object[]>> targetRows = pool.submit(() -> fetch(target, check.targetSql(), targetBinds));
        List<Object[]> expected;
        List<Object[]> actual;
        try {
            expected = result(sourceRows, "source");
            actual = result(targetRows, "target");
        } catch (QueryFailed e) {
            sourceRows.cancel(true);
            targetRows.cancel(true);
            return failed(check, e.getMessage(), started);
        }
        if (!expected.isEmpty() && !actual.isEmpty() && expected.get(0).length != actual.get(0).length) {
            return failed(check, "the source query returns " + expected.get(0).length + " columns and the target query "
                    + actual.get(0).length, started);
        }
        ValueComparison comparison = new ValueComparison(settings.encoder(), settings.floatTolerance());
        List<ParityResult.Difference> differences = new ArrayList<>();
        long differing = check.inOrder() ? ordered(check, expected, actual, comparison, differences)
                : unordered(check, expected, actual, comparison, differences);
        return new ParityResult(check.name(), check.inOrder(), expected.size(), actual.size(), differing, differences,
                Optional.empty(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static final class QueryFailed extends Exception {
        private static final long serialVersionUID = 1L;

        QueryFailed(String message) {
            super(message);
        }
    }

    private static List<Object[]> result(Future<List<Object[]>> rows, String side) throws QueryFailed {
        try {
            return rows.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailed("interrupted");
        } catch (ExecutionException e) {
            throw new QueryFailed("the " + side + " query failed: " + e.getCause().getMessage());
        }
    }

    private ParityResult failed(ParityCheck check, String error, long started) {
        return new ParityResult(check.name(), check.inOrder(), 0, 0, 0, List.of(), Optional.of(error),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** All rows of a query, bounded: parity compares results in memory. */
    static List<Object[]> fetch(Side side, String sql, List<Object> binds) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Sql.streamSql(side, sql, binds, row -> {
            if (rows.size() >= MAX_ROWS) {
                throw new IllegalStateException("the query returns more than " + MAX_ROWS
                        + " rows; parity checks compare query results in memory, aggregate them first");
            }
            rows.add(row);
        });
        return rows;
    }

    private static boolean same(Object[] a, Object[] b, ValueComparison comparison, double tolerance) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!comparison.sameWithin(a[i], b[i], tolerance)) {
                return false;
            }
        }
        return true;
    }

    private static long ordered(ParityCheck check, List<Object[]> expected, List<Object[]> actual,
                                ValueComparison comparison, List<ParityResult.Difference> shown) {
        long differing = 0;
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            Object[] e = i < expected.size() ? expected.get(i) : null;
            Object[] a = i < actual.size() ? actual.get(i) : null;
            if (e == null || a == null || !same(e, a, comparison, check.tolerance())) {
                differing++;
                if (shown.size() < SHOWN) {
                    shown.add(new ParityResult.Difference(i + 1, Optional.ofNullable(e).map(Arrays::asList),
                            Optional.ofNullable(a).map(Arrays::asList)));
                }
            }
        }
        return differing;
    }

    private long unordered(ParityCheck check, List<Object[]> expected, List<Object[]> actual,
                           ValueComparison comparison, List<ParityResult.Difference> shown) {
        CanonicalEncoder encoder = settings.encoder();
        Map<Keys.Bytes, List<Object[]>> remaining = new LinkedHashMap<>();
        for (Object[] row : actual) {
            remaining.computeIfAbsent(new Keys.Bytes(encoder.encodeAll(row)), k -> new ArrayList<>()).add(row);
        }
        List<Object[]> onlySource = new ArrayList<>();
        for (Object[] row : expected) {
            Keys.Bytes id = new Keys.Bytes(encoder.encodeAll(row));
            List<Object[]> same = remaining.get(id);
            if (same == null) {
                onlySource.add(row);
            } else {
                same.remove(same.size() - 1);
                if (same.isEmpty()) {
                    remaining.remove(id);
                }
            }
        }
        List<Object[]> onlyTarget = new ArrayList<>();
        remaining.values().forEach(onlyTarget::addAll);
        if (check.tolerance() > 0 && onlySource.size() <= MAX_PAIRING && onlyTarget.size() <= MAX_PAIRING) {
            for (Iterator<Object[]> it = onlySource.iterator(); it.hasNext(); ) {
                Object[] row = it.next();
                for (Iterator<Object[]> other = onlyTarget.iterator(); other.hasNext(); ) {
                    if (same(row, other.next(), comparison, check.tolerance())) {
                        other.remove();
                        it.remove();
                        break;
                    }
                }
            }
        }
        onlySource.sort(Keys.ORDER);
        onlyTarget.sort(Keys.ORDER);
        for (int i = 0; shown.size() < SHOWN && i < Math.max(onlySource.size(), onlyTarget.size()); i++) {
            if (i < onlySource.size()) {
                shown.add(new ParityResult.Difference(0, Optional.of(Arrays.asList(onlySource.get(i))), Optional.empty()));
            }
            if (i < onlyTarget.size() && shown.size() < SHOWN) {
                shown.add(new ParityResult.Difference(0, Optional.empty(), Optional.of(Arrays.asList(onlyTarget.get(i)))));
            }
        }
        return onlySource.size() + onlyTarget.size();
    }
}
