package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.mapping.Row;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The foreign keys of a target table to itself, read off mapped target rows: which rows of a batch
 * can be written now, parents before children, and which must wait for a parent that is neither in
 * the target nor in the batch. Knowing this up front lets a batch of such rows go to the database as
 * one stream instead of being narrowed down row by row.
 */
final class SelfReferences {
    private static final int PRESENCE_QUERY_KEYS = 500;

    /** One foreign key: the positions of its columns and of the columns it references, in a target row. */
    private record Reference(int[] child, int[] parent, List<String> parentColumns) {
    }

    /**
     * How a batch splits.
     *
     * @param ready indexes of the rows that can be written, parents before children
     * @param waiting indexes of the rows whose parent is not there yet, in batch order
     */
    record Split(List<Integer> ready, List<Integer> waiting) {
    }

    private final TableJob job;
    private final List<Reference> references;

    private SelfReferences(TableJob job, List<Reference> references) {
        this.job = job;
        this.references = references;
    }

    /** The self-references of a job's target whose columns the mapping fills. */
    static SelfReferences of(TableJob job) {
        List<Reference> references = new ArrayList<>();
        for (ForeignKeyInfo fk : job.target().foreignKeys()) {
            if (!job.target().id().matches(fk.referencedTable()) && !fk.referencedTable().matches(job.target().id())) {
                continue;
            }
            int[] child = positions(job.targetColumns(), fk.columns());
            int[] parent = positions(job.targetColumns(), fk.referencedColumns());
            if (child != null && parent != null) {
                references.add(new Reference(child, parent, fk.referencedColumns()));
            }
        }
        return new SelfReferences(job, List.copyOf(references));
    }

    boolean isEmpty() {
        return references.isEmpty();
    }

    /**
     * Splits a batch: a row is ready when every row it references is NULL, already in the target, or
     * a ready row of the batch; ready rows come parents first. Rows in a cycle, or below a row whose
     * parent is missing, wait.
     */
    Split split(Connection target, List<Row> rows) throws SQLException {
        int n = rows.size();
        List<List<Integer>> children = new ArrayList<>(n);
        int[] pending = new int[n];
        boolean[] blocked = new boolean[n];
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>());
        }
        for (Reference reference : references) {
            Map<List<Object>, Integer> byKey = new HashMap<>();
            for (int i = 0; i < n; i++) {
                byKey.putIfAbsent(values(rows.get(i), reference.parent()), i);
            }
            // Keys compared by value, bound as the rows hold them (so that the database can use its index).
            Map<List<Object>, List<Object>> outside = new HashMap<>();
            for (Row row : rows) {
                List<Object> to = values(row, reference.child());
                if (!to.contains(null) && !byKey.containsKey(to)) {
                    outside.putIfAbsent(to, raw(row, reference.child()));
                }
            }
            Set<List<Object>> present = present(target, reference, outside);
            for (int i = 0; i < n; i++) {
                List<Object> to = values(rows.get(i), reference.child());
                if (to.contains(null)) {
                    continue;
                }
                Integer parent = byKey.get(to);
                if (parent == null) {
                    blocked[i] |= !present.contains(to);
                } else if (parent != i) {
                    children.get(parent).add(i);
                    pending[i]++;
                }
            }
        }
        List<Integer> ready = new ArrayList<>(n);
        Deque<Integer> next = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0 && !blocked[i]) {
                next.add(i);
            }
        }
        boolean[] placed = new boolean[n];
        while (!next.isEmpty()) {
            int i = next.poll();
            placed[i] = true;
            ready.add(i);
            for (int child : children.get(i)) {
                if (--pending[child] == 0 && !blocked[child]) {
                    next.add(child);
                }
            }
        }
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!placed[i]) {
                waiting.add(i);
            }
        }
        return new Split(ready, waiting);
    }

    /** Which of the referenced keys the target table holds, asked a few hundred keys at a time. */
    private Set<List<Object>> present(Connection target, Reference reference, Map<List<Object>, List<Object>> keys) {
        Set<List<Object>> present = new HashSet<>();
        if (keys.isEmpty()) {
            return present;
        }
        List<Field<Object>> fields = reference.parentColumns().stream().map(c -> DSL.field(DSL.name(c))).toList();
        List<List<Object>> all = new ArrayList<>(keys.values());
        var sql = Engines.dsl(target);
        for (int from = 0; from < all.size(); from += PRESENCE_QUERY_KEYS) {
            List<List<Object>> batch = all.subList(from, Math.min(all.size(), from + PRESENCE_QUERY_KEYS));
            Condition any = fields.size() == 1 ? fields.get(0).in(batch.stream().map(k -> k.get(0)).toList())
                    : DSL.or(batch.stream().map(key -> {
                        List<Condition> equal = new ArrayList<>();
                        for (int i = 0; i < fields.size(); i++) {
                            equal.add(fields.get(i).eq(DSL.val(key.get(i))));
                        }
                        return DSL.and(equal);
                    }).toList());
            for (var record : sql.select(fields).from(DSL.table(job.target().qualifiedName())).where(any).fetch()) {
                List<Object> key = new ArrayList<>(fields.size());
                for (int i = 0; i < fields.size(); i++) {
                    key.add(normalize(record.get(i)));
                }
                present.add(key);
            }
        }
        return present;
    }

    private static int[] positions(List<String> columns, List<String> wanted) {
        int[] positions = new int[wanted.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = columns.indexOf(wanted.get(i));
            if (positions[i] < 0) {
                return null;
            }
        }
        return positions;
    }

    private static List<Object> raw(Row row, int[] positions) {
        List<Object> values = new ArrayList<>(positions.length);
        for (int position : positions) {
            values.add(row.get(position));
        }
        return values;
    }

    /** The values at some positions, numbers compared by value (an INTEGER column may reference a BIGINT one). */
    static List<Object> values(Row row, int[] positions) {
        List<Object> values = new ArrayList<>(positions.length);
        for (int position : positions) {
            values.add(normalize(row.get(position)));
        }
        return values;
    }

    /** Values compared by value: numbers of any integer type alike, decimals without trailing zeros. */
    static List<Object> normalized(List<Object> values) {
        List<Object> normalized = new ArrayList<>(values.size());
        values.forEach(v -> normalized.add(normalize(v)));
        return normalized;
    }

    private static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros();
        }
        return value;
    }
}
