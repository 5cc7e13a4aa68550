package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.jdbc.RepairPlan;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Renderable;
import dev.migrationstudio.report.SignOff;
import dev.migrationstudio.verify.internal.ReportDoc;
import dev.migrationstudio.verify.replay.ReplayResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proof that a target holds what the mapping says it should: per table the row counts, the
 * digests, the keys of every differing row, the spot checks and the integrity checks; the
 * query-parity results; and how long each part took.
 *
 * <pre>{@code
 * VerificationReport report = Verifier.between(source, target).spec(spec).verify();
 * report.writeTo(Path.of("target/verification"));   // verification.json, .md, .html
 * report.assertPassed();                              // throws with a readable summary
 * }</pre>
 *
 * @param specName the mapping spec's name
 * @param specFingerprint the mapping spec's fingerprint
 * @param sourceEngine the source database product and version (never its address or credentials)
 * @param targetEngine the target database product and version
 * @param checks the checks that were run, e.g. {@code row counts}, {@code checksums}
 * @param settings the settings that shape the result (chunk size, seed, tolerance, ...)
 * @param startedAt when the verification started
 * @param duration how long it took
 * @param tables per-table results, in spec order
 * @param parity query-parity results, in the order declared
 * @param replays the replayed queries, in the log's order (empty when nothing was replayed)
 */
