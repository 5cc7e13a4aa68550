package dev.migrationstudio.verify.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.compare.Digest;
import dev.migrationstudio.mapping.TableMapping;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * The digest pass of keyed tables ({@link DigestPass}) with its segments computed in other processes
 * (a Spark job's tasks): the run plans the chunks and merges the parts, then compares and bisects as
 * always; a worker reads one segment of one side and sums its rows' hashes per chunk. Both ends go
 * through the same code as a verification in one process, so the report is the same.
 */
public final class RemoteDigests {
    private RemoteDigests() {
    }

    /** Computes tasks elsewhere: how a distributed runner plugs into a {@link VerificationRun}. */
    @FunctionalInterface
    public interface Executor {
        /**
         * Computes every task (each with {@link #compute} in some worker).
         *
         * @return the parts, in the order of the tasks
         */
        List<Part> run(List<Task> tasks);
    }

    /**
     * One segment of one side of a table.
     *
     * @param mapping the table mapping's name
     * @param boundaries the chunk plan's boundaries
     * @param segment which segment
     * @param segments how many segments the side is cut into
     * @param target whether it reads the target (else the source, through the mapping)
     */
    public record Task(String mapping, ArrayList<Object[]> boundaries, int segment, int segments, boolean target)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Copies the boundaries. */
        public Task {
            Objects.requireNonNull(mapping, "mapping");
            boundaries = new ArrayList<>(boundaries);
        }
    }

    /**
     * What a worker found in its segment.
     *
     * @param digests count, low and high of each chunk's digest, chunk after chunk
     * @param counts rows read, loaded, rejected, quarantined by the loader (source side only)
     * @param filtered rows filtered by filter name
     * @param examples the first rejected or quarantined rows
     * @param sample the sampled rows: rank, key and row of each
     */
    public record Part(long[] digests, long[] counts, HashMap<String, Long> filtered, ArrayList<String> examples,
                       ArrayList<Object[]> sample) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Part of(DigestPass.Part part, boolean target) {
            Digest.Sum[] sums = target ? part.target : part.source;
            long[] digests = new long[sums.length * 3];
            for (int i = 0; i < sums.length; i++) {
                Digest digest = sums[i].digest();
                digests[3 * i] = digest.count();
                digests[3 * i + 1] = digest.low();
                digests[3 * i + 2] = digest.high();
            }
            SourceTally.Counts c = part.tally.counts();
            ArrayList<Object[]> sample = new ArrayList<>();
            part.sample.rows().forEach(s -> sample.add(new Object[] {s.rank(), s.key(), s.row()}));
            return new Part(digests, new long[] {c.rows(), c.loaded(), c.rejected(), c.quarantinedByLoader()},
                    new HashMap<>(c.filtered()), new ArrayList<>(c.quarantineExamples()), sample);
        }

        /** Adds this part into a run's part. */
        void addTo(DigestPass.Part merged, boolean target) {
            Digest.Sum[] sums = target ? merged.target : merged.source;
            for (int i = 0; i < sums.length; i++) {
                sums[i].add(new Digest(digests[3 * i], digests[3 * i + 1], digests[3 * i + 2]));
            }
            merged.tally.add(new SourceTally.Counts(counts[0], counts[1], filtered, counts[2], counts[3], examples));
            for (Object[] s : sample) {
                merged.sample.offer(new SampleHeap.Sampled((Long) s[0], (Object[]) s[1], (Object[]) s[2]));
            }
        }
    }

    /** Computes one task in a worker: opens both databases, resolves the table as the run did, reads the segment. */
    public static Part compute(Settings settings, Task task) {
        TableMapping mapping = settings.spec().tables().stream().filter(m -> m.describe().equals(task.mapping()))
                .findFirst().orElseThrow(() -> new MigrationException("spec '" + settings.spec().name()
                        + "' has no table mapping " + task.mapping()));
        try (Side source = Side.open("source", settings.source(), settings.sourceSchema(), settings.fetchSize());
             Side target = Side.open("target", settings.target(), settings.targetSchema(), settings.fetchSize())) {
            LoaderQuarantine quarantine = settings.ledger()
                    .map(l -> LoaderQuarantine.read(settings.target(), l, settings.spec()))
                    .orElse(LoaderQuarantine.none("not consulted"));
            List<String> errors = new ArrayList<>();
            TablePlan plan = TablePlan.resolve(mapping, source, target, quarantine, errors)
                    .orElseThrow(() -> new MigrationException(task.mapping() + ": " + String.join("; ", errors)));
            TableReader reader = new TableReader(settings, plan, source, target, null);
            return Part.of(DigestPass.segment(reader, new ChunkPlan(task.boundaries()), task.segment(),
                    task.segments(), task.target()), task.target());
        } catch (SQLException e) {
            throw new MigrationException(task.mapping() + ": " + e.getMessage(), e);
        }
    }
}
