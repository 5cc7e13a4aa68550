package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.SqlType.Kind;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.mapping.FindingKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the declared types alone say about a field: the type it delivers, whether the target type
 * accepts that family of values, and which kinds of narrowing the target type implies.
 */
final class TypeRules {

    /** Families of types between which values move without an explicit cast. */
    enum Family { BOOLEAN, NUMBER, TEXT, BINARY, DATETIME, TIME, UUID, JSON, OTHER }

    /**
     * The type a field delivers, as far as the declarations tell.
     *
     * @param type the type
     * @param exact false when a converter after the last cast may change the value's type
     */
    public record Delivered(SqlType type, boolean exact) {
    }

    /** Fractional-second digits engines use when a temporal type declares none. */
    private static final int DEFAULT_FRACTION_DIGITS = 6;

    private TypeRules() {
    }

    /**
     * The type a field delivers: the last cast's type, else the source column's; empty for derived,
     * filled and constant columns, whose values only the data shows.
     */
    public static Optional<Delivered> delivered(FieldMapping field, TableInfo source) {
        SqlType type = field.source().flatMap(source::column).map(ColumnInfo::type).orElse(null);
        boolean exact = true;
        for (TransformRule.ValueRule rule : field.rules()) {
            if (rule instanceof TransformRule.Cast) {
                type = ((TransformRule.Cast) rule).type();
                exact = true;
            } else if (rule instanceof TransformRule.Convert) {
                // A converter that says what it delivers (atZone, toUtc) changes the type as a cast does.
                Optional<SqlType.Kind> kind = ((TransformRule.Convert) rule).delivers();
                if (kind.isPresent() && type != null) {
                    type = type.asKind(kind.get());
                } else {
                    exact = false;
                }
            } else if (rule instanceof TransformRule.Derive || rule instanceof TransformRule.Constant) {
                type = null;
            }
        }
        return type == null ? Optional.empty() : Optional.of(new Delivered(type, exact));
    }

    /** Whether values of {@code from} go into {@code to} without a cast (narrowing aside). */
    public static boolean compatible(SqlType from, SqlType to) {
        Family a = family(from);
        Family b = family(to);
        if (a == Family.OTHER || b == Family.OTHER) {
            return a == b && from.nativeName().equalsIgnoreCase(to.nativeName());
        }
        if (a == b) {
            return true;
        }
        // Numbers, booleans and UUIDs become text without losing anything.
        return b == Family.TEXT && (a == Family.NUMBER || a == Family.BOOLEAN || a == Family.UUID);
    }

    /** The kinds of narrowing from {@code from} to {@code to}, for compatible types. */
    public static Set<FindingKind> narrowings(SqlType from, SqlType to) {
        Set<FindingKind> kinds = EnumSet.noneOf(FindingKind.class);
        Kind a = from.kind();
        Kind b = to.kind();
        if ((a.isCharacter() && b.isCharacter()) || (a.isBinary() && b.isBinary())) {
            if (to.length().isPresent() && (from.length().isEmpty() || from.length().getAsInt() > to.length().getAsInt())) {
                kinds.add(FindingKind.LENGTH_NARROWING);
            }
        } else if (a.isNumeric() && b.isNumeric()) {
            numeric(from, to, kinds);
        } else if (a.isTemporal() && b.isTemporal()) {
            temporal(from, to, kinds);
        }
        return kinds;
    }

    private static void numeric(SqlType from, SqlType to, Set<FindingKind> kinds) {
        Kind a = from.kind();
        Kind b = to.kind();
        boolean floating = a == Kind.REAL || a == Kind.DOUBLE;
        int fromScale = floating || (a == Kind.DECIMAL && from.scale().isEmpty()) ? Integer.MAX_VALUE
                : a == Kind.DECIMAL ? from.scale().getAsInt() : 0;
        int fromDigits = integerDigitCapacity(from);
        if (b.isInteger()) {
            if (fromScale > 0) {
                kinds.add(FindingKind.SCALE_NARROWING);
            }
            // A wider integer kind, or a decimal with as many integer digits as the target's maximum, may not fit.
            boolean wider = a.isInteger() ? a.ordinal() > b.ordinal()
                    : fromDigits >= digits(to.integerMax().getAsLong());
            if (wider) {
                kinds.add(FindingKind.INTEGER_RANGE);
            }
        } else if (b == Kind.DECIMAL) {
            if (to.scale().isPresent() && fromScale > to.scale().getAsInt()) {
                kinds.add(FindingKind.SCALE_NARROWING);
            }
            if (to.precision().isPresent()
                    && fromDigits > to.precision().getAsInt() - to.scale().orElse(0)) {
                kinds.add(FindingKind.PRECISION_NARROWING);
            }
        } else {
            // Binary floating point holds every INTEGER in a DOUBLE and every SMALLINT in a REAL, little else exactly.
            boolean exact = a == Kind.SMALLINT || (b == Kind.DOUBLE && (a == Kind.INTEGER || a == Kind.REAL))
                    || a == b;
            if (!exact) {
                kinds.add(FindingKind.PRECISION_NARROWING);
            }
        }
    }

    /** Most digits before the decimal point a numeric type can hold; effectively unbounded for floats. */
    private static int integerDigitCapacity(SqlType type) {
        Kind kind = type.kind();
        if (kind.isInteger()) {
            return digits(type.integerMax().getAsLong());
        }
        if (kind == Kind.DECIMAL && type.precision().isPresent()) {
            return type.precision().getAsInt() - type.scale().orElse(0);
        }
        return Integer.MAX_VALUE;
    }

    private static int digits(long value) {
        return Long.toString(Math.abs(value)).length();
    }

    private static void temporal(SqlType from, SqlType to, Set<FindingKind> kinds) {
        Kind a = from.kind();
        Kind b = to.kind();
        boolean fromZoned = a == Kind.TIMESTAMP_WITH_TIME_ZONE;
        boolean toZoned = b == Kind.TIMESTAMP_WITH_TIME_ZONE;
        if (b == Kind.DATE && (a == Kind.TIMESTAMP || fromZoned)) {
            kinds.add(FindingKind.TIMESTAMP_TO_DATE);
        }
        if (fromZoned != toZoned && a != Kind.TIME && b != Kind.TIME) {
            kinds.add(FindingKind.TIME_ZONE_LOSS);
        }
        if (a != Kind.DATE && b != Kind.DATE && to.precision().isPresent()
                && from.precision().orElse(DEFAULT_FRACTION_DIGITS) > to.precision().getAsInt()) {
            kinds.add(FindingKind.PRECISION_NARROWING);
        }
    }

    static Family family(SqlType type) {
        Kind kind = type.kind();
        if (kind == Kind.BOOLEAN) {
            return Family.BOOLEAN;
        }
        if (kind.isNumeric()) {
            return Family.NUMBER;
        }
        if (kind.isCharacter()) {
            return Family.TEXT;
        }
        if (kind.isBinary()) {
            return Family.BINARY;
        }
        if (kind == Kind.TIME) {
            return Family.TIME;
        }
        if (kind.isTemporal()) {
            return Family.DATETIME;
        }
        if (kind == Kind.UUID) {
            return Family.UUID;
        }
        return kind == Kind.JSON ? Family.JSON : Family.OTHER;
    }
}
