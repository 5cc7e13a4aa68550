package dev.migrationstudio.jdbc;

/**
 * Whether, and in which COPY format, a table moves from PostgreSQL to PostgreSQL without its rows
 * being decoded in Java: each chunk is {@code COPY (SELECT <projection> ... WHERE <key range> ORDER BY
 * <key>) TO STDOUT} streamed into {@code COPY ... FROM STDIN}, committed with its ledger row.
 *
 * <p>A table takes this path only when its rules can be written in SQL (renames, drops, constants,
 * default fills, trim, lower and upper case; no filter, derivation, cast or other converter), each
 * column keeps its type, it has a key and does not reference itself, and a canary proves, per table
 * and run, that the SQL projection gives the values the Java rules give on the first rows and on probe
 * values. Every other table, and every chunk the target refuses, takes the Java path (a refused
 * chunk's bad rows are quarantined with their keys). The dry run shows each table's path and why.
 *
 * <pre>{@code
 * JdbcMigrator.configure().source(pg).target(pg2).spec(spec).passthrough(Passthrough.BINARY).load().migrate();
 * }</pre>
 */
public enum Passthrough {
    /** Every row goes through Java. */
    OFF,
    /** COPY in text format: the column types may differ in their modifiers (lengths, precisions). */
    TEXT,
    /** COPY in binary format: faster to parse; each column's type must be the same on both sides. */
    BINARY
}
