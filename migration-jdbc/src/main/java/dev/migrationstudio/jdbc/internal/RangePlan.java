package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.ledger.LedgerChunk;
import dev.migrationstudio.jdbc.ledger.MappingProgress;
import dev.migrationstudio.jdbc.source.SourceCursor;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a chunk-parallel runner (many workers on one table at once) keeps the same ledger as the
 * sequential engine. A table is cut into key ranges, each range {@code (after, upto]} is copied by one
 * worker, and range {@code i} owns a block of {@link #STRIDE} chunk numbers: so chunk numbers stay in
 * key order whatever order the ranges commit in, and the last chunk's key stays where a run resumes.
 * The first number of a block is an <em>opening</em>: a ledger row with no rows and the range's lower
 * key, committed with the range's first chunk. A range committed before one below it failed is then
 * told apart from the rows between: where an opening's key is not the key the chunks before it reached,
 * the rows between are a hole, which the next run (of either runner) copies into the free numbers
 * between.
 */
public final class RangePlan {
    /** Chunk numbers a range owns: room for its chunks and the pieces of refused ones. */
    public static final long STRIDE = 1L << 20;

    private RangePlan() {
    }

    /**
     * One key range of a table mapping, as a worker copies it.
     *
     * @param mapping the table mapping's name
     * @param after the key it starts after, null from the start
     * @param upto the last key it holds, null to the end
     * @param start the first chunk number it may use: its opening, when it opens
     * @param limit the chunk number it stays below
     * @param opens whether it records an opening (a new range does; a hole between recorded chunks does not)
     */
    public record Range(String mapping, ArrayList<Object> after, ArrayList<Object> upto, long start, long limit,
                        boolean opens) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Copies the keys. */
        public Range {
            Objects.requireNonNull(mapping, "mapping");
            after = after == null ? null : new ArrayList<>(after);
            upto = upto == null ? null : new ArrayList<>(upto);
        }

        static Range of(String mapping, List<Object> after, List<Object> upto, long start, long limit, boolean opens) {
            return new Range(mapping, after == null ? null : new ArrayList<>(after),
                    upto == null ? null : new ArrayList<>(upto), start, limit, opens);
        }

        /** E.g. {@code customer -> client (after [10] up to [20])}. */
        public String describe() {
            return mapping + " (" + (after == null ? "from the start" : "after " + after) + " "
                    + (upto == null ? "to the end" : "up to " + upto) + ")";
        }
    }

    /** Whether a ledger chunk is a range's opening: first of its block, with no rows. */
    static boolean isOpening(LedgerChunk chunk) {
        return chunk.number() % STRIDE == 0 && chunk.number() > 0 && chunk.counts().read() == 0
                && chunk.counts().loaded() == 0 && chunk.counts().quarantined() == 0;
    }

    /** The first block number above a chunk number. */
    static long blockAfter(long number) {
        return (number / STRIDE + 1) * STRIDE;
    }

    /**
     * The key ranges below the last committed chunk that no chunk holds: left by ranges that failed
     * while ranges above them committed. Each is numbered in the free numbers below the opening after it.
     */
    static List<Range> holes(MappingProgress progress) {
        List<Range> holes = new ArrayList<>();
        Optional<List<Object>> reached = Optional.empty();
        long lastNumber = 0;
        for (LedgerChunk chunk : progress.chunks()) {
            if (isOpening(chunk) && !chunk.lastKey().equals(reached)) {
                holes.add(Range.of(progress.mapping(), reached.orElse(null), chunk.lastKey().orElse(null),
                        lastNumber + 1, chunk.number(), false));
            }
            reached = chunk.lastKey();
            lastNumber = chunk.number();
        }
        return holes;
    }

    /**
     * Plans the ranges of the rows after {@code after}: a boundary every {@code rowsPerRange} keys
     * (read in key order, keys only), numbered in blocks after {@code lastNumber}.
     */
    static List<Range> tail(TableJob job, Connection source, List<Object> after, long lastNumber, int rowsPerRange,
                            int fetchSize) throws SQLException {
        List<Range> ranges = new ArrayList<>();
        List<Object> lower = after;
        long number = blockAfter(lastNumber);
        long seen = 0;
        List<Object> pending = null;
        try (SourceCursor keys = job.scanKeys(source, after, fetchSize)) {
            for (Object[] key = keys.next(); key != null; key = keys.next()) {
                if (pending != null) {
                    // A boundary only where another row follows, so the last range is never empty.
                    ranges.add(Range.of(job.name(), lower, pending, number, number + STRIDE, true));
                    number += STRIDE;
                    lower = pending;
                    pending = null;
                }
                if (++seen % rowsPerRange == 0) {
                    pending = Arrays.asList(key.clone());
                }
            }
        }
        ranges.add(Range.of(job.name(), lower, null, number, number + STRIDE, true));
        return ranges;
    }
}
