package dev.migrationstudio.mapping.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Java numbers as exact decimals, the one conversion the model's rules and checks share. */
public final class Decimals {
    private Decimals() {
    }

    /**
     * The decimal value of a number: integers exactly, floating-point numbers by their shortest
     * decimal form ({@code 0.1} is 0.1, not the binary fraction). Null when {@code value} is not a
     * number, or is a floating-point number that is not finite.
     */
    public static BigDecimal of(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
        }
        return null;
    }
}
