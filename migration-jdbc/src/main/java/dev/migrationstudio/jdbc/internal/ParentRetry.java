package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.source.SourceCursor;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the rows a foreign key refused because their parent row was not in the target yet, once
 * every table of the run is copied: rows of a table that references itself whose parent comes later
 * in key order (a manager hired after the employees who report to them), or rows of two tables that
 * reference each other.
 *
 * <p>Until then the ledger keeps them quarantined ({@link Ledger#MISSING_PARENT}), with their source
 * key, so a crash loses nothing. Rows are taken table by table in load order, in slices of 200,000
 * rows or a chunk, whichever is larger (memory holds one slice): read again from the source, mapped,
 * sorted out by {@link SelfReferences} (those whose parent is still missing are not tried), and
 * written parents first by the {@link IsolatingWriter}: one stream committed together with the rows'
 * release from the quarantine or, when the database refuses the stream, committed pieces narrowed
 * down under savepoints, each with the release of its rows. Passes repeat while they load rows, so
 * chains across slices and tables load too. Rows whose parent never comes stay quarantined, and the
 * next run tries them again.
 */
final class ParentRetry {
    private static final Logger LOG = LoggerFactory.getLogger(ParentRetry.class);
    private static final int READ_BACK_KEYS = 500;
    private static final int SLICE_ROWS = 200_000;
    /** The rule of a row the database refuses for itself, as the table copy records it. */
    static final String BAD_ROW_RULE = "database constraint";

    /** What the retry loaded for one table mapping, counted as it goes. */
    private static final class Loaded {
        private long rows;
        private long ofThisRun;
        private final Set<TableTally.QuarantinePlace> places = new HashSet<>();
    }

    private final RunContext run;
    private final Map<String, TableJob> jobs = new LinkedHashMap<>();
    private final Map<String, IsolatingWriter> writers;
    private final Map<String, SelfReferences> selfReferences = new HashMap<>();
    private final Map<String, Loaded> loaded = new HashMap<>();
    private final List<Refused> refused = new ArrayList<>();

    ParentRetry(RunContext run, List<TableJob> jobs, Map<String, IsolatingWriter> writers) {
        this.run = run;
        jobs.forEach(j -> this.jobs.put(j.name(), j));
        this.writers = writers;
    }

    /** A waiting row the database refused for another reason than its parent: a bad row after all. */
    record Refused(Ledger.Waiting row, String reason) {
    }

    /**
     * What the retry did.
     *
     * @param left the rows still waiting, quarantined
     * @param refused the rows refused for another reason, now quarantined as bad rows
     */
    record Outcome(Map<String, TableTally.Retried> retried, List<Ledger.Waiting> left, List<Refused> refused) {
        /** No retry. */
        static final Outcome NONE = new Outcome(Map.of(), List.of(), List.of());

        /** What the retry did to a table mapping's rows. */
        TableTally.Retried of(String mapping) {
            return retried.getOrDefault(mapping, TableTally.Retried.NONE);
        }
    }

    /** Retries every waiting row. */
    Outcome retry() {
        List<List<Ledger.Waiting>> left = new ArrayList<>();
        // What the last commit covered stays: those rows are loaded and released together.
        run.withConnections("retrying the rows that waited for a parent row",
                (source, target) -> left.add(retryAll(source, target)));
        return new Outcome(retried(), left.get(0), List.copyOf(refused));
    }

    /** Passes over the waiting rows while they load rows; returns those still waiting. */
    private List<Ledger.Waiting> retryAll(Connection source, Connection target) throws SQLException {
        List<Ledger.Waiting> waiting = run.ledger.waitingForParent(target, run.migration());
        target.commit();
        int pass = 0;
        while (!waiting.isEmpty()) {
            pass++;
            LOG.info("{} rows wait for a parent row; pass {} of retrying them", waiting.size(), pass);
            List<Ledger.Waiting> left = retryPass(source, target, waiting);
            boolean progress = left.size() < waiting.size();
            waiting = left;
            if (!progress) {
                LOG.warn("{} rows stay quarantined: their parent row is not in the target (e.g. {}, {})",
                        left.size(), left.get(0).mapping(), left.get(0).key());
                break;
            }
        }
        return waiting;
    }

    /** One pass over the waiting rows, table by table; returns the rows still waiting. */
    private List<Ledger.Waiting> retryPass(Connection source, Connection target, List<Ledger.Waiting> waiting)
            throws SQLException {
        // Tables in load order, parents first: a child's rows may wait for its parent table's.
        Map<String, List<Ledger.Waiting>> byMapping = new LinkedHashMap<>();
        jobs.keySet().forEach(name -> byMapping.put(name, new ArrayList<>()));
        List<Ledger.Waiting> left = new ArrayList<>();
        for (Ledger.Waiting row : waiting) {
            List<Ledger.Waiting> rows = byMapping.get(row.mapping());
            if (rows == null) {
                left.add(row);
            } else {
                rows.add(row);
            }
        }
        for (Map.Entry<String, List<Ledger.Waiting>> entry : byMapping.entrySet()) {
            TableJob job = jobs.get(entry.getKey());
            List<Ledger.Waiting> rows = entry.getValue();
            // Slices bound the rows held in memory; a parent in a later slice loads in the next pass. They
            // are large: in a tree in random key order most rows wait, and a slice holding a whole
            // subtree loads it in one pass.
            int sliceRows = Math.max(run.settings.chunkSize(), SLICE_ROWS);
            for (int from = 0; from < rows.size(); from += sliceRows) {
                List<Ledger.Waiting> slice = rows.subList(from, Math.min(rows.size(), from + sliceRows));
                write(target, job, read(source, job, slice, left), left);
            }
        }
        target.commit();
        return left;
    }

    /**
     * Writes a slice of candidates: those whose parent is there (in the target, or before them in the
     * slice) parents first, each committed with its release from the quarantine. Rows whose parent is
     * missing stay waiting without being tried.
     */
    private void write(Connection target, TableJob job, List<Candidate> candidates, List<Ledger.Waiting> left)
            throws SQLException {
        SelfReferences.Split split = selfReferences.computeIfAbsent(job.name(), n -> SelfReferences.of(job))
                .split(target, candidates.stream().map(Candidate::target).toList());
        split.waiting().forEach(i -> left.add(candidates.get(i).waiting()));
        List<Candidate> ready = split.ready().stream().map(candidates::get).toList();
        if (ready.isEmpty()) {
            return;
        }
        writers.get(job.name()).write(target, ready.stream().map(Candidate::target).toList(), IsolatingWriter.AS_GIVEN,
                piece -> {
                    run.checkLock(target);
                    List<Ledger.Waiting> written = piece.written().stream().map(i -> ready.get(i).waiting()).toList();
                    if (!written.isEmpty()) {
                        run.ledger.release(target, run.migration(), written);
                    }
                    for (IsolatingWriter.Refusal refusal : piece.refused()) {
                        Ledger.Waiting row = ready.get(refusal.index()).waiting();
                        if (refusal.missingParent()) {
                            left.add(row);
                        } else {
                            // No longer waiting: the ledger says why, and no later run retries it.
                            run.ledger.requalify(target, run.migration(), row, BAD_ROW_RULE, refusal.reason());
                            refused.add(new Refused(row, refusal.reason()));
                        }
                    }
                    run.proveLock(target);
                    target.commit();
                    written.forEach(this::count);
                });
    }

    private void count(Ledger.Waiting row) {
        Loaded tally = loaded.computeIfAbsent(row.mapping(), m -> new Loaded());
        tally.rows++;
        tally.ofThisRun += run.runId.equals(row.run()) ? 1 : 0;
        tally.places.add(new TableTally.QuarantinePlace(row.chunk(), row.key()));
    }

    /** What the retry did, by mapping: the rows it loaded, and those it found refused for another reason. */
    private Map<String, TableTally.Retried> retried() {
        Map<String, TableTally.Retried> retried = new LinkedHashMap<>();
        for (String mapping : jobs.keySet()) {
            Loaded tally = loaded.getOrDefault(mapping, new Loaded());
            Map<TableTally.QuarantinePlace, String> why = new HashMap<>();
            refused.stream().filter(r -> r.row().mapping().equals(mapping)).forEach(r -> why.put(
                    new TableTally.QuarantinePlace(r.row().chunk(), r.row().key()), r.reason()));
            retried.put(mapping, new TableTally.Retried(tally.rows, tally.ofThisRun, tally.places, why));
        }
        return retried;
    }

    /** A waiting row read again from the source and mapped. */
    private record Candidate(Ledger.Waiting waiting, Row target) {
    }

    /**
     * Reads the waiting rows again from the source, a few hundred keys per query, and maps them. A
     * row no longer in the source, or that the mapping no longer loads (the source changed), stays
     * waiting.
     */
    private List<Candidate> read(Connection source, TableJob job, List<Ledger.Waiting> waiting,
                                 List<Ledger.Waiting> left) throws SQLException {
        List<Field<Object>> fields = job.selectColumns().stream().map(c -> DSL.field(DSL.name(c))).toList();
        List<Field<Object>> keys = fields.subList(0, job.keyWidth());
        var sql = Engines.dsl(source);
        Map<List<Object>, Row> found = new HashMap<>();
        for (int from = 0; from < waiting.size(); from += READ_BACK_KEYS) {
            List<Ledger.Waiting> batch = waiting.subList(from, Math.min(waiting.size(), from + READ_BACK_KEYS));
            Condition wanted = keys.size() == 1 ? keys.get(0).in(batch.stream().map(w -> w.sourceKey().get(0)).toList())
                    : DSL.or(batch.stream().map(w -> {
                        List<Condition> equal = new ArrayList<>();
                        for (int i = 0; i < keys.size(); i++) {
                            equal.add(keys.get(i).eq(DSL.val(w.sourceKey().get(i))));
                        }
                        return DSL.and(equal);
                    }).toList());
            var query = sql.select(fields).from(DSL.table(job.source().qualifiedName())).where(wanted);
            try (SourceCursor rows = SourceCursor.open(source, query.getSQL(ParamType.INDEXED), query.getBindValues(),
                    run.settings.fetchSize())) {
                for (Row row = job.next(rows); row != null; row = job.next(rows)) {
                    found.put(SelfReferences.normalized(row.valuesOf(
                            job.sourceLayout().columns().subList(0, job.keyWidth()))), row);
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Ledger.Waiting row : waiting) {
            Row read = found.get(SelfReferences.normalized(row.sourceKey()));
            RowResult result = read == null ? null : job.mapping().apply(read);
            if (result instanceof RowResult.Loaded) {
                candidates.add(new Candidate(row, ((RowResult.Loaded) result).row()));
            } else {
                left.add(row);
            }
        }
        return candidates;
    }
}
