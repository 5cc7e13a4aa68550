package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.DocumentFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
                              List<String> warnings) {

    /** Copies the lists. */
    public MigrationResult {
        checkNotNull(migration, "migration");
        checkNotNull(fingerprint, "fingerprint");
        tables = List.copyOf(tables);
        checkNotNull(plan, "plan");
        warnings = List.copyOf(warnings);
    }

    /** The result of the first mapping of a source table (by name, schema optional). */
    public Optional<TableResult> table(String sourceTable) {
        return tables.stream().filter(t -> t.source().name().equals(sourceTable) || t.source().toString().equals(sourceTable))
                .findFirst();
    }

    /** This run's counts over all tables. */
    public RowCounts thisRun() {
        return tables.stream().map(TableResult::thisRun).reduce(RowCounts.zero(), RowCounts::plus);
    }

    /** The ledger's counts over all tables and runs. */
    public RowCounts total() {
        return tables.stream().map(TableResult::total).reduce(RowCounts.zero(), RowCounts::plus);
    }

    /** Whether every table balances: read = loaded + filtered + quarantined, in this run and in total. */
    public boolean isBalanced() {
        return tables.stream().allMatch(t -> t.thisRun().isBalanced() && t.total().isBalanced());
    }

    /** Whether every table completed (or was planned, for a dry run). */
    public boolean isComplete() {
        return tables.stream().allMatch(t -> t.status() == TableResult.Status.COMPLETED
                || t.status() == TableResult.Status.PLANNED);
    }

    /** Chunks committed by this run. */
    public long chunksDone() {
        return tables.stream().mapToLong(TableResult::chunksDone).sum();
    }

    /** Chunks skipped because an earlier run committed them. */
    public long chunksSkipped() {
        return tables.stream().mapToLong(TableResult::chunksSkipped).sum();
    }

    /** One paragraph for logs and consoles. */
    public String summary() {
        RowCounts run = thisRun();
        return String.format("%s '%s': %d tables, %s; %d chunks done, %d skipped, in %.1f s%s",
                dryRun ? "Dry run of" : "Migration", migration, tables.size(), run.describe(), chunksDone(),
                chunksSkipped(), duration.toMillis() / 1000.0, isBalanced() ? "" : " (COUNTS DO NOT BALANCE)");
    }

    /** A Markdown document for the evidence pack. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder("# Migration result: ").append(migration).append("\n\n");
        out.append(summary()).append(".\n\nSpec fingerprint: `").append(fingerprint).append("`. Started ")
                .append(startedAt).append(".\n\n");
        out.append("| Table | Status | Source rows | Read | Loaded | Filtered | Quarantined | Balanced | "
                + "Chunks done | Chunks skipped | Rows/s | Total loaded (all runs) |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (TableResult t : tables) {
            RowCounts c = t.thisRun();
            out.append(String.format("| %s | %s | %,d | %,d | %,d | %,d | %,d | %s | %d | %d | %,.0f | %,d |%n",
                    t.mapping().replace("|", "\\|"), t.status(), t.sourceRows(), c.read(), c.loaded(), c.filtered(),
                    c.quarantined(), c.isBalanced() && t.total().isBalanced() ? "yes" : "**NO**", t.chunksDone(),
                    t.chunksSkipped(), t.rowsPerSecond(), t.total().loaded()));
        }
        out.append('\n');
        for (TableResult t : tables) {
            if (!t.thisRun().filteredByRule().isEmpty()) {
                out.append("Filtered in ").append(t.mapping()).append(": ");
                t.thisRun().filteredByRule().forEach((rule, n) -> out.append(String.format("%s (%,d) ", rule, n)));
                out.append("\n\n");
            }
        }
        List<QuarantinedRow> quarantined = tables.stream().flatMap(t -> t.quarantined().stream()).toList();
        if (!quarantined.isEmpty()) {
            out.append("## Quarantined rows\n\n| Table | Key | Column | Rule | Reason |\n| --- | --- | --- | --- | --- |\n");
            for (QuarantinedRow row : quarantined) {
                out.append("| ").append(cell(row.mapping())).append(" | ").append(cell(row.key())).append(" | ")
                        .append(cell(row.column())).append(" | ").append(cell(row.rule())).append(" | ")
                        .append(cell(row.reason())).append(" |\n");
            }
            out.append('\n');
        }
        List<String> allWarnings = new java.util.ArrayList<>(warnings);
        tables.forEach(t -> t.warnings().forEach(w -> allWarnings.add(t.mapping() + ": " + w)));
        if (!allWarnings.isEmpty()) {
            out.append("## Warnings\n\n");
            allWarnings.forEach(w -> out.append("- ").append(w).append('\n'));
            out.append('\n');
        }
        plan.ifPresent(p -> {
            out.append("## Dry-run plan\n\nLock: ").append(p.lock()).append(". Ledger tables: ")
                    .append(String.join(", ", p.ledgerTables())).append(".");
            p.estimatedDuration().ifPresent(d -> out.append(" Estimated duration: ").append(d).append('.'));
            out.append("\n\n");
            for (DryRunPlan.TablePlan t : p.tables()) {
                out.append("### ").append(t.position()).append(". ").append(t.mapping()).append("\n\n")
                        .append(String.format("%,d source rows, %,d chunks to run, %,d already done.%n%n",
                                t.sourceRows(), t.chunksToRun(), t.chunksAlreadyDone()))
                        .append("```sql\n").append(t.readSql()).append(";\n").append(t.writeSql()).append(";\n")
                        .append(t.ledgerSql()).append(";\n```\n\n");
                t.sample().forEach(s -> out.append("- ").append(s).append('\n'));
                t.warnings().forEach(w -> out.append("- Warning: ").append(w).append('\n'));
                out.append('\n');
            }
        });
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** A JSON document for tools. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("migration", migration).put("fingerprint", fingerprint).put("dryRun", dryRun)
                .put("startedAt", startedAt.toString()).put("durationMillis", duration.toMillis())
                .put("balanced", isBalanced()).put("complete", isComplete());
        ArrayNode tableNodes = root.putArray("tables");
        for (TableResult t : tables) {
            ObjectNode node = tableNodes.addObject();
            node.put("mapping", t.mapping()).put("source", t.source().toString()).put("target", t.target().toString())
                    .put("status", t.status().name()).put("sourceRows", t.sourceRows())
                    .put("chunksDone", t.chunksDone()).put("chunksSkipped", t.chunksSkipped())
                    .put("durationMillis", t.duration().toMillis()).put("rowsPerSecond", t.rowsPerSecond());
            node.set("thisRun", counts(json, t.thisRun()));
            node.set("total", counts(json, t.total()));
            ArrayNode rows = node.putArray("quarantined");
            for (QuarantinedRow row : t.quarantined()) {
                ObjectNode r = rows.addObject();
                r.put("chunk", row.chunk()).put("key", row.key()).put("column", row.column()).put("rule", row.rule())
                        .put("reason", row.reason());
                ObjectNode values = r.putObject("values");
                row.values().forEach(values::put);
            }
            t.warnings().forEach(node.withArray("warnings")::add);
        }
        warnings.forEach(root.withArray("warnings")::add);
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode counts(ObjectMapper json, RowCounts counts) {
        ObjectNode node = json.createObjectNode();
        node.put("read", counts.read()).put("loaded", counts.loaded()).put("filtered", counts.filtered())
                .put("quarantined", counts.quarantined()).put("balanced", counts.isBalanced());
        ObjectNode byRule = node.putObject("filteredByRule");
        counts.filteredByRule().forEach(byRule::put);
        return node;
    }

    /** The Markdown and JSON documents, named {@code migration-result}, for the evidence pack. */
    public List<Document> documents() {
        return List.of(new Document("migration-result", "Migration result", DocumentFormat.MARKDOWN, toMarkdown()),
                new Document("migration-result", "Migration result", DocumentFormat.JSON, toJson()));
    }
}
