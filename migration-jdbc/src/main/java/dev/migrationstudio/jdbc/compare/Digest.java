package dev.migrationstudio.jdbc.compare;

/**
 * The digest of a multiset of rows: their count and the sum of their 128-bit hashes, each 64-bit
 * lane summed modulo 2^64. A sum (not an XOR) so that two copies of a row do not cancel out, and
 * independent of row order so that both sides can be read in any order. Rows are summed in a
 * {@link Sum}, which a read fills and turns into this value once it is done.
 */
public record Digest(long count, long low, long high) {
    /** No rows. */
    public static final Digest EMPTY = new Digest(0, 0, 0);

    /**
     * The digest of both multisets.
     *
     * @param other the digest of another multiset of rows; not null
     * @return the digest of the union: counts and hashes summed
     */
    public Digest plus(Digest other) {
        return new Digest(count + other.count, low + other.low, high + other.high);
    }

    /**
     * E.g. {@code 412 rows, 3f2a...}.
     *
     * @return the row count and the 128-bit sum in hexadecimal
     */
    public String text() {
        return count + " rows, " + String.format("%016x%016x", high, low);
    }

    @Override
    public String toString() {
        return text();
    }

    /** Sums row hashes as a read streams them; one per reading thread. */
    public static final class Sum {
        private long count;
        private long low;
        private long high;

        /**
         * Adds one row's hash ({@code [low, high]}).
         *
         * @param hash the row's 128-bit hash, {@code [low, high]}
         */
        public void add(long[] hash) {
            count++;
            low += hash[0];
            high += hash[1];
        }

        /**
         * Adds another digest's rows.
         *
         * @param other the digest to add; not null
         */
        public void add(Digest other) {
            count += other.count;
            low += other.low;
            high += other.high;
        }

        /**
         * The rows summed so far.
         *
         * @return the digest of the rows added so far
         */
        public Digest digest() {
            return new Digest(count, low, high);
        }
    }

    /**
     * {@code n} empty sums.
     *
     * @param n the number of sums; not negative
     * @return an array of {@code n} sums, each empty
     */
    public static Sum[] sums(int n) {
        Sum[] sums = new Sum[n];
        for (int i = 0; i < n; i++) {
            sums[i] = new Sum();
        }
        return sums;
    }

    /**
     * The digests of the sums, in order.
     *
     * @param sums the sums; not null
     * @return one digest per sum, in the same order
     */
    public static java.util.List<Digest> of(Sum[] sums) {
        Digest[] digests = new Digest[sums.length];
        for (int i = 0; i < sums.length; i++) {
            digests[i] = sums[i].digest();
        }
        return java.util.List.of(digests);
    }

    /**
     * The digest of all of them.
     *
     * @param digests the digests to add; empty gives the digest of no rows
     * @return their sum
     */
    public static Digest total(java.util.List<Digest> digests) {
        Sum sum = new Sum();
        digests.forEach(sum::add);
        return sum.digest();
    }
}
