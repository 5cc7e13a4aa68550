package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's SQL type in an engine-neutral form: a {@link Kind} plus the length, precision and
 * scale that matter for deciding whether a value fits.
 *
 * <pre>{@code
 * SqlType.varchar(60)                    // VARCHAR(60)
 * SqlType.decimal(10, 2)                 // DECIMAL(10,2)
 * SqlType.parse("character varying(40)") // VARCHAR(40), native name kept
 * }</pre>
 *
 * <p>Engine-specific names are kept in {@link #nativeName()} so that documents can show what the
 * database called the type; equality ignores them.
 */
public final class SqlType {

    /** Families of SQL types, with the questions the rules ask of them. */
    public enum Kind {
        /** True or false. */
        BOOLEAN,
        /** A small integer, 16 bits (TINYINT too). */
        SMALLINT,
        /** A 32-bit integer (MEDIUMINT too). */
        INTEGER,
        /** A 64-bit integer. */
        BIGINT,
        /** An exact decimal number, with a precision and a scale (NUMERIC too). */
        DECIMAL,
        /** A single-precision floating-point number. */
        REAL,
        /** A double-precision floating-point number. */
        DOUBLE,
        /** Fixed-length character data. */
        CHAR,
        /** Character data up to a length. */
        VARCHAR,
        /** Unbounded character data (TEXT, CLOB). */
        TEXT,
        /** Fixed-length binary data. */
        BINARY,
        /** Binary data up to a length. */
        VARBINARY,
        /** Unbounded binary data (BLOB, BYTEA). */
        BLOB,
        /** A calendar date. */
        DATE,
        /** A time of day, without time zone. */
        TIME,
        /** A date and time, without time zone. */
        TIMESTAMP,
        /** A date and time with a time zone or offset: an instant. */
        TIMESTAMP_WITH_TIME_ZONE,
        /** A universally unique identifier. */
        UUID,
        /** A JSON document (JSON, JSONB). */
        JSON,
        /** A type the engine-neutral model does not know; its native name is kept. */
        OTHER;

        /**
         * SMALLINT, INTEGER or BIGINT.
         *
         * @return {@code true} for the integer kinds
         */
        public boolean isInteger() {
            return this == SMALLINT || this == INTEGER || this == BIGINT;
        }

        /**
         * Integers, DECIMAL, REAL and DOUBLE.
         *
         * @return {@code true} for the numeric kinds
         */
        public boolean isNumeric() {
            return isInteger() || this == DECIMAL || this == REAL || this == DOUBLE;
        }

        /**
         * CHAR, VARCHAR and TEXT.
         *
         * @return {@code true} for the character kinds
         */
        public boolean isCharacter() {
            return this == CHAR || this == VARCHAR || this == TEXT;
        }

        /**
         * BINARY, VARBINARY and BLOB.
         *
         * @return {@code true} for the binary kinds
         */
        public boolean isBinary() {
            return this == BINARY || this == VARBINARY || this == BLOB;
        }

        /**
         * DATE, TIME and the timestamps.
         *
         * @return {@code true} for the temporal kinds
         */
        public boolean isTemporal() {
            return this == DATE || this == TIME || this == TIMESTAMP || this == TIMESTAMP_WITH_TIME_ZONE;
        }

        /**
         * Large objects: TEXT and BLOB, which engines store and stream differently.
         *
         * @return {@code true} for TEXT and BLOB
         */
        public boolean isLob() {
            return this == TEXT || this == BLOB;
        }

        /** The largest magnitude an integer kind holds, or 0 for other kinds. */
        long integerMax() {
            switch (this) {
                case SMALLINT: return Short.MAX_VALUE;
                case INTEGER: return Integer.MAX_VALUE;
                case BIGINT: return Long.MAX_VALUE;
                default: return 0;
            }
        }
    }

    private static final Pattern TYPE = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_ ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\))?\\s*(\\[\\])?\\s*");

    private final Kind kind;
    private final int length;
    private final int precision;
    private final int scale;
    private final String nativeName;
    private final Domain domain;

    private SqlType(Kind kind, int length, int precision, int scale, String nativeName) {
        this(kind, length, precision, scale, nativeName, null);
    }

    private SqlType(Kind kind, int length, int precision, int scale, String nativeName, Domain domain) {
        this.kind = checkNotNull(kind, "kind");
        this.length = length;
        this.precision = precision;
        this.scale = scale;
        this.nativeName = checkNotNull(nativeName, "nativeName");
        this.domain = domain;
    }

    /**
     * A type with no length, precision or scale, e.g. {@code of(Kind.INTEGER)}.
     *
     * @param kind the kind; not null
     * @return the type, named as the kind
     */
    public static SqlType of(Kind kind) {
        return new SqlType(kind, -1, -1, -1, kind.name().replace('_', ' '));
    }

    /**
     * BOOLEAN.
     *
     * @return the type
     */
    public static SqlType bool() {
        return of(Kind.BOOLEAN);
    }

    /**
     * SMALLINT.
     *
     * @return the type
     */
    public static SqlType smallint() {
        return of(Kind.SMALLINT);
    }

    /**
     * INTEGER.
     *
     * @return the type
     */
    public static SqlType integer() {
        return of(Kind.INTEGER);
    }

    /**
     * BIGINT.
     *
     * @return the type
     */
    public static SqlType bigint() {
        return of(Kind.BIGINT);
    }

    /**
     * DECIMAL(precision, scale); {@code 0 <= scale <= precision}.
     *
     * @param precision the total number of digits; at least 1
     * @param scale the digits after the decimal point; 0 to {@code precision}
     * @return the type
     */
    public static SqlType decimal(int precision, int scale) {
        checkArgument(precision > 0, "DECIMAL precision must be positive, got %s", precision);
        checkArgument(scale >= 0 && scale <= precision,
                "DECIMAL scale must be between 0 and the precision %s, got %s", precision, scale);
        return new SqlType(Kind.DECIMAL, -1, precision, scale, "DECIMAL");
    }

    /**
     * REAL (single-precision floating point).
     *
     * @return the type
     */
    public static SqlType real() {
        return of(Kind.REAL);
    }

    /**
     * DOUBLE PRECISION.
     *
     * @return the type
     */
    public static SqlType doublePrecision() {
        return of(Kind.DOUBLE);
    }

    /**
     * CHAR(length).
     *
     * @param length the length, in characters; at least 1
     * @return the type
     */
    public static SqlType character(int length) {
        return withLength(Kind.CHAR, length);
    }

    /**
     * VARCHAR(length).
     *
     * @param length the maximum length, in characters; at least 1
     * @return the type
     */
    public static SqlType varchar(int length) {
        return withLength(Kind.VARCHAR, length);
    }

    /**
     * Unbounded character data (TEXT, CLOB).
     *
     * @return the type
     */
    public static SqlType text() {
        return of(Kind.TEXT);
    }

    /**
     * VARBINARY(length).
     *
     * @param length the maximum length, in bytes; at least 1
     * @return the type
     */
    public static SqlType varbinary(int length) {
        return withLength(Kind.VARBINARY, length);
    }

    /**
     * Unbounded binary data (BLOB, BYTEA).
     *
     * @return the type
     */
    public static SqlType blob() {
        return of(Kind.BLOB);
    }

    /**
     * DATE.
     *
     * @return the type
     */
    public static SqlType date() {
        return of(Kind.DATE);
    }

    /**
     * TIME.
     *
     * @return the type
     */
    public static SqlType time() {
        return of(Kind.TIME);
    }

    /**
     * TIMESTAMP (without time zone).
     *
     * @return the type
     */
    public static SqlType timestamp() {
        return of(Kind.TIMESTAMP);
    }

    /**
     * TIMESTAMP WITH TIME ZONE.
     *
     * @return the type
     */
    public static SqlType timestampWithTimeZone() {
        return of(Kind.TIMESTAMP_WITH_TIME_ZONE);
    }

    /**
     * UUID.
     *
     * @return the type
     */
    public static SqlType uuid() {
        return of(Kind.UUID);
    }

    private static SqlType withLength(Kind kind, int length) {
        checkArgument(length > 0, "%s length must be positive, got %s", kind, length);
        return new SqlType(kind, length, -1, -1, kind.name());
    }

    /**
     * Parses a type as SQL or an engine writes it: {@code "VARCHAR(50)"}, {@code "numeric(10,2)"},
     * {@code "int4"}, {@code "character varying"}, {@code "timestamptz"}, {@code "bytea"}. A name not
     * recognised becomes {@link Kind#OTHER} with the name kept, never an error, so that inventories
     * of unusual schemas still load and the risk rules can flag the type.
     *
     * @param text the type's text; not null
     * @return the type, {@link Kind#OTHER} for a name not recognised
     * @throws IllegalArgumentException if the text is not shaped like a type at all
     */
    public static SqlType parse(String text) {
        checkNotNull(text, "type text must not be null");
        Matcher m = TYPE.matcher(text);
        checkArgument(m.matches(), "'%s' is not a SQL type such as VARCHAR(50) or DECIMAL(10,2)", text);
        String name = m.group(1).trim().replaceAll("\\s+", " ");
        String lower = name.toLowerCase(Locale.ROOT);
        int first = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int second = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        if (m.group(4) != null) {
            return new SqlType(Kind.OTHER, -1, -1, -1, name + "[]");
        }
        Kind kind = kindOf(lower);
        switch (kind) {
            case CHAR:
            case VARCHAR:
            case BINARY:
            case VARBINARY:
                return new SqlType(kind, first, -1, -1, name);
            case DECIMAL:
                if (first < 0) {
                    return new SqlType(kind, -1, -1, -1, name);
                }
                return new SqlType(kind, -1, first, Math.max(second, 0), name);
            case TIME:
            case TIMESTAMP:
            case TIMESTAMP_WITH_TIME_ZONE:
                return new SqlType(kind, -1, first, -1, name);
            default:
                return new SqlType(kind, -1, -1, -1, name);
        }
    }

    private static Kind kindOf(String lower) {
        switch (lower) {
            case "boolean": case "bool": case "bit":
                return Kind.BOOLEAN;
            case "smallint": case "int2": case "tinyint": case "smallserial":
                return Kind.SMALLINT;
            case "integer": case "int": case "int4": case "serial": case "mediumint":
                return Kind.INTEGER;
            case "bigint": case "int8": case "bigserial":
                return Kind.BIGINT;
            case "decimal": case "numeric": case "number": case "dec":
                return Kind.DECIMAL;
            case "real": case "float4":
                return Kind.REAL;
            case "double": case "double precision": case "float8": case "float":
                return Kind.DOUBLE;
            case "char": case "character": case "bpchar": case "nchar":
                return Kind.CHAR;
            case "varchar": case "character varying": case "nvarchar": case "varchar_ignorecase":
            case "char varying":
                return Kind.VARCHAR;
            case "text": case "clob": case "character large object": case "nclob": case "longvarchar":
            case "char large object":
                return Kind.TEXT;
            case "binary":
                return Kind.BINARY;
            case "varbinary": case "binary varying":
                return Kind.VARBINARY;
            case "blob": case "bytea": case "binary large object": case "longvarbinary":
                return Kind.BLOB;
            case "date":
                return Kind.DATE;
            case "time": case "time without time zone":
                return Kind.TIME;
            case "timestamp": case "timestamp without time zone": case "datetime":
                return Kind.TIMESTAMP;
            case "timestamptz": case "timestamp with time zone":
                return Kind.TIMESTAMP_WITH_TIME_ZONE;
            case "uuid":
                return Kind.UUID;
            case "json": case "jsonb":
                return Kind.JSON;
            default:
                return Kind.OTHER;
        }
    }

    /**
     * The family of this type.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Maximum length of character or binary types, when bounded.
     *
     * @return the length; empty for other kinds and unbounded types
     */
    public OptionalInt length() {
        return length < 0 ? OptionalInt.empty() : OptionalInt.of(length);
    }

    /**
     * Total significant digits of DECIMAL, or fractional-second digits of TIME and TIMESTAMP,
     * when declared.
     *
     * @return the precision; empty when not declared
     */
    public OptionalInt precision() {
        return precision < 0 ? OptionalInt.empty() : OptionalInt.of(precision);
    }

    /**
     * Digits after the decimal point of DECIMAL, when declared.
     *
     * @return the scale; empty when not declared
     */
    public OptionalInt scale() {
        return scale < 0 ? OptionalInt.empty() : OptionalInt.of(scale);
    }

    /**
     * The name the engine or the user gave the type, e.g. {@code "int4"}.
     *
     * @return the native name; the standard name for types built by the factories
     */
    public String nativeName() {
        return nativeName;
    }

    /**
     * The largest absolute value an integer type holds; empty for non-integer kinds. DECIMAL with
     * scale 0 is not included: ask its precision.
     *
     * @return the largest value, e.g. 2,147,483,647 for INTEGER
     */
    public java.util.OptionalLong integerMax() {
        return kind.isInteger() ? java.util.OptionalLong.of(kind.integerMax()) : java.util.OptionalLong.empty();
    }

    /**
     * This type as an engine names it, e.g. MariaDB's {@code tinyint(1)}, {@code int(10) unsigned} or
     * {@code enum('new','paid')} for the engine-neutral SMALLINT, BIGINT and VARCHAR(4) that hold their
     * values; kind, length, precision and scale are unchanged.
     *
     * @param name the engine's name for the type; not blank
     * @return a copy of this type with that name
     */
    public SqlType withNativeName(String name) {
        checkArgument(name != null && !name.isBlank(), "native type name must not be blank");
        return new SqlType(kind, length, precision, scale, name, domain);
    }

    /**
     * This type with another length (for CHAR, VARCHAR, BINARY, VARBINARY).
     *
     * @param newLength the length; at least 1
     * @return a copy of this type with that length
     */
    public SqlType withLength(int newLength) {
        checkArgument(newLength > 0, "length must be positive, got %s", newLength);
        return new SqlType(kind, newLength, precision, scale, nativeName, domain);
    }

    /**
     * The domain a column of this type is declared with, when it is one: this type is then the
     * domain's base type.
     *
     * @return the domain; empty for a plain type
     */
    public java.util.Optional<Domain> domain() {
        return java.util.Optional.ofNullable(domain);
    }

    /**
     * This (base) type as the type of a domain, e.g.
     * {@code SqlType.integer().inDomain(new Domain("year", List.of("CHECK (VALUE >= 1901)")))}.
     * Equality ignores the domain, as it ignores native names: the values are of the same type.
     *
     * @param newDomain the domain; not null
     * @return a copy of this type in that domain
     */
    public SqlType inDomain(Domain newDomain) {
        return new SqlType(kind, length, precision, scale, nativeName, checkNotNull(newDomain, "domain"));
    }

    /**
     * {@link #render()}, followed by the domain and its checks when the type is a domain's.
     *
     * @return the description
     */
    public String describe() {
        return domain == null ? render() : render() + " (" + domain.describe() + ")";
    }

    /**
     * This type as another kind, keeping the fractional-second precision of temporal types: what a
     * conversion such as {@code atZone} makes of a {@code TIMESTAMP(3)}.
     *
     * @param newKind the kind; not null
     * @return this type when the kind is the same, else a type of that kind
     */
    public SqlType asKind(Kind newKind) {
        checkNotNull(newKind, "kind");
        if (newKind == kind) {
            return this;
        }
        int keptPrecision = kind.isTemporal() && newKind.isTemporal() ? precision : -1;
        return new SqlType(newKind, -1, keptPrecision, -1, newKind.name().replace('_', ' '));
    }

    /**
     * Standard SQL spelling, e.g. {@code VARCHAR(60)}, {@code DECIMAL(10,2)}; OTHER keeps its native name.
     *
     * @return the standard spelling
     */
    public String render() {
        if (kind == Kind.OTHER) {
            return nativeName;
        }
        String base = kind.name().replace('_', ' ');
        if (length >= 0) {
            return base + "(" + length + ")";
        }
        if (kind == Kind.DECIMAL && precision >= 0) {
            return base + "(" + precision + "," + scale + ")";
        }
        if (kind == Kind.TIMESTAMP_WITH_TIME_ZONE && precision >= 0) {
            return "TIMESTAMP(" + precision + ") WITH TIME ZONE";
        }
        if (kind.isTemporal() && precision >= 0) {
            return base + "(" + precision + ")";
        }
        return base;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SqlType)) {
            return false;
        }
        SqlType other = (SqlType) o;
        return kind == other.kind && length == other.length && precision == other.precision
                && scale == other.scale && (kind != Kind.OTHER || nativeName.equalsIgnoreCase(other.nativeName));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, precision, scale);
    }

    @Override
    public String toString() {
        return render();
    }
}
