package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.Keys;
import java.util.Arrays;

/**
 * A range of keys: from {@code lower} (inclusive) to {@code upper} (exclusive), either unbounded
 * when null; or the keys with a NULL component, which no range holds.
 */
record KeyRange(Object[] lower, Object[] upper, boolean nullKeys) {

    /** Every non-NULL key. */
    public static KeyRange all() {
        return new KeyRange(null, null, false);
    }

    /** Keys with a NULL component. */
    public static KeyRange nulls() {
        return new KeyRange(null, null, true);
    }

    /** Whether the key lies in the range, by {@link Keys#ORDER}. */
    public boolean contains(Object[] key) {
        if (Keys.hasNull(key)) {
            return nullKeys;
        }
        if (nullKeys) {
            return false;
        }
        return (lower == null || Keys.compare(key, lower) >= 0) && (upper == null || Keys.compare(key, upper) < 0);
    }

    /** For logs and errors. */
    public String describe() {
        if (nullKeys) {
            return "keys with NULL";
        }
        return "[" + (lower == null ? "-inf" : Arrays.toString(lower)) + ", "
                + (upper == null ? "+inf" : Arrays.toString(upper)) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange && Arrays.equals(((KeyRange) o).lower, lower)
                && Arrays.equals(((KeyRange) o).upper, upper) && ((KeyRange) o).nullKeys == nullKeys;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lower) * 31 + Arrays.hashCode(upper) + (nullKeys ? 1 : 0);
    }

    @Override
    public String toString() {
        return describe();
    }
}
