package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.RowLayout;
import dev.migrationstudio.format.ValueText;
import dev.migrationstudio.review.KeyProfile;
import dev.migrationstudio.review.ProfileCollector;
import dev.migrationstudio.review.ProfileRequest;
import dev.migrationstudio.review.TableProfile;
import dev.migrationstudio.review.ValueExample;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one table in one streaming pass. The rows arrive sorted by the first key set whose
 * uniqueness the source does not guarantee, so its duplicates are counted by comparing neighbours;
 * the database sorts (spilling to disk as it needs), the profiler keeps one previous key. Further
 * unguaranteed key sets, rare in practice, are counted by the database with
 * {@code GROUP BY ... HAVING COUNT(*) > 1}, which returns only the repeated values.
 */
public final class TableProfiling {
    private static final Logger LOG = LoggerFactory.getLogger(TableProfiling.class);
    private static final int EXAMPLES = 3;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private TableProfiling() {
    }

    /** Profiles a table through a connection. */
    public static TableProfile profile(Connection connection, ProfileRequest request, int fetchSize)
            throws SQLException {
        return Statements.reading(connection, () -> run(connection, request, fetchSize));
    }

    private static TableProfile run(Connection connection, ProfileRequest request, int fetchSize) throws SQLException {
        long started = System.nanoTime();
        DSLContext dsl = Engines.dsl(connection);
        Table<?> table = DSL.table(name(request.table().id()));
        List<List<String>> toMeasure = request.keysToMeasure();
        ProfileCollector collector = toMeasure.isEmpty() ? ProfileCollector.of(request)
                : ProfileCollector.sortedBy(request, toMeasure.get(0));
        ProfileReads reads = ProfileReads.of(dsl.dialect(), request.table());
        List<Field<?>> columns = reads.fields();
        Query select = toMeasure.isEmpty() ? dsl.select(columns).from(table)
                : dsl.select(columns).from(table).orderBy(fields(toMeasure.get(0)));
        RowLayout layout = collector.layout();
        try (SourceCursor rows = SourceCursor.open(connection, select.getSQL(), select.getBindValues(), fetchSize)) {
            long read = 0;
            long nextReport = started + PROGRESS_EVERY_NANOS;
            for (Object[] values = rows.next(); values != null; values = rows.next()) {
                collector.accept(layout.adopt(reads.adopt(values)));
                // Checking the clock every 10,000 rows keeps it off the per-row path.
                if (++read % 10_000 == 0 && System.nanoTime() > nextReport) {
                    nextReport = System.nanoTime() + PROGRESS_EVERY_NANOS;
                    LOG.info("profiling {}: {} rows read{}", request.table().id(), String.format("%,d", read),
                            request.table().rowCount().stream().mapToObj(n -> String.format(" of about %,d", n))
                                    .findFirst().orElse(""));
                }
            }
        }
        List<KeyProfile> counted = new ArrayList<>();
        for (List<String> key : toMeasure.subList(Math.min(1, toMeasure.size()), toMeasure.size())) {
            counted.add(countDuplicates(connection, dsl, table, key, collector, fetchSize));
        }
        TableProfile profile = collector.finish(Duration.ofNanos(System.nanoTime() - started), counted);
        LOG.info("profiled {}: {} rows in {} ms", request.table().id(), String.format("%,d", profile.rows()),
                profile.elapsed().toMillis());
        return profile;
    }

    private static KeyProfile countDuplicates(Connection connection, DSLContext dsl, Table<?> table, List<String> key,
                                              ProfileCollector collector, int fetchSize) throws SQLException {
        List<Field<?>> columns = fields(key);
        Condition notNull = DSL.and(columns.stream().map(Field::isNotNull).toList());
        Field<Integer> count = DSL.count();
        List<Field<?>> selected = new ArrayList<>(columns);
        selected.add(count);
        Query query = dsl.select(selected).from(table).where(notNull).groupBy(columns).having(count.gt(1))
                .orderBy(count.desc());
        long duplicateRows = 0;
        long duplicateValues = 0;
        List<ValueExample> examples = new ArrayList<>();
        try (SourceCursor groups = SourceCursor.open(connection, query.getSQL(), query.getBindValues(), fetchSize)) {
            for (Object[] group = groups.next(); group != null; group = groups.next()) {
                long rows = ((Number) group[key.size()]).longValue();
                duplicateValues++;
                duplicateRows += rows - 1;
                if (examples.size() < EXAMPLES) {
                    StringBuilder value = new StringBuilder();
                    for (int i = 0; i < key.size(); i++) {
                        value.append(i == 0 ? "" : ", ").append(key.get(i)).append('=')
                                .append(ValueText.shown(group[i]));
                    }
                    examples.add(new ValueExample(value.toString(), rows + " rows", ""));
                }
            }
        }
        long rowsWithNull = collector.rowsWithNull(key);
        long distinct = collector.rows() - rowsWithNull - duplicateRows;
        return new KeyProfile(key, rowsWithNull, distinct, duplicateRows, duplicateValues, examples, Optional.empty());
    }

    private static List<Field<?>> fields(List<String> columns) {
        return columns.stream().<Field<?>>map(c -> DSL.field(DSL.name(c))).toList();
    }

    /** The quoted name of a table, qualified when it has a schema. */
    public static Name name(TableId id) {
        return id.schema().isEmpty() ? DSL.name(id.name()) : DSL.name(id.schema(), id.name());
    }
}
