package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the rows a foreign key refused because their parent row was not in the target yet, once
 * every table of the run is copied: rows of a table that references itself whose parent comes later
 * in key order (a manager hired after the employees who report to them), or rows of two tables that
 * reference each other.
 *
 * <p>Until then the ledger keeps them quarantined ({@link Ledger#MISSING_PARENT}), with their source
 * key, so a crash loses nothing. Each row is read again from the source, mapped, written under a
 * savepoint and released from the quarantine in the same transaction. Rows are taken a chunk's
 * worth at a time (memory holds one slice), those of a table that references itself parents first;
 * passes repeat while they load rows, so chains across slices and tables load too. Rows whose parent
 * never comes stay quarantined, and the next run tries them again.
 */
final class ParentRetry {
    private static final Logger LOG = LoggerFactory.getLogger(ParentRetry.class);
    private static final int COMMIT_EVERY = 1_000;

    /** What the retry loaded for one table mapping. */
    record Loaded(long rows, long quarantinedThisRun, Set<String> chunkAndKey) {
        static String chunkAndKey(long chunk, String key) {
            return chunk + "/" + key;
        }
    }

    private final RunContext run;
    private final Map<String, TableJob> jobs = new LinkedHashMap<>();
    private final Map<String, RowWriter> writers;

    ParentRetry(RunContext run, List<TableJob> jobs, Map<String, RowWriter> writers) {
        this.run = run;
        jobs.forEach(j -> this.jobs.put(j.name(), j));
        this.writers = writers;
    }

    /**
     * What the retry did.
     *
     * @param loaded what loaded, by mapping name
     * @param left the rows still waiting, quarantined
     */
    record Outcome(Map<String, Loaded> loaded, List<Ledger.Waiting> left) {
    }

    /** Retries every waiting row. */
    Outcome retry() {
        Map<String, Loaded> loaded = new LinkedHashMap<>();
        try (Connection source = run.source.getConnection(); Connection target = run.target.getConnection()) {
            source.setReadOnly(true);
            source.setAutoCommit(false);
            target.setAutoCommit(false);
            try {
                List<Ledger.Waiting> left = retryAll(source, target, loaded);
                source.commit();
                return new Outcome(loaded, left);
            } catch (SQLException | RuntimeException e) {
                // What the last commit covered stays: those rows are loaded and released together.
                target.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationException("retrying the rows that waited for a parent row: " + SqlStates.reason(e), e);
        } catch (DataAccessException e) {
            String reason = e.getCause() instanceof SQLException ? SqlStates.reason((SQLException) e.getCause())
                    : e.getMessage();
            throw new MigrationException("retrying the rows that waited for a parent row: " + reason, e);
        }
    }

    /** Passes over the waiting rows while they load rows; returns those still waiting. */
    private List<Ledger.Waiting> retryAll(Connection source, Connection target, Map<String, Loaded> loaded)
            throws SQLException {
        List<Ledger.Waiting> waiting = run.ledger.waitingForParent(target, run.migration());
        target.commit();
        int pass = 0;
        while (!waiting.isEmpty()) {
            pass++;
            LOG.info("{} rows wait for a parent row; pass {} of retrying them", waiting.size(), pass);
            List<Ledger.Waiting> left = retryPass(source, target, waiting, loaded);
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
    private List<Ledger.Waiting> retryPass(Connection source, Connection target, List<Ledger.Waiting> waiting,
                                           Map<String, Loaded> loaded) throws SQLException {
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
        int uncommitted = 0;
        for (Map.Entry<String, List<Ledger.Waiting>> entry : byMapping.entrySet()) {
            TableJob job = jobs.get(entry.getKey());
            List<Ledger.Waiting> rows = entry.getValue();
            // Slices bound the rows held in memory; a parent in a later slice loads in the next pass.
            for (int from = 0; from < rows.size(); from += run.config.chunkSize()) {
                List<Ledger.Waiting> slice = rows.subList(from, Math.min(rows.size(), from + run.config.chunkSize()));
                uncommitted = write(target, job, parentsFirst(job, read(source, job, slice, left)), loaded, left,
                        uncommitted);
            }
        }
        target.commit();
        return left;
    }

    /**
     * Writes candidates, each released from the ledger with its insert under a savepoint; returns the
     * attempts not yet committed.
     */
    private int write(Connection target, TableJob job, List<Candidate> candidates, Map<String, Loaded> loaded,
                      List<Ledger.Waiting> left, int uncommitted) throws SQLException {
        int pending = uncommitted;
        for (Candidate candidate : candidates) {
            Savepoint before = target.setSavepoint();
            boolean written = false;
            try {
                writers.get(job.name()).writeOne(target, candidate.target);
                run.ledger.release(target, run.migration(), candidate.waiting);
                target.releaseSavepoint(before);
                written = true;
            } catch (SQLException e) {
                if (!SqlStates.isBadRow(e)) {
                    throw e;
                }
                target.rollback(before);
                left.add(candidate.waiting);
            }
            if (written) {
                count(loaded, job.name(), candidate.waiting);
            }
            // Every savepoint counts, kept or rolled back: PostgreSQL holds resources for each until the
            // transaction ends.
            if (++pending == COMMIT_EVERY) {
                target.commit();
                pending = 0;
            }
        }
        return pending;
    }

    private void count(Map<String, Loaded> loaded, String mapping, Ledger.Waiting row) {
        Loaded before = loaded.getOrDefault(mapping, new Loaded(0, 0, new HashSet<>()));
        before.chunkAndKey().add(Loaded.chunkAndKey(row.chunk(), row.key()));
        loaded.put(mapping, new Loaded(before.rows() + 1,
                before.quarantinedThisRun() + (run.runId.equals(row.run()) ? 1 : 0), before.chunkAndKey()));
    }

    /** A waiting row read again from the source and mapped. */
    private record Candidate(Ledger.Waiting waiting, Row target) {
    }

    /**
     * Reads the waiting rows again from the source and maps them. A row no longer in the source, or
     * that the mapping no longer loads (the source changed), stays waiting.
     */
    private List<Candidate> read(Connection source, TableJob job, List<Ledger.Waiting> waiting,
                                 List<Ledger.Waiting> left) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement query = source.prepareStatement(job.byKeySql())) {
            for (Ledger.Waiting row : waiting) {
                for (int i = 0; i < row.sourceKey().size(); i++) {
                    query.setObject(i + 1, row.sourceKey().get(i));
                }
                Row mapped = null;
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        int[] types = JdbcValues.types(rs.getMetaData());
                        Object[] values = new Object[types.length];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = JdbcValues.read(rs, i + 1, types[i]);
                        }
                        RowResult result = job.mapping().apply(job.sourceLayout().adopt(values));
                        mapped = result instanceof RowResult.Loaded ? ((RowResult.Loaded) result).row() : null;
                    }
                }
                if (mapped == null) {
                    left.add(row);
                } else {
                    candidates.add(new Candidate(row, mapped));
                }
            }
        }
        return candidates;
    }

    /**
     * Orders the rows of one table so that a row whose parent (through a foreign key of the table
     * to itself) is also waiting comes after that parent; rows in a cycle keep their order at the end.
     */
    private static List<Candidate> parentsFirst(TableJob job, List<Candidate> candidates) {
        List<int[][]> selfKeys = new ArrayList<>();
        for (ForeignKeyInfo fk : job.target().foreignKeys()) {
            if (job.target().id().matches(fk.referencedTable()) || fk.referencedTable().matches(job.target().id())) {
                int[] child = positions(job.targetColumns(), fk.columns());
                int[] parent = positions(job.targetColumns(), fk.referencedColumns());
                if (child != null && parent != null) {
                    selfKeys.add(new int[][] {child, parent});
                }
            }
        }
        if (selfKeys.isEmpty() || candidates.size() < 2) {
            return candidates;
        }
        int n = candidates.size();
        List<List<Integer>> children = new ArrayList<>();
        int[] waitingParents = new int[n];
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>());
        }
        for (int[][] fk : selfKeys) {
            Map<List<Object>, Integer> byParentKey = new HashMap<>();
            for (int i = 0; i < n; i++) {
                byParentKey.putIfAbsent(values(candidates.get(i).target, fk[1]), i);
            }
            for (int i = 0; i < n; i++) {
                List<Object> reference = values(candidates.get(i).target, fk[0]);
                Integer parent = reference.contains(null) ? null : byParentKey.get(reference);
                if (parent != null && parent != i) {
                    children.get(parent).add(i);
                    waitingParents[i]++;
                }
            }
        }
        List<Candidate> ordered = new ArrayList<>(n);
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (waitingParents[i] == 0) {
                ready.add(i);
            }
        }
        boolean[] placed = new boolean[n];
        while (!ready.isEmpty()) {
            int i = ready.poll();
            placed[i] = true;
            ordered.add(candidates.get(i));
            for (int child : children.get(i)) {
                if (--waitingParents[child] == 0) {
                    ready.add(child);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!placed[i]) {
                ordered.add(candidates.get(i));
            }
        }
        return ordered;
    }

    private static int[] positions(List<String> columns, List<String> wanted) {
        int[] positions = new int[wanted.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = columns.indexOf(wanted.get(i));
            if (positions[i] < 0) {
                return null;
            }
        }
        return positions;
    }

    /** The values at some positions, numbers compared by value (an INTEGER column may reference a BIGINT one). */
    private static List<Object> values(Row row, int[] positions) {
        List<Object> values = new ArrayList<>(positions.length);
        for (int position : positions) {
            Object value = row.get(position);
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                value = BigDecimal.valueOf(((Number) value).longValue());
            } else if (value instanceof BigDecimal) {
                value = ((BigDecimal) value).stripTrailingZeros();
            }
            values.add(value);
        }
        return values;
    }
}
