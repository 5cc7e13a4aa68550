package dev.migrationstudio.review;

import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Source data held in memory, measured through a {@link ProfileCollector} as a database profile would. */
final class RowsProfile implements DataProfile {
    private final Map<String, List<Map<String, Object>>> tables = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();

    /** Adds rows of a table: column names, then one array of values per row. */
    RowsProfile table(String name, List<String> columns, Object[]... rows) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Object[] values : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values[i]);
            }
            list.add(row);
        }
        tables.put(name, list);
        return this;
    }

    int calls(String table) {
        return calls.getOrDefault(table, 0);
    }

    @Override
    public Optional<TableProfile> measure(ProfileRequest request) {
        String name = request.table().id().name();
        calls.merge(name, 1, Integer::sum);
        List<Map<String, Object>> rows = new ArrayList<>(tables.getOrDefault(name, List.of()));
        List<List<String>> toMeasure = request.keysToMeasure();
        ProfileCollector collector;
        if (toMeasure.isEmpty()) {
            collector = ProfileCollector.of(request);
        } else {
            List<String> key = toMeasure.get(0);
            rows.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(key.stream().map(r::get).toList())));
            collector = ProfileCollector.sortedBy(request, key);
        }
        RowLayout layout = collector.layout();
        for (Map<String, Object> values : rows) {
            Row row = layout.row(layout.columns().stream().map(values::get).toArray());
            collector.accept(row);
        }
        List<KeyProfile> others = new ArrayList<>();
        for (List<String> key : toMeasure.subList(Math.min(1, toMeasure.size()), toMeasure.size())) {
            Map<List<Object>, Integer> counts = new HashMap<>();
            long nulls = 0;
            for (Map<String, Object> values : rows) {
                List<Object> value = key.stream().map(values::get).toList();
                if (value.contains(null)) {
                    nulls++;
                } else {
                    counts.merge(value, 1, Integer::sum);
                }
            }
            long duplicateRows = counts.values().stream().mapToLong(c -> c - 1).sum();
            long duplicateValues = counts.values().stream().filter(c -> c > 1).count();
            others.add(new KeyProfile(key, nulls, counts.size(), duplicateRows, duplicateValues, List.of(),
                    Optional.empty()));
        }
        return Optional.of(collector.finish(Duration.ZERO, others));
    }
}