public record VerificationReport(String specName, String specFingerprint, String sourceEngine, String targetEngine,
                                 List<String> checks, Map<String, String> settings, Instant startedAt,
                                 Duration duration, List<TableVerification> tables, List<ParityResult> parity,
                                 List<ReplayResult> replays)
        implements Renderable {

    /** The name of the documents {@link #documents()} returns. */
    public static final String DOCUMENT_NAME = "verification";

    /** The name of the repair's documents in {@link #evidence()}, when there is something to repair. */
    public static final String REPAIR_DOCUMENT_NAME = "repair";

    /**
     * Validates and copies the parts.
     *
     * @param specName the mapping spec's name
     * @param specFingerprint the mapping spec's fingerprint
     * @param sourceEngine the source database product and version (never its address or credentials)
     * @param targetEngine the target database product and version
     * @param checks the checks that were run, e.g. {@code row counts}, {@code checksums}
     * @param settings the settings that shape the result (chunk size, seed, tolerance, ...)
     * @param startedAt when the verification started
     * @param duration how long it took
     * @param tables per-table results, in spec order
     * @param parity query-parity results, in the order declared
     * @param replays the replayed queries, in the log's order (empty when nothing was replayed)
     */
    public VerificationReport {
        checkNotNull(specName, "specName");
        checkNotNull(specFingerprint, "specFingerprint");
        checkNotNull(sourceEngine, "sourceEngine");
        checkNotNull(targetEngine, "targetEngine");
        checks = List.copyOf(checks);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        checkNotNull(startedAt, "startedAt");
        checkNotNull(duration, "duration");
        tables = List.copyOf(tables);
        parity = List.copyOf(parity);
        replays = List.copyOf(replays);
    }

    /**
     * Whether every check passed.
     *
     * @return {@code true} when {@link #failures()} is empty
     */
    public boolean passed() {
        return failures().isEmpty();
    }

    /**
     * Every failure, one line each, naming the table and the key where there is one.
     *
     * @return the failures: table by table, then parity checks, then replayed queries whose results differ; empty
     *     when the verification passed
     */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        tables.forEach(t -> failures.addAll(t.failures()));
        parity.stream().filter(p -> !p.passed()).forEach(p -> failures.add(p.describe()));
        replays.stream().filter(ReplayResult::resultsDiffer)
                .forEach(r -> failures.add("replayed " + r.results().orElseThrow().describe()));
        return failures;
    }

    /**
     * The replayed queries slower on the target than the replay's threshold, one line each.
     *
     * @return the findings; empty without a replay or when no query is slower
     */
    public List<String> performanceFindings() {
        return replays.stream().filter(r -> r.performance().isPresent())
                .map(r -> "query '" + r.name() + "' is slower on the target: " + r.performance().get()
                        + r.plan().map(p -> "; " + p).orElse("")).toList();
    }

    /**
     * The result for a target (or source) table.
     *
     * @param name a table's name, alone or with its schema; target names are matched first
     * @return the table's result, or empty when it was not verified
     */
    public Optional<TableVerification> table(String name) {
        TableId id = TableId.of(name);
        return tables.stream().filter(t -> t.target().matches(id)).findFirst()
                .or(() -> tables.stream().filter(t -> t.source().matches(id)).findFirst());
    }

    /**
     * The discrepancies listed for every table, in table order.
     *
     * @return the discrepancies listed; empty when no row differs
     */
    public List<Discrepancy> discrepancies() {
        return tables.stream().flatMap(t -> t.discrepancies().stream()).toList();
    }

    /**
     * The parity result with this name.
     *
     * @param name the parity check's name, as declared
     * @return the result, or empty when no check has that name
     */
    public Optional<ParityResult> parity(String name) {
        return parity.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * {@code PASSED} or {@code FAILED}.
     *
     * @return the verdict word
     */
    public String verdict() {
        return passed() ? "PASSED" : "FAILED";
    }

    /**
     * A few lines for people: the verdict with the tables and parity checks that failed and the rows
     * that differ, then every failure (at most 50 lines).
     *
     * @return the summary, one line per item
     */
    public String summary() {
        List<String> failures = failures();
        long failedTables = tables.stream().filter(t -> !t.passed()).count();
        long failedParity = parity.stream().filter(p -> !p.passed()).count();
        long differing = tables.stream().mapToLong(TableVerification::differingRows).sum();
        StringBuilder text = new StringBuilder("Verification of '").append(specName).append("' ").append(verdict())
                .append(": ").append(Formats.plural(tables.size(), "table")).append(" (").append(failedTables)
                .append(" failed, ").append(Formats.plural(differing, "differing row")).append("), ")
                .append(Formats.plural(parity.size(), "parity check")).append(" (").append(failedParity)
                .append(" failed), ");
        if (!replays.isEmpty()) {
            text.append(Formats.plural(replays.size(), "replayed query", "replayed queries")).append(" (")
                    .append(replays.stream().filter(ReplayResult::resultsDiffer).count()).append(" differing, ")
                    .append(performanceFindings().size()).append(" slower), ");
        }
        text.append("in ").append(Formats.duration(duration));
        failures.stream().limit(50).forEach(f -> text.append("\n  - ").append(f));
        if (failures.size() > 50) {
            text.append("\n  ... and ").append(failures.size() - 50).append(" more");
        }
        return text.toString();
    }

    /**
     * Does nothing when the verification passed.
     *
     * @throws VerificationFailedException with {@link #summary()} as its message otherwise
     */
    public void assertPassed() {
        if (!passed()) {
            throw new VerificationFailedException(this);
        }
    }

    /**
     * The repair of what this verification found: per table, each differing row as the change that
     * makes the target equal to what the spec makes of the source (insert a missing row, update a
     * changed one, delete an extra one). Review it ({@link RepairPlan#toDoc()}, also in
     * {@link #evidence()}), then apply it with {@code JdbcMigrator.repair(plan)} or the runbook step
     * {@code CutoverSteps.repair(migrator, () -> verifier.verify().repair())}. The plan's notes say
     * what it does not cover: rows beyond those listed (raise {@code maxDiscrepancies}, or catch up),
     * and tables without a key (a catch-up reloads them).
     *
     * @return the repair plan; empty when nothing differs
     */
    public RepairPlan repair() {
        List<RepairPlan.Table> repairs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (TableVerification table : tables) {
            if (table.differingRows() == 0) {
                continue;
            }
            if (table.keyless()) {
                notes.add(table.source() + " -> " + table.target() + ": no key, so rows cannot be repaired one by one; "
                        + "JdbcMigrator.catchUp() reloads the table");
                continue;
            }
            if (table.discrepancies().size() < table.differingRows()) {
                notes.add(String.format("%s -> %s: %,d rows differ, %,d are listed; raise maxDiscrepancies or use "
                        + "JdbcMigrator.catchUp()", table.source(), table.target(), table.differingRows(),
                        table.discrepancies().size()));
            }
            List<RepairPlan.Row> rows = new ArrayList<>();
            for (Discrepancy d : table.discrepancies()) {
                if (d instanceof Discrepancy.Missing) {
                    rows.add(new RepairPlan.Row(RepairPlan.Change.INSERT, d.key(), ((Discrepancy.Missing) d).expected()));
                } else if (d instanceof Discrepancy.Extra) {
                    rows.add(new RepairPlan.Row(RepairPlan.Change.DELETE, d.key(), Map.of()));
                } else {
                    Map<String, Object> values = new LinkedHashMap<>();
                    ((Discrepancy.Changed) d).columns().forEach(c -> values.put(c.column(), c.expected()));
                    rows.add(new RepairPlan.Row(RepairPlan.Change.UPDATE, d.key(), values));
                }
            }
            repairs.add(new RepairPlan.Table(table.source(), table.target(), rows));
        }
        return new RepairPlan(specName, repairs, notes);
    }

    /** The report as a document, to render as Markdown, HTML or JSON. */
    @Override
    public Doc toDoc() {
        return ReportDoc.of(this);
    }

    /**
     * The report as evidence-pack documents named {@value #DOCUMENT_NAME}: Markdown, JSON and a
     * self-contained HTML page. Add them to a plan's pack:
     *
     * <pre>{@code
     * EvidencePack pack = plan.evidencePack().with(report.evidence());
     * }</pre>
     *
     * @return the three documents, in the order Markdown, HTML, JSON
     */
    public List<Document> documents() {
        return toDoc().documents(DOCUMENT_NAME);
    }

    /**
     * The {@link #documents()} as a pack of their own, to merge with {@link EvidencePack#with(EvidencePack)};
     * its sign-off carries the verdict and the spec fingerprint.
     *
     * @return a new evidence pack holding the documents
     */
    public EvidencePack evidence() {
        EvidencePack pack = EvidencePack.titled("Verification of " + specName)
                .signOff(SignOff.blank().verificationVerdict(verdict()).specFingerprint(specFingerprint));
        for (Document document : documents()) {
            pack = pack.with(document);
        }
        RepairPlan repair = repair();
        if (!repair.isEmpty() || !repair.isComplete()) {
            pack = pack.with(REPAIR_DOCUMENT_NAME, repair.toDoc());
        }
        return pack;
    }

    /**
     * Writes {@code verification.md}, {@code verification.json} and {@code verification.html} into
     * {@code directory}, creating it.
     *
     * @param directory the folder to write into; created with its parents if missing. Not null
     * @return the files written
     * @throws MigrationException if a file cannot be written
     */
    public List<Path> writeTo(Path directory) {
        checkNotNull(directory, "directory");
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            for (Document document : documents()) {
                Path file = directory.resolve(document.fileName());
                Files.writeString(file, document.content(), StandardCharsets.UTF_8);
                written.add(file);
            }
            return List.copyOf(written);
        } catch (IOException e) {
            throw new MigrationException("could not write the verification report to " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
