package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.verify.ColumnDifference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Typed comparison of two values, column by column: equal when their canonical encodings are equal,
 * or, for floating-point values, when they differ by at most the relative tolerance. Not thread-safe.
 */
final class ValueComparison {
    private final CanonicalEncoder encoder;
    private final double relativeTolerance;

    /** @param relativeTolerance accepted relative difference of floating-point values */
    public ValueComparison(CanonicalEncoder encoder, double relativeTolerance) {
        this.encoder = encoder;
        this.relativeTolerance = relativeTolerance;
    }

    /** Whether the values are the same for verification. */
    public boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (encode(expected, actual)) {
            return true;
        }
        if ((isFloat(expected) || isFloat(actual)) && expected instanceof Number && actual instanceof Number) {
            double e = ((Number) expected).doubleValue();
            double a = ((Number) actual).doubleValue();
            return Math.abs(e - a) <= relativeTolerance * Math.max(Math.abs(e), Math.abs(a));
        }
        return false;
    }

    /** Whether two numbers differ by at most {@code absolute} (exact equality of encodings for other values). */
    public boolean sameWithin(Object expected, Object actual, double absolute) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (same(expected, actual)) {
            return true;
        }
        if (absolute > 0 && expected instanceof Number && actual instanceof Number) {
            java.math.BigDecimal e = new java.math.BigDecimal(encoder.numberText(expected));
            java.math.BigDecimal a = new java.math.BigDecimal(encoder.numberText(actual));
            return e.subtract(a).abs().compareTo(java.math.BigDecimal.valueOf(absolute)) <= 0;
        }
        return false;
    }

    private boolean encode(Object expected, Object actual) {
        encoder.reset().write(expected);
        byte[] left = encoder.toBytes();
        encoder.reset().write(actual);
        return Arrays.equals(left, encoder.toBytes());
    }

    private static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    /** The columns whose values differ. */
    public List<ColumnDifference> differences(List<String> columns, Object[] expected, Object[] actual) {
        List<ColumnDifference> differences = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!same(expected[i], actual[i])) {
                differences.add(new ColumnDifference(columns.get(i), expected[i], actual[i]));
            }
        }
        return differences;
    }
}
