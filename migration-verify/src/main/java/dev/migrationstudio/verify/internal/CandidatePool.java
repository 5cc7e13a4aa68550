package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.Keys;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.verify.ColumnDifference;
import dev.migrationstudio.verify.Discrepancy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Rows found on one side of a key range but not the other. A row is missing or extra only if no
 * range of the other side holds its key either: a key that both sides hold in different ranges
 * (which happens when the engines order keys differently) is matched here and compared like any
 * other pair. Holds at most {@code capacity} rows; beyond that rows are only counted.
 */
final class CandidatePool {
    private final TableId table;
    private final List<String> columns;
    private final List<String> keyColumns;
    private final int capacity;
    private final int listLimit;
    private final ValueComparison comparison;
    private final Map<Keys.Bytes, List<Object[][]>> missing = new HashMap<>();
    private final Map<Keys.Bytes, List<Object[][]>> extra = new HashMap<>();
    private final List<Discrepancy.Changed> changed = new ArrayList<>();
    private int held;
    private long missingOverflow;
    private long extraOverflow;
    private long changedCount;

    /**
     * @param capacity rows held at most, awaiting a counterpart
     * @param listLimit discrepancies listed at most
     */
    CandidatePool(TableId table, List<String> columns, List<String> keyColumns, int capacity, int listLimit,
                  ValueComparison comparison) {
        this.table = table;
        this.columns = columns;
        this.keyColumns = keyColumns;
        this.capacity = capacity;
        this.listLimit = listLimit;
        this.comparison = comparison;
    }

    /** An expected row whose key the target range lacked. */
    synchronized void missing(Keys.Bytes id, Object[] key, Object[] row) {
        Object[][] other = take(extra, id);
        if (other != null) {
            pair(key, row, other[1]);
        } else if (held < capacity) {
            missing.computeIfAbsent(id, k -> new ArrayList<>(1)).add(new Object[][] {key, row});
            held++;
        } else {
            missingOverflow++;
        }
    }

    /** A target row whose key the expected range lacked. */
    synchronized void extra(Keys.Bytes id, Object[] key, Object[] row) {
        Object[][] other = take(missing, id);
        if (other != null) {
            pair(key, other[1], row);
        } else if (held < capacity) {
            extra.computeIfAbsent(id, k -> new ArrayList<>(1)).add(new Object[][] {key, row});
            held++;
        } else {
            extraOverflow++;
        }
    }

    /** Two rows with the same key: records a change if their values differ. */
    synchronized void pair(Object[] key, Object[] expected, Object[] actual) {
        List<ColumnDifference> differences = comparison.differences(columns, expected, actual);
        if (!differences.isEmpty()) {
            changedCount++;
            if (changed.size() < listLimit) {
                changed.add(new Discrepancy.Changed(table, Discrepancy.values(keyColumns, Arrays.asList(key)),
                        differences));
            }
        }
    }

    private Object[][] take(Map<Keys.Bytes, List<Object[][]>> side, Keys.Bytes id) {
        List<Object[][]> rows = side.get(id);
        if (rows == null) {
            return null;
        }
        Object[][] row = rows.remove(rows.size() - 1);
        if (rows.isEmpty()) {
            side.remove(id);
        }
        held--;
        return row;
    }

    /** How many more rows the pool can hold before it only counts them. */
    synchronized int room() {
        return capacity - held;
    }

    /** The totals and the listed discrepancies (changed first, then missing and extra in key order). */
    synchronized Differences finish() {
        long missingRows = missingOverflow + missing.values().stream().mapToLong(List::size).sum();
        long extraRows = extraOverflow + extra.values().stream().mapToLong(List::size).sum();
        List<Discrepancy> listed = new ArrayList<>(changed);
        listed.sort(Comparator.comparing(d -> keyOf(d), Keys.ORDER));
        List<Discrepancy> others = new ArrayList<>();
        missing.values().forEach(rows -> rows.forEach(r -> others.add(new Discrepancy.Missing(table,
                Discrepancy.values(keyColumns, Arrays.asList(r[0])), Discrepancy.values(columns, Arrays.asList(r[1])), 1))));
        extra.values().forEach(rows -> rows.forEach(r -> others.add(new Discrepancy.Extra(table,
                Discrepancy.values(keyColumns, Arrays.asList(r[0])), Discrepancy.values(columns, Arrays.asList(r[1])), 1))));
        others.sort(Comparator.comparing(d -> keyOf(d), Keys.ORDER));
        listed.addAll(others);
        return new Differences(listed.subList(0, Math.min(listed.size(), listLimit)), missingRows, extraRows,
                changedCount);
    }

    private static Object[] keyOf(Discrepancy discrepancy) {
        return discrepancy.key().values().toArray();
    }
}
