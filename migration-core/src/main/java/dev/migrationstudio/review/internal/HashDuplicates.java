package dev.migrationstudio.review.internal;

import dev.migrationstudio.MigrationException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts repeated values among any number of 64-bit value hashes in bounded memory: hashes are
 * kept in a buffer, which is sorted and written to a temporary file whenever it fills; at the end
 * the sorted runs are merged and equal neighbours counted. With 64-bit hashes, two distinct values
 * share a hash with a probability of about n^2 / 2^65 (one in 36,000 for 100 million values).
 *
 * <p>Not thread-safe; {@link #finish()} once, which also deletes the temporary files.
 */
public final class HashDuplicates {
    /** What was counted: values (by hash), and how many rows repeat one an earlier row has. */
    public record Counts(long distinct, long duplicateRows, long duplicateValues) {
    }

    private final long[] buffer;
    private final List<Path> runs = new ArrayList<>();
    private int size;

    /** Holds up to {@code bufferSize} hashes in memory before writing a sorted run to disk. */
    public HashDuplicates(int bufferSize) {
        this.buffer = new long[bufferSize];
    }

    /** Counts one value's hash. */
    public void add(long hash) {
        if (size == buffer.length) {
            spill();
        }
        buffer[size++] = hash;
    }

    /** Sorts and merges what was added, and deletes the temporary files. */
    public Counts finish() {
        Arrays.sort(buffer, 0, size);
        if (runs.isEmpty()) {
            Tally tally = new Tally();
            for (int i = 0; i < size; i++) {
                tally.next(buffer[i]);
            }
            return tally.counts();
        }
        try {
            return merge();
        } finally {
            for (Path run : runs) {
                try {
                    Files.deleteIfExists(run);
                } catch (IOException ignored) {
                    // A temporary file left behind is harmless; the counts stand.
                }
            }
        }
    }

    private void spill() {
        Arrays.sort(buffer, 0, size);
        try {
            Path run = Files.createTempFile("migration-studio-hashes-", ".bin");
            run.toFile().deleteOnExit();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run),
                    1 << 16))) {
                for (int i = 0; i < size; i++) {
                    out.writeLong(buffer[i]);
                }
            }
            runs.add(run);
            size = 0;
        } catch (IOException e) {
            throw new MigrationException("cannot write the profiler's temporary file of value hashes: " + e.getMessage(),
                    e);
        }
    }

    /** Merges the runs on disk and the sorted buffer, in hash order. */
    private Counts merge() {
        List<DataInputStream> inputs = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>();
            for (Path run : runs) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
                inputs.add(in);
                Head head = new Head(in);
                if (head.advance()) {
                    heads.add(head);
                }
            }
            Head memory = new Head(null);
            if (memory.advance()) {
                heads.add(memory);
            }
            Tally tally = new Tally();
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                tally.next(head.value);
                if (head.advance()) {
                    heads.add(head);
                }
            }
            return tally.counts();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profiler's temporary file of value hashes", e);
        } finally {
            for (DataInputStream in : inputs) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Read to the end already, or failing anyway.
                }
            }
        }
    }

    /** The next value of one sorted run: a file, or the buffer (when {@code in} is null). */
    private final class Head implements Comparable<Head> {
        final DataInputStream in;
        int next;
        long value;

        Head(DataInputStream in) {
            this.in = in;
        }

        boolean advance() throws IOException {
            if (in == null) {
                if (next == size) {
                    return false;
                }
                value = buffer[next++];
                return true;
            }
            try {
                value = in.readLong();
                return true;
            } catch (EOFException end) {
                return false;
            }
        }

        @Override
        public int compareTo(Head other) {
            return Long.compare(value, other.value);
        }
    }

    /** Counts equal neighbours in a sorted stream. */
    private static final class Tally {
        long distinct;
        long duplicateRows;
        long duplicateValues;
        long previous;
        int repeats;

        void next(long value) {
            if (distinct > 0 && value == previous) {
                duplicateRows++;
                if (++repeats == 1) {
                    duplicateValues++;
                }
                return;
            }
            distinct++;
            previous = value;
            repeats = 0;
        }

        Counts counts() {
            return new Counts(distinct, duplicateRows, duplicateValues);
        }
    }
}
