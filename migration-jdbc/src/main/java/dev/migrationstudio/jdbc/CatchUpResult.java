package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a catch-up ({@link JdbcMigrator#catchUp()}) did, or, for a dry run, would do: per table the
 * counts of what it wrote, the statements, and examples of the rows.
 *
 * @param migration the spec's name
 * @param dryRun whether nothing was written
 * @param startedAt when it started
 * @param duration how long it took
 * @param tables each table mapping, parents first
 */
public record CatchUpResult(String migration, boolean dryRun, Instant startedAt, Duration duration,
                            List<Table> tables) {

    /**
     * Copies the list.
     *
     * @param migration the spec's name
     * @param dryRun whether nothing was written
     * @param startedAt when it started
     * @param duration how long it took
     * @param tables each table mapping, parents first
     */
    public CatchUpResult {
        checkNotNull(migration, "migration");
        checkNotNull(startedAt, "startedAt");
        checkNotNull(duration, "duration");
        tables = List.copyOf(tables);
    }

    /**
     * One table mapping's catch-up.
     *
     * @param mapping e.g. {@code customer -> client}
     * @param counts what this run did (a resumed pass: this run's part)
     * @param chunksCompared chunks this run compared
     * @param chunksRepaired of those, the chunks whose digests differed and were repaired
     * @param chunksSkipped chunks an interrupted earlier run had repaired already, skipped by this one
     * @param statements the statements that write the changes (values bound as {@code ?})
     * @param examples the first changes, as text for people ({@code INSERT id=7}, {@code DELETE id=3}, ...)
     * @param warnings things a person should know, e.g. target rows kept because the migration never loaded them
     */
    public record Table(String mapping, ChangeCounts counts, long chunksCompared, long chunksRepaired,
                        long chunksSkipped, List<String> statements, List<String> examples, List<String> warnings) {
        /**
         * Copies the lists.
         *
         * @param mapping e.g. {@code customer -> client}
         * @param counts what this run did (a resumed pass: this run's part)
         * @param chunksCompared chunks this run compared
         * @param chunksRepaired of those, the chunks whose digests differed and were repaired
         * @param chunksSkipped chunks an interrupted earlier run had repaired already, skipped by this one
         * @param statements the statements that write the changes (values bound as {@code ?})
         * @param examples the first changes, as text for people ({@code INSERT id=7}, {@code DELETE id=3}, ...)
         * @param warnings things a person should know, e.g. target rows kept because the migration never loaded
         *     them
         */
        public Table {
            checkNotNull(mapping, "mapping");
            checkNotNull(counts, "counts");
            statements = List.copyOf(statements);
            examples = List.copyOf(examples);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The counts of every table together.
     *
     * @return the sum of the tables' counts; all zero when there is no table
     */
    public ChangeCounts total() {
        return tables.stream().map(Table::counts).reduce(ChangeCounts.zero(), ChangeCounts::plus);
    }

    /**
     * Whether every table's counts balance.
     *
     * @return {@code true} when every table's {@link ChangeCounts#isBalanced()} holds
     */
    public boolean isBalanced() {
        return tables.stream().allMatch(t -> t.counts().isBalanced());
    }

    /**
     * The table of a mapping, by its name.
     *
     * @param mapping the mapping's name as {@link Table#mapping()} gives it, e.g. {@code customer -> client}
     * @return the table, or empty when no table has that name
     */
    public java.util.Optional<Table> table(String mapping) {
        return tables.stream().filter(t -> t.mapping().equals(mapping)).findFirst();
    }

    /**
     * One line per table, for logs.
     *
     * @return the run's header line followed by one line per table with its counts and chunks repaired
     */
    public String summary() {
        StringBuilder text = new StringBuilder(String.format("Catch-up '%s'%s in %s ms:", migration,
                dryRun ? " (dry run, nothing written)" : "", duration.toMillis()));
        for (Table table : tables) {
            text.append(String.format("%n  %s: %s (%,d of %,d chunks repaired)", table.mapping(),
                    table.counts().describe(), table.chunksRepaired(), table.chunksCompared()));
        }
        return text.toString();
    }
}
