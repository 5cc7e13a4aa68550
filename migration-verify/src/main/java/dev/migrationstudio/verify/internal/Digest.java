package dev.migrationstudio.verify.internal;

/**
 * The digest of a multiset of rows: their count and the sum of their 128-bit hashes, each 64-bit
 * lane summed modulo 2^64. A sum (not an XOR) so that two copies of a row do not cancel out, and
 * independent of row order so that both sides can be read in any order.
 */
public final class Digest {
    private long count;
    private long low;
    private long high;

    /** Adds one row's hash ({@code [low, high]}). */
    public void add(long[] hash) {
        count++;
        low += hash[0];
        high += hash[1];
    }

    /** Adds another digest's rows. */
    public void add(Digest other) {
        count += other.count;
        low += other.low;
        high += other.high;
    }

    /** The number of rows. */
    public long count() {
        return count;
    }

    /** E.g. {@code 412 rows, 3f2a...}. */
    public String text() {
        return count + " rows, " + String.format("%016x%016x", high, low);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Digest)) {
            return false;
        }
        Digest other = (Digest) o;
        return count == other.count && low == other.low && high == other.high;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count * 31 + low * 17 + high);
    }

    @Override
    public String toString() {
        return text();
    }
}
