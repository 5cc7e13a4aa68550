package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.Keys;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * How a keyed table is cut into key-range chunks: the sorted, distinct keys where chunks start.
 * Chunk {@code i} of {@link #chunks()} holds the keys from boundary {@code i - 1} (inclusive) to
 * boundary {@code i} (exclusive), the first and last unbounded; one more slot, at index
 * {@link #chunks()}, holds the rows whose key has a NULL, which no range holds. Rows are assigned to
 * chunks in Java, so that the engines' own key orders cannot make the two sides disagree.
 *
 * @param boundaries the keys where chunks 1, 2, ... start, sorted by {@link Keys#ORDER}, distinct
 */
record ChunkPlan(List<Object[]> boundaries) {
    /** One chunk: the whole table. */
    static final ChunkPlan WHOLE = new ChunkPlan(List.of());

    ChunkPlan {
        boundaries = List.copyOf(boundaries);
    }

    /**
     * Plans the chunks of a table from its target keys: even steps over a dense integer key, else
     * real keys every chunk-size rows.
     */
    static ChunkPlan of(Settings settings, TablePlan plan, Side target) throws SQLException {
        List<Field<Object>> key = plan.targetKeyFields();
        if (key.size() == 1 && isIntegral(plan.targetTable().column(plan.keyColumns().get(0))
                .map(Catalog.Column::jdbcType).orElse(Types.OTHER))) {
            Object[] stats = Sql.fetch(target, DSL.select(DSL.min(key.get(0)), DSL.max(key.get(0)), DSL.count())
                    .from(plan.targetRef())).get(0);
            long count = ((Number) stats[2]).longValue();
            if (count <= settings.chunkSize() || stats[0] == null) {
                return WHOLE;
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
                return new ChunkPlan(boundaries);
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
        return new ChunkPlan(distinct);
    }

    private static boolean isIntegral(int jdbcType) {
        return jdbcType == Types.INTEGER || jdbcType == Types.BIGINT || jdbcType == Types.SMALLINT
                || jdbcType == Types.TINYINT;
    }

    /** The number of key-range chunks; also the index of the slot for NULL keys. */
    int chunks() {
        return boundaries.size() + 1;
    }

    /** The keys of chunk {@code i}; {@link KeyRange#nulls()} for the NULL-key slot. */
    KeyRange range(int i) {
        int chunks = chunks();
        return i == chunks ? KeyRange.nulls()
                : new KeyRange(i == 0 ? null : boundaries.get(i - 1), i == chunks - 1 ? null : boundaries.get(i), false);
    }

    /** The chunk of a row by its key; {@link #chunks()} for a key with a NULL. */
    int chunkOf(Object[] row, int[] keyPositions) {
        if (keyPositions.length == 1) {
            Object key = row[keyPositions[0]];
            if (key == null) {
                return chunks();
            }
            int low = 0;
            int high = boundaries.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (Keys.compareValues(boundaries.get(mid)[0], key) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
        Object[] key = Keys.extract(row, keyPositions);
        return Keys.hasNull(key) ? chunks() : Keys.locate(boundaries, key);
    }
}
