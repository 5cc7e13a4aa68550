package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.SqlType.Kind;
import java.util.Locale;

/** Builds a {@link SqlType} from the facts {@code information_schema.columns} reports. */
final class ColumnTypes {

    /** Lengths from this size up are the engine's "no limit" (H2 reports 1,000,000,000 for plain VARCHAR). */
    private static final long UNBOUNDED_LENGTH = 1_000_000_000L;
    /** Precisions above this are the engine's "no limit" (H2 reports 100,000 for plain NUMERIC). */
    private static final long UNBOUNDED_PRECISION = 1_000;

    private ColumnTypes() {
    }

    /**
     * The type of a column.
     *
     * @param nativeName the engine's name for the type ({@code int4}, {@code character varying}); for arrays,
     *     the element type followed by {@code []}
     * @param length the maximum length of character and binary types, or null
     * @param precision the numeric precision, or null
     * @param scale the numeric scale, or null
     * @param fractionDigits the fractional-second digits of times and timestamps, or null
     */
    public static SqlType of(String nativeName, Long length, Long precision, Long scale, Long fractionDigits) {
        String name = nativeName.trim();
        SqlType plain;
        try {
            plain = SqlType.parse(name);
        } catch (IllegalArgumentException notShapedLikeAType) {
            // A user-defined type with unusual characters: keep a recognisable name of kind OTHER.
            String safe = name.replaceAll("[^A-Za-z0-9_ ]", "_");
            return SqlType.parse(Character.isLetter(safe.charAt(0)) ? safe : "_" + safe);
        }
        Kind kind = plain.kind();
        if (kind == Kind.CHAR || kind == Kind.VARCHAR || kind == Kind.BINARY || kind == Kind.VARBINARY) {
            return length == null || length <= 0 || length >= UNBOUNDED_LENGTH ? plain
                    : SqlType.parse(name + "(" + length + ")");
        }
        if (kind == Kind.DECIMAL) {
            return precision == null || precision <= 0 || precision > UNBOUNDED_PRECISION ? plain
                    : SqlType.parse(name + "(" + precision + "," + (scale == null ? 0 : scale) + ")");
        }
        if (kind == Kind.TIME || kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_WITH_TIME_ZONE) {
            return fractionDigits == null || fractionDigits < 0 ? plain
                    : SqlType.parse(name + "(" + fractionDigits + ")");
        }
        return plain;
    }

    /** The array spelling of an element type, e.g. {@code int4[]} from PostgreSQL's {@code _int4}. */
    public static String arrayOf(String elementType) {
        String element = elementType.startsWith("_") ? elementType.substring(1) : elementType;
        return element.toLowerCase(Locale.ROOT) + "[]";
    }
}
