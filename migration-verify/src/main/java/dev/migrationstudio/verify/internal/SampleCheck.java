package dev.migrationstudio.verify.internal;

import dev.migrationstudio.verify.ColumnDifference;
import dev.migrationstudio.verify.Discrepancy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final Side target;
    private final TableComparison out;

    SampleCheck(Settings settings, TablePlan plan, Side target, TableComparison out) {
        this.settings = settings;
        this.plan = plan;
        this.target = target;
        this.out = out;
    }

    void run(List<SampleHeap.Sampled> picks) throws SQLException {
        CanonicalEncoder encoder = settings.encoder();
        ValueComparison comparison = new ValueComparison(settings.encoder(), settings.floatTolerance());
        int[] keyPositions = plan.keyPositions();
        List<Discrepancy> mismatches = new ArrayList<>();
        for (int from = 0; from < picks.size(); from += BATCH) {
            List<SampleHeap.Sampled> batch = picks.subList(from, Math.min(picks.size(), from + BATCH));
            Map<Keys.Bytes, Object[]> found = new HashMap<>();
            Sql.stream(target, plan.selectTarget(keyIn(batch)),
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
        out.sampled = picks.size();
        out.sampleMismatches = java.util.Optional.of(mismatches);
    }

    private Condition keyIn(List<SampleHeap.Sampled> batch) {
        return keyIn(plan.targetKeyFields(), batch.stream().map(SampleHeap.Sampled::key).toList());
    }

    /** {@code key IN (...)}, or a row-value IN for composite keys. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Condition keyIn(List<Field<Object>> keys, List<Object[]> values) {
        if (keys.size() == 1) {
            return keys.get(0).in(values.stream().map(v -> DSL.val(v[0])).toList());
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] key : values) {
            rows.add(DSL.row(Arrays.stream(key).map(DSL::val).toArray(Field[]::new)));
        }
        return DSL.row(keys.toArray(new Field[0])).in((List) rows);
    }
}
