package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a {@link ParityCheck}.
 *
 * @param name the check's name
 * @param ordered whether rows were compared in order
 * @param sourceRows rows the source query returned
 * @param targetRows rows the target query returned
 * @param differingRows rows without a counterpart on the other side (ordered: positions that differ)
 * @param firstDifferences the first differing rows
 * @param error why the check could not run (a query failed, results of different widths), if so
 * @param duration time taken by both queries and the comparison
 */
public record ParityResult(String name, boolean ordered, long sourceRows, long targetRows, long differingRows,
                           List<Difference> firstDifferences, Optional<String> error, Duration duration) {

    /**
     * Validates and copies the parts.
     *
     * @param name the check's name
     * @param ordered whether rows were compared in order
     * @param sourceRows rows the source query returned
     * @param targetRows rows the target query returned
     * @param differingRows rows without a counterpart on the other side (ordered: positions that differ)
     * @param firstDifferences the first differing rows
     * @param error why the check could not run (a query failed, results of different widths), if so
     * @param duration time taken by both queries and the comparison
     */
    public ParityResult {
        Names.requireName(name, "name");
        firstDifferences = List.copyOf(firstDifferences);
        checkNotNull(error, "error");
        checkNotNull(duration, "duration");
    }

    /**
     * Whether both queries ran and their results agree.
     *
     * @return {@code true} when no query failed and no row differs
     */
    public boolean passed() {
        return error.isEmpty() && differingRows == 0;
    }

    /**
     * One line for people.
     *
     * @return the check's name and its outcome
     */
    public String describe() {
        if (error.isPresent()) {
            return "parity '" + name + "': could not compare: " + error.get();
        }
        return "parity '" + name + "': source " + sourceRows + " rows, target " + targetRows + " rows, "
                + differingRows + " differing" + (firstDifferences.isEmpty() ? ""
                : "; first: " + firstDifferences.get(0).describe());
    }

    /**
     * A row of one side without its counterpart on the other.
     *
     * @param position the row number (1-based) in ordered comparisons; 0 in unordered ones
     * @param sourceRow the source row, or empty when the target row has no source counterpart
     * @param targetRow the target row, or empty when the source row has no target counterpart
     */
    public record Difference(long position, Optional<List<Object>> sourceRow, Optional<List<Object>> targetRow) {

        /**
         * Copies the rows (values may be null for SQL NULL).
         *
         * @param position the row number (1-based) in ordered comparisons; 0 in unordered ones
         * @param sourceRow the source row, or empty when the target row has no source counterpart
         * @param targetRow the target row, or empty when the source row has no target counterpart
         */
        public Difference {
            sourceRow = sourceRow.map(r -> Collections.unmodifiableList(new java.util.ArrayList<>(r)));
            targetRow = targetRow.map(r -> Collections.unmodifiableList(new java.util.ArrayList<>(r)));
        }

        /**
         * E.g. {@code row 3: source (USA, 523.06) / target (USA, 523.07)}.
         *
         * @return the position (when ordered) and both rows, on one line
         */
        public String describe() {
            return (position > 0 ? "row " + position + ": " : "") + "source " + rowText(sourceRow)
                    + " / target " + rowText(targetRow);
        }

        private static String rowText(Optional<List<Object>> row) {
            return row.map(r -> "(" + r.stream().map(CanonicalValues::display).collect(Collectors.joining(", ")) + ")")
                    .orElse("(none)");
        }
    }
}
