package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkArgument;

import dev.migrationstudio.Names;

/**
 * A pair of queries that must give the same answer on the source and on the target: a report, an
 * API's read, a business total. The SQL strings are the caller's own and are executed exactly as
 * given, each on its own database.
 *
 * <pre>{@code
 * ParityCheck.of("revenue by country",
 *         "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country",
 *         "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country")
 *     .tolerance(0.005);
 * }</pre>
 *
 * @param name the check's name, shown in the report
 * @param sourceSql the query run on the source
 * @param targetSql the query run on the target
 * @param inOrder whether row order matters (default: {@code false}, results compared as multisets)
 * @param tolerance the absolute difference allowed between numbers (default: {@code 0}, exact)
 */
public record ParityCheck(String name, String sourceSql, String targetSql, boolean inOrder, double tolerance) {

    /**
     * Validates the parts.
     *
     * @param name the check's name, shown in the report
     * @param sourceSql the query run on the source
     * @param targetSql the query run on the target
     * @param inOrder whether row order matters (default: {@code false}, results compared as multisets)
     * @param tolerance the absolute difference allowed between numbers (default: {@code 0}, exact)
     */
    public ParityCheck {
        Names.requireName(name, "parity check name");
        Names.requireName(sourceSql, "source SQL of parity check " + name);
        Names.requireName(targetSql, "target SQL of parity check " + name);
        checkArgument(tolerance >= 0 && Double.isFinite(tolerance),
                "tolerance of parity check %s must be a finite number >= 0, got %s", name, tolerance);
    }

    /**
     * An unordered, exact comparison of two queries' results.
     *
     * @param name the check's name, shown in reports; not blank
     * @param sourceSql the query run on the source
     * @param targetSql the query run on the target; it must return the same columns in the same order
     * @return the check
     */
    public static ParityCheck of(String name, String sourceSql, String targetSql) {
        return new ParityCheck(name, sourceSql, targetSql, false, 0);
    }

    /**
     * This check, comparing rows in the order the queries return them (use with ORDER BY).
     *
     * @return a copy of this check comparing row by row in order
     */
    public ParityCheck ordered() {
        return new ParityCheck(name, sourceSql, targetSql, true, tolerance);
    }

    /**
     * This check, accepting numbers that differ by at most {@code absolute}.
     *
     * @param absolute the largest difference accepted between two numbers, in the numbers' own unit; finite and
     *     not negative (0: exact)
     * @return a copy of this check with that tolerance
     */
    public ParityCheck tolerance(double absolute) {
        return new ParityCheck(name, sourceSql, targetSql, inOrder, absolute);
    }
}
