package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One integrity check of a target table, run as a query over the data (so that it holds even when
 * the loader disabled constraints): a key is unique, a column holds no NULL, a foreign key has no
 * orphans, an expected index exists.
 *
 * @param table the target table
 * @param kind what was checked
 * @param name the constraint or index name (or a description when it has none)
 * @param columns the columns concerned
 * @param expectedBy where the expectation comes from: {@code declared} (target metadata),
 *     {@code intended} (the target inventory), {@code mapping key}, or {@code source foreign key}
 * @param outcome passed, failed, or a warning that does not fail the report
 * @param violations how many rows (or duplicate key groups) break it
 * @param examples the first offending rows, column to value (SQL NULL as {@code null})
 * @param message what was found, for people
 */
public record IntegrityCheck(TableId table, Kind kind, String name, List<String> columns, String expectedBy,
                             Outcome outcome, long violations, List<Map<String, Object>> examples,
                             String message) {

    /** The kinds of checks. */
    public enum Kind {
        /** The primary key is unique and has no NULL. */
        PRIMARY_KEY,
        /** A unique key (or the mapping's key) is unique. */
        UNIQUE,
        /** A NOT NULL column holds no NULL. */
        NOT_NULL,
        /** Every non-NULL foreign key value has its parent row. */
        FOREIGN_KEY,
        /** An expected index exists. */
        INDEX
    }

    /** The result of a check. */
    public enum Outcome {
        /** The data satisfies it. */
        PASSED,
        /** The data breaks it; the report fails. */
        FAILED,
        /** Worth a look, but not a failure (e.g. a foreign key without a supporting index). */
        WARNING
    }

    /**
     * Validates and copies the parts.
     *
     * @param table the target table
     * @param kind what was checked
     * @param name the constraint or index name (or a description when it has none)
     * @param columns the columns concerned
     * @param expectedBy where the expectation comes from: {@code declared} (target metadata), {@code intended}
     *     (the target inventory), {@code mapping key}, or {@code source foreign key}
     * @param outcome passed, failed, or a warning that does not fail the report
     * @param violations how many rows (or duplicate key groups) break it
     * @param examples the first offending rows, column to value (SQL NULL as {@code null})
     * @param message what was found, for people
     */
    public IntegrityCheck {
        checkNotNull(table, "table");
        checkNotNull(kind, "kind");
        checkNotNull(name, "name");
        columns = List.copyOf(columns);
        checkNotNull(expectedBy, "expectedBy");
        checkNotNull(outcome, "outcome");
        checkArgument(violations >= 0, "violations must not be negative");
        examples = examples.stream().map(e -> Collections.unmodifiableMap(new LinkedHashMap<>(e))).toList();
        checkNotNull(message, "message");
    }

    /**
     * Whether the check failed.
     *
     * @return {@code true} when the outcome is {@code FAILED}
     */
    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /**
     * E.g. {@code album: FOREIGN_KEY album_artist_id_fkey (artist_id) FAILED: 1 orphan row ...}.
     *
     * @return the table, kind, name, columns, outcome and message, on one line
     */
    public String describe() {
        return table + ": " + kind + " " + name + " (" + String.join(", ", columns) + ") " + outcome + ": " + message;
    }
}
