package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the {@code k} rows whose keys rank lowest under a seeded hash ({@link CanonicalEncoder#rank}): a uniform random sample that
 * depends only on the seed and the keys, never on the order rows are read in, so that a run with
 * the same seed checks the same rows.
 */
final class SampleHeap {
    /** A sampled row: its rank, key and expected (projected) row. */
    public record Sampled(long rank, Object[] key, Object[] row) {
    }

    private final int capacity;
    private final PriorityQueue<Sampled> heap =
            new PriorityQueue<>(Comparator.comparingLong(Sampled::rank).reversed());

    /** @param capacity rows to keep */
    public SampleHeap(int capacity) {
        this.capacity = capacity;
    }

    /** Whether a row of this rank would be kept now (avoids copying rows that would not). */
    public boolean wouldKeep(long rank) {
        return heap.size() < capacity || rank < heap.peek().rank();
    }

    /** Offers a row. */
    public void offer(Sampled sampled) {
        if (capacity == 0) {
            return;
        }
        if (heap.size() < capacity) {
            heap.add(sampled);
        } else if (sampled.rank() < heap.peek().rank()) {
            heap.poll();
            heap.add(sampled);
        }
    }

    /** Offers every row of another heap. */
    public void addAll(SampleHeap other) {
        other.heap.forEach(this::offer);
    }

    /** The rows kept, lowest rank first. */
    public List<Sampled> rows() {
        List<Sampled> rows = new ArrayList<>(heap);
        rows.sort(Comparator.comparingLong(Sampled::rank));
        return rows;
    }
}
