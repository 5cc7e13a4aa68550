package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.TableMapping;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One source table, measured in one pass: every column, the key column sets asked for, and every
 * table mapping of the request applied to every row.
 *
 * @param table the table
 * @param rows rows read
 * @param elapsed how long measuring took
 * @param columns every column, in table order
 * @param keys the key column sets asked for
 * @param mappings the table mappings asked for, in request order
 * @param samples rows holding the edges of the data, at most a few per column and per mapped field
 *     (see {@link #sampleRows()})
 */
public record TableProfile(TableId table, long rows, Duration elapsed, List<ColumnProfile> columns,
                           List<KeyProfile> keys, List<MappingProfile> mappings, List<SampleRow> samples) {

    /**
     * Validates the parts.
     *
     * @param table the table
     * @param rows rows read
     * @param elapsed how long measuring took
     * @param columns every column, in table order
     * @param keys the key column sets asked for
     * @param mappings the table mappings asked for, in request order
     * @param samples rows holding the edges of the data, at most a few per column and per mapped field (see
     *     {@link #sampleRows()})
     */
    public TableProfile {
        checkNotNull(table, "table");
        checkArgument(rows >= 0, "rows must not be negative");
        checkNotNull(elapsed, "elapsed");
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
        mappings = List.copyOf(mappings);
        samples = List.copyOf(samples);
    }

    /**
     * The sampled rows, each once, in the order the profile met their reasons: a fixture drawn from
     * the real source, with the NULLs, the longest values, the extremes and the values a cast refuses.
     *
     * <pre>{@code
     * List<Row> sample = DataProfiler.of(legacy).profile(request).sampleRows();
     * assertThat(spec).table("customer").mapsWithoutRuleFailures(sample);   // migration-test
     * }</pre>
     *
     * @return the rows; empty when nothing was sampled
     */
    public List<Row> sampleRows() {
        return samples.stream().map(SampleRow::row).distinct().toList();
    }

    /**
     * The profile of a column.
     *
     * @param name the column's name
     * @return the column's profile; empty when it was not measured
     */
    public Optional<ColumnProfile> column(String name) {
        return columns.stream().filter(c -> c.column().equals(name)).findFirst();
    }

    /**
     * The profile of a key column set (columns in the same order as asked).
     *
     * @param columns the key's columns
     * @return the key's profile; empty when it was not measured
     */
    public Optional<KeyProfile> key(List<String> columns) {
        return keys.stream().filter(k -> k.columns().equals(columns)).findFirst();
    }

    /**
     * The profile of a table mapping.
     *
     * @param mapping the table mapping
     * @return the mapping's profile; empty when it was not applied
     */
    public Optional<MappingProfile> mapping(TableMapping mapping) {
        return mappings.stream().filter(m -> m.source().equals(mapping.source()) && m.target().equals(mapping.target()))
                .findFirst();
    }
}
