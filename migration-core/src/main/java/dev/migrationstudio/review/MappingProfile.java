package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table mapping applied to every source row, measured: what its filters keep and what each target
 * column would receive.
 *
 * @param source the source table, as the spec names it
 * @param target the target table, as the spec names it
 * @param rows source rows read
 * @param filtered rows each filter leaves out, by filter name
 * @param filterFailures rows whose filter predicate failed (they are quarantined), by filter name
 * @param fields what each target column receives, in the mapping's order
 * @param targetKeys repeats among the values each primary or unique key of the target receives, after
 *     the rules (columns named as in the target; no examples: values are compared by 64-bit hashes)
 */
public record MappingProfile(TableId source, TableId target, long rows, Map<String, Long> filtered,
                             Map<String, Long> filterFailures, List<FieldProfile> fields,
                             List<KeyProfile> targetKeys) {

    /**
     * Validates the parts.
     *
     * @param source the source table, as the spec names it
     * @param target the target table, as the spec names it
     * @param rows source rows read
     * @param filtered rows each filter leaves out, by filter name
     * @param filterFailures rows whose filter predicate failed (they are quarantined), by filter name
     * @param fields what each target column receives, in the mapping's order
     * @param targetKeys repeats among the values each primary or unique key of the target receives, after the
     *     rules (columns named as in the target; no examples: values are compared by 64-bit hashes)
     */
    public MappingProfile {
        checkNotNull(source, "source");
        checkNotNull(target, "target");
        checkArgument(rows >= 0, "rows must not be negative");
        filtered = Map.copyOf(filtered);
        filterFailures = Map.copyOf(filterFailures);
        fields = List.copyOf(fields);
        targetKeys = List.copyOf(targetKeys);
    }

    /**
     * Rows the filters keep: those that reach the target columns.
     *
     * @return the number of rows kept
     */
    public long rowsKept() {
        return rows - filtered.values().stream().mapToLong(Long::longValue).sum()
                - filterFailures.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What a target key (its columns in the target) receives, when it was measured.
     *
     * @param columns the key's target columns, in key order
     * @return the key's profile; empty when it was not measured
     */
    public Optional<KeyProfile> targetKey(List<String> columns) {
        return targetKeys.stream().filter(k -> k.columns().equals(columns)).findFirst();
    }

    /**
     * The profile of one target column.
     *
     * @param targetColumn the target column's name
     * @return the column's profile; empty when the mapping does not fill it
     */
    public Optional<FieldProfile> field(String targetColumn) {
        return fields.stream().filter(f -> f.target().equals(targetColumn)).findFirst();
    }
}
