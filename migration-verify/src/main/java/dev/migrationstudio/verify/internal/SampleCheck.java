package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.jdbc.compare.Keys;
import dev.migrationstudio.verify.ColumnDifference;
import dev.migrationstudio.verify.Discrepancy;
import dev.migrationstudio.verify.SampleSummary;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Row;
import org.jooq.impl.DSL;

/** Looks up the sampled keys in the target and compares each row column by column. */
final class SampleCheck {
    private static final int BATCH = 100;

    private final Settings settings;
    private final TablePlan plan;
    private final TableReader reader;

    SampleCheck(TableReader reader) {
        this.settings = reader.settings();
        this.plan = reader.plan();
        this.reader = reader;
    }

    /** Compares the sampled rows (lowest rank first) with the target's rows of the same keys. */
    SampleSummary check(List<SampleHeap.Sampled> picks) throws SQLException {
        CanonicalEncoder encoder = settings.encoder();
        ValueComparison comparison = new ValueComparison(settings.encoder(), settings.floatTolerance());
        int[] keyPositions = plan.keyPositions();
        List<Discrepancy> mismatches = new ArrayList<>();
        for (int from = 0; from < picks.size(); from += BATCH) {
            List<SampleHeap.Sampled> batch = picks.subList(from, Math.min(picks.size(), from + BATCH));
            Map<Keys.Bytes, Object[]> found = new HashMap<>();
            reader.readTarget(keyIn(plan.targetKeyFields(), keys(batch)),
                    row -> found.putIfAbsent(new Keys.Bytes(encoder.encodeAll(Keys.extract(row, keyPositions))), row));
            for (SampleHeap.Sampled pick : batch) {
                Object[] actual = found.get(new Keys.Bytes(encoder.encodeAll(pick.key())));
                Map<String, Object> key = Discrepancy.values(plan.keyColumns(), Arrays.asList(pick.key()));
                if (actual == null) {
                    mismatches.add(new Discrepancy.Missing(plan.mapping().target(), key,
                            Discrepancy.values(plan.targetColumns(), Arrays.asList(pick.row())), 1));
                    continue;
                }
                List<ColumnDifference> differences = comparison.differences(plan.targetColumns(), pick.row(), actual);
                if (!differences.isEmpty()) {
                    mismatches.add(new Discrepancy.Changed(plan.mapping().target(), key, differences));
                }
            }
        }
        return new SampleSummary(settings.sampleRows(), picks.size(), settings.seed(), mismatches);
    }

    /**
     * The sample without a pass over the rows (when the databases computed the digests): ranks every
     * source key, then reads the chosen rows through the mapping. Lowest rank first.
     */
    List<SampleHeap.Sampled> pickFromSource() throws SQLException {
        SampleHeap heap = new SampleHeap(settings.sampleRows());
        CanonicalEncoder encoder = settings.encoder();
        int[] keyPositions = plan.keyPositions();
        List<Field<Object>> sourceKey = plan.sourceKeyFields();
        Sql.stream(reader.source(), DSL.select(sourceKey).from(plan.sourceRef()), key -> {
            if (!Keys.hasNull(key)) {
                heap.offer(new SampleHeap.Sampled(encoder.rank(key, settings.seed()), key, null));
            }
        });
        List<SampleHeap.Sampled> picks = new ArrayList<>();
        List<SampleHeap.Sampled> chosen = heap.rows();
        for (int from = 0; from < chosen.size(); from += BATCH) {
            List<SampleHeap.Sampled> batch = chosen.subList(from, Math.min(chosen.size(), from + BATCH));
            Map<Keys.Bytes, Long> ranks = new HashMap<>();
            batch.forEach(s -> ranks.put(new Keys.Bytes(encoder.encodeAll(s.key())), s.rank()));
            reader.readSource(keyIn(sourceKey, keys(batch)), null, null, row -> {
                Object[] key = Keys.extract(row, keyPositions);
                Long rank = ranks.get(new Keys.Bytes(encoder.encodeAll(key)));
                if (rank != null) {
                    picks.add(new SampleHeap.Sampled(rank, key, row));
                }
            });
        }
        picks.sort(Comparator.comparingLong(SampleHeap.Sampled::rank));
        return picks;
    }

    private static List<Object[]> keys(List<SampleHeap.Sampled> batch) {
        return batch.stream().map(SampleHeap.Sampled::key).toList();
    }

    /** {@code key IN (...)}, or a row-value IN for composite keys. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition keyIn(List<Field<Object>> keys, List<Object[]> values) {
        if (keys.size() == 1) {
            return keys.get(0).in(values.stream().map(v -> Sql.value(v[0])).toList());
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] key : values) {
            rows.add(DSL.row(Arrays.stream(key).map(Sql::value).toArray(Field[]::new)));
        }
        return DSL.row(keys.toArray(new Field[0])).in((List) rows);
    }
}
