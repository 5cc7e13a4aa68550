package dev.migrationstudio.jdbc.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;

/** Key values: their order in Java, and byte identities for hashing into maps. */
public final class Keys {

    private Keys() {
    }

    /** Orders keys (arrays of values) component by component; NULL sorts first. */
    public static final Comparator<Object[]> ORDER = Keys::compare;

    /**
     * Compares two keys of the same arity.
     *
     * @param a one key
     * @param b another key with at least as many components as {@code a}
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}, component by
     *     component
     */
    public static int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = compareValues(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * A total order over the values the source cursor reads, consistent across the Java types of one SQL type.
     *
     * @param a a value, or {@code null}
     * @param b a value, or {@code null}
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null) {
            return -1;
        }
        if (b == null) {
            return 1;
        }
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (a instanceof Number && b instanceof Number) {
            return decimal((Number) a).compareTo(decimal((Number) b));
        }
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        CanonicalEncoder encoder = new CanonicalEncoder(17);
        encoder.write(a);
        byte[] left = encoder.toBytes();
        encoder.reset().write(b);
        return Arrays.compareUnsigned(left, encoder.toBytes());
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal) {
            return (BigDecimal) number;
        }
        if (number instanceof BigInteger) {
            return new BigDecimal((BigInteger) number);
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.doubleValue());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    /**
     * Whether any component is NULL.
     *
     * @param key the key's values
     * @return {@code true} if a value is {@code null}
     */
    public static boolean hasNull(Object[] key) {
        for (Object value : key) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The values at the positions.
     *
     * @param row a row's values
     * @param positions the indexes to take, in order
     * @return a new array with the values at those positions
     */
    public static Object[] extract(Object[] row, int[] positions) {
        Object[] key = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            key[i] = row[positions[i]];
        }
        return key;
    }

    /**
     * Where a key falls among sorted, distinct keys: the number of them at or below it, so that
     * part {@code i} holds the keys from {@code sorted[i - 1]} (inclusive) to {@code sorted[i]}.
     *
     * @param sorted keys sorted by {@link #compare}, without duplicates
     * @param key the key to place
     * @return an index from 0 to {@code sorted.size()}
     */
    public static int locate(java.util.List<Object[]> sorted, Object[] key) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(sorted.get(mid), key) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Canonical bytes as a map key: equal exactly when the canonical encodings are equal. */
    public static final class Bytes implements Comparable<Bytes> {
        private final byte[] bytes;
        private final int hash;

        /**
         * Wraps the bytes (not copied).
         *
         * @param bytes the canonical encoding; not changed afterwards by the caller
         */
        public Bytes(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes && ((Bytes) o).hash == hash && Arrays.equals(((Bytes) o).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Bytes other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }
    }
}
