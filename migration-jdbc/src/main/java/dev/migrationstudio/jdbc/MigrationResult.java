package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.format.Formats;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.report.Blocks;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.Renderable;
import dev.migrationstudio.report.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a migration run did, table by table: rows read, loaded, filtered (by rule) and quarantined
 * (with reasons), chunks done and skipped, durations and throughput. For every table,
 * {@code read = loaded + filtered + quarantined}.
 *
 * @param migration the spec's name
 * @param fingerprint the spec's fingerprint
 * @param dryRun whether this was a dry run (nothing written)
 * @param startedAt when the run started
 * @param duration how long it took
 * @param tables per table mapping, in load order
 * @param plan the dry-run plan, for a dry run
 * @param warnings run-wide things a person should know
 */
public record MigrationResult(String migration, String fingerprint, boolean dryRun, Instant startedAt,
                              Duration duration, List<TableResult> tables, Optional<DryRunPlan> plan,
                              List<String> warnings) implements Renderable {

    /**
     * Copies the lists.
     *
     * @param migration the spec's name
     * @param fingerprint the spec's fingerprint
     * @param dryRun whether this was a dry run (nothing written)
     * @param startedAt when the run started
     * @param duration how long it took
     * @param tables per table mapping, in load order
     * @param plan the dry-run plan, for a dry run
     * @param warnings run-wide things a person should know
     */
    public MigrationResult {
        checkNotNull(migration, "migration");
        checkNotNull(fingerprint, "fingerprint");
        tables = List.copyOf(tables);
        checkNotNull(plan, "plan");
        warnings = List.copyOf(warnings);
    }

    /**
     * The result of the first mapping of a source table (by name, schema optional).
     *
     * @param sourceTable the source table's name, alone ({@code customer}) or with its schema
     *     ({@code legacy.customer})
     * @return the table's result, or empty when the spec does not map that table
     */
    public Optional<TableResult> table(String sourceTable) {
        return tables.stream().filter(t -> t.source().name().equals(sourceTable) || t.source().toString().equals(sourceTable))
                .findFirst();
    }

    /**
     * This run's counts over all tables.
     *
     * @return the counts of this run, summed over the tables
     */
    public RowCounts thisRun() {
        return tables.stream().map(TableResult::thisRun).reduce(RowCounts.zero(), RowCounts::plus);
    }

    /**
     * The ledger's counts over all tables and runs.
     *
     * @return the counts the ledger holds, summed over the tables
     */
    public RowCounts total() {
        return tables.stream().map(TableResult::total).reduce(RowCounts.zero(), RowCounts::plus);
    }

    /**
     * Whether every table balances: read = loaded + filtered + quarantined, in this run and in total.
     *
     * @return {@code true} when every table's counts balance
     */
    public boolean isBalanced() {
        return tables.stream().allMatch(t -> t.thisRun().isBalanced() && t.total().isBalanced());
    }

    /**
     * Whether every table completed (or was planned, for a dry run).
     *
     * @return {@code true} when every table completed, or was planned in a dry run
     */
    public boolean isComplete() {
        return tables.stream().allMatch(t -> t.status() == TableResult.Status.COMPLETED
                || t.status() == TableResult.Status.PLANNED);
    }

    /**
     * Chunks committed by this run.
     *
     * @return the number of chunks this run committed
     */
    public long chunksDone() {
        return tables.stream().mapToLong(TableResult::chunksDone).sum();
    }

    /**
     * Chunks skipped because an earlier run committed them.
     *
     * @return the number of chunks this run skipped
     */
    public long chunksSkipped() {
        return tables.stream().mapToLong(TableResult::chunksSkipped).sum();
    }

    /**
     * One paragraph for logs and consoles. For a dry run: what a real run would do, since a dry run
     * reads only a sample and writes nothing.
     *
     * @return the summary: tables, rows, counts and duration (for a dry run, the planned tables and estimate)
     */
    public String summary() {
        if (dryRun) {
            long sourceRows = tables.stream().mapToLong(TableResult::sourceRows).sum();
            return "Dry run of '" + migration + "': " + Formats.plural(tables.size(), "table") + ", "
                    + Formats.plural(sourceRows, "source row") + plan.map(p -> ", "
                    + Formats.plural(p.tables().stream().mapToLong(DryRunPlan.TablePlan::chunksToRun).sum(), "chunk")
                    + " to run, " + p.tables().stream().mapToLong(DryRunPlan.TablePlan::chunksAlreadyDone).sum()
                    + " already done").orElse("") + "; nothing written, in " + Formats.duration(duration);
        }
        RowCounts run = thisRun();
        return "Migration '" + migration + "': " + Formats.plural(tables.size(), "table") + ", " + run.describe()
                + "; " + Formats.plural(chunksDone(), "chunk") + " done, " + chunksSkipped() + " skipped, in "
                + Formats.duration(duration) + (isBalanced() ? "" : " (COUNTS DO NOT BALANCE)");
    }

    /**
     * Every warning, run-wide first, then each table's prefixed with its mapping.
     *
     * @return every warning, as people read them; empty when there is none
     */
    public List<String> allWarnings() {
        List<String> all = new ArrayList<>(warnings);
        tables.forEach(t -> t.warnings().forEach(w -> all.add(t.mapping() + ": " + w)));
        return List.copyOf(all);
    }

    /**
     * The result as a document, titled "Dry run" for a dry run (with its plan: the statements, the
     * sample, the estimate) and "Migration result" otherwise.
     */
    @Override
    public Doc toDoc() {
        return Doc.of((dryRun ? "Dry run: " : "Migration result: ") + migration, data(), body -> {
            body.paragraph(summary() + ".");
            body.paragraph(Text.of("Spec fingerprint: ").andCode(fingerprint).and(". Started "
                    + Formats.time(startedAt) + "."));
            if (dryRun) {
                plan.ifPresentOrElse(p -> dryRunPlan(body, p), () -> body.paragraph("Nothing was written."));
            } else {
                List<List<?>> rows = new ArrayList<>();
                for (TableResult t : tables) {
                    RowCounts c = t.thisRun();
                    rows.add(List.of(t.mapping(), t.status(), Formats.count(t.sourceRows()), Formats.count(c.read()),
                            Formats.count(c.loaded()), Formats.count(c.filtered()), Formats.count(c.quarantined()),
                            c.isBalanced() && t.total().isBalanced() ? Text.of("yes") : Text.strong("NO"),
                            t.chunksDone(), t.chunksSkipped(), Formats.count(Math.round(t.rowsPerSecond())),
                            Formats.count(t.total().loaded())));
                }
                body.table(List.of("Table", "Status", "Source rows", "Read", "Loaded", "Filtered", "Quarantined",
                        "Balanced", "Chunks done", "Chunks skipped", "Rows/s", "Total loaded (all runs)"), rows);
                List<Text> filtered = new ArrayList<>();
                for (TableResult t : tables) {
                    if (!t.thisRun().filteredByRule().isEmpty()) {
                        filtered.add(Text.of(t.mapping() + ": " + t.thisRun().filteredByRule().entrySet().stream()
                                .map(e -> e.getKey() + " (" + Formats.count(e.getValue()) + ")")
                                .collect(Collectors.joining(", "))));
                    }
                }
                if (!filtered.isEmpty()) {
                    body.section("Filtered rows by rule", s -> s.bullets(filtered));
                }
                List<QuarantinedRow> quarantined = tables.stream().flatMap(t -> t.quarantined().stream()).toList();
                if (!quarantined.isEmpty()) {
                    body.section("Quarantined rows (" + quarantined.size() + ")", s -> s.table(
                            List.of("Table", "Key", "Column", "Rule", "Reason", "Cause"), quarantined.stream()
                                    .map(r -> List.of(r.mapping(), Text.code(r.key()), r.column(), r.rule(), r.reason(),
                                            causeText(r.cause())))
                                    .toList()));
                }
            }
            List<String> all = allWarnings();
            if (!all.isEmpty()) {
                body.section("Warnings (" + all.size() + ")", s -> s.bullets(all));
            }
        });
    }

    /** A cause for people: a rule's failure is a bug in the spec, not a row to repair. */
    private static String causeText(RowResult.Cause cause) {
        switch (cause) {
            case RULE_FAILED:
                return "rule failed (a bug in the rule's code)";
            case NULL_KEY:
                return "NULL key";
            default:
                return "value";
        }
    }

    private static void dryRunPlan(Blocks body, DryRunPlan p) {
        body.paragraph("Nothing was written. Lock: " + p.lock() + ". Ledger tables: " + String.join(", ", p.ledgerTables())
                + "." + p.estimatedDuration().map(d -> " Estimated duration of a real run: " + Formats.duration(d) + ".")
                .orElse(""));
        body.table(List.of("#", "Table", "Source rows", "Chunks to run", "Chunks already done", "Read rate (rows/s)"),
                p.tables().stream().map(t -> List.of(t.position(), t.mapping(), Formats.count(t.sourceRows()),
                        Formats.count(t.chunksToRun()), Formats.count(t.chunksAlreadyDone()),
                        t.measuredReadRowsPerSecond().map(r -> Formats.count(Math.round(r))).orElse(""))).toList());
        for (DryRunPlan.TablePlan t : p.tables()) {
            body.section(t.position() + ". " + t.mapping(), s -> {
                s.paragraph(Formats.plural(t.sourceRows(), "source row") + ", " + Formats.plural(t.chunksToRun(),
                        "chunk") + " to run, " + Formats.count(t.chunksAlreadyDone()) + " already done.");
                s.paragraph("Path: " + t.writePath() + ".");
                s.code("sql", t.readSql() + ";\n" + t.writeSql() + ";\n" + t.ledgerSql() + ";\n");
                if (!t.sample().isEmpty()) {
                    s.paragraph("The first source rows and what the mapping makes of them:").bullets(t.sample());
                }
                if (!t.warnings().isEmpty()) {
                    s.paragraph("Warnings:").bullets(t.warnings());
                }
            });
        }
    }

    private Map<String, Object> data() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("migration", migration);
        root.put("fingerprint", fingerprint);
        root.put("dryRun", dryRun);
        root.put("startedAt", startedAt);
        root.put("durationMillis", duration.toMillis());
        root.put("balanced", isBalanced());
        root.put("complete", isComplete());
        List<Map<String, Object>> tableNodes = new ArrayList<>();
        for (TableResult t : tables) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("mapping", t.mapping());
            node.put("source", t.source().toString());
            node.put("target", t.target().toString());
            node.put("status", t.status());
            node.put("sourceRows", t.sourceRows());
            node.put("chunksDone", t.chunksDone());
            node.put("chunksSkipped", t.chunksSkipped());
            node.put("durationMillis", t.duration().toMillis());
            node.put("rowsPerSecond", t.rowsPerSecond());
            node.put("thisRun", counts(t.thisRun()));
            node.put("total", counts(t.total()));
            node.put("quarantined", t.quarantined().stream().map(r -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("chunk", r.chunk());
                row.put("key", r.key());
                row.put("column", r.column());
                row.put("rule", r.rule());
                row.put("reason", r.reason());
                row.put("cause", r.cause().name());
                row.put("values", r.values());
                return row;
            }).toList());
            node.put("warnings", t.warnings());
            tableNodes.add(node);
        }
        root.put("tables", tableNodes);
        root.put("warnings", warnings);
        plan.ifPresent(p -> {
            Map<String, Object> planNode = new LinkedHashMap<>();
            planNode.put("lock", p.lock());
            planNode.put("ledgerTables", p.ledgerTables());
            planNode.put("estimatedDuration", p.estimatedDuration());
            planNode.put("tables", p.tables().stream().map(t -> {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("position", t.position());
                node.put("mapping", t.mapping());
                node.put("sourceRows", t.sourceRows());
                node.put("chunksToRun", t.chunksToRun());
                node.put("chunksAlreadyDone", t.chunksAlreadyDone());
                node.put("readSql", t.readSql());
                node.put("writeSql", t.writeSql());
                node.put("ledgerSql", t.ledgerSql());
                node.put("writePath", t.writePath());
                node.put("sample", t.sample());
                node.put("measuredReadRowsPerSecond", t.measuredReadRowsPerSecond());
                node.put("warnings", t.warnings());
                return node;
            }).toList());
            root.put("plan", planNode);
        });
        return root;
    }

    private static Map<String, Object> counts(RowCounts counts) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("read", counts.read());
        node.put("loaded", counts.loaded());
        node.put("filtered", counts.filtered());
        node.put("quarantined", counts.quarantined());
        node.put("balanced", counts.isBalanced());
        node.put("filteredByRule", counts.filteredByRule());
        return node;
    }

    /**
     * The Markdown, HTML and JSON documents for the evidence pack, named {@code dry-run} for a dry
     * run and {@code migration-result} otherwise.
     *
     * @return the three documents, in the order Markdown, HTML, JSON
     */
    public List<Document> documents() {
        return toDoc().documents(dryRun ? "dry-run" : "migration-result");
    }
}
