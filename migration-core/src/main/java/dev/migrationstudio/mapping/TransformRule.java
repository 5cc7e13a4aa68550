package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.mapping.internal.Casting;
import dev.migrationstudio.format.ValueText;
import java.util.List;
import java.util.Optional;

/**
 * A rule of a mapping spec. Value rules compute or change one target column's value; {@link Drop}
 * and {@link Filter} act on a table. Create them through {@link Transforms} and the
 * {@link MappingSpec} DSL.
 *
 * <p>{@link #describe()} is exact and stable: documents show it, and the spec's fingerprint is
 * computed from it. The Java functions of derive, convert and filter are named by it, and the
 * fingerprint also covers their code (see {@link MappingSpec#fingerprint()} for what that does and
 * does not include).
 */
public sealed interface TransformRule permits TransformRule.ValueRule, TransformRule.Drop, TransformRule.Filter {

    /**
     * An exact, stable, human-readable description, e.g. {@code cast to DECIMAL(12,2)}.
     *
     * @return the description; part of the spec's fingerprint
     */
    String describe();

    /** A rule that produces or changes one column's value. */
    sealed interface ValueRule extends TransformRule
            permits Rename, Cast, Convert, DefaultFill, Constant, Derive {

        /**
         * Applies the rule.
         *
         * @param value the value so far ({@code null} for SQL NULL)
         * @param source the whole source row
         * @return the new value
         * @throws RejectedValueException if the value cannot be carried
         */
        Object apply(Object value, Row source);
    }

    /**
     * The source column goes to a target column of another name. The value is unchanged.
     *
     * @param from source column
     * @param to target column
     */
    record Rename(String from, String to) implements ValueRule {
        /**
         * Validates the names.
         *
         * @param from source column
         * @param to target column
         */
        public Rename {
            Names.requireName(from, "source column");
            Names.requireName(to, "target column");
        }

        @Override
        public Object apply(Object value, Row source) {
            return value;
        }

        @Override
        public String describe() {
            return "rename " + from + " -> " + to;
        }
    }

    /**
     * Converts the value to a target SQL type, refusing any conversion that would lose information
     * (text that is not a number, a string too long, digits beyond the scale, a time zone dropped).
     * Use an explicit {@link Convert} such as {@link Transforms#round} or {@link Transforms#truncate}
     * where the loss is intended.
     *
     * @param type the target type
     */
    record Cast(SqlType type) implements ValueRule {
        /**
         * Validates the type.
         *
         * @param type the target type
         */
        public Cast {
            checkNotNull(type, "cast type");
        }

        @Override
        public Object apply(Object value, Row source) {
            return Casting.cast(value, type);
        }

        @Override
        public String describe() {
            return "cast to " + type.render();
        }
    }

    /**
     * A named function of the value: trim, lower case, a dictionary lookup. NULL is passed to the
     * function; the built-in converters return NULL for NULL.
     *
     * @param name stable name, e.g. {@code trim} or {@code round(2, HALF_EVEN)}
     * @param function the conversion
     * @param delivers the kind of value the conversion turns its input into, when it changes the kind
     *     (e.g. {@link Transforms#atZone} delivers {@link SqlType.Kind#TIMESTAMP_WITH_TIME_ZONE}); empty
     *     when it keeps the kind or the kind is unknown. The mapping review reads it to judge the
     *     target type against what the field delivers.
     */
    record Convert(String name, ValueFunction function, Optional<SqlType.Kind> delivers)
            implements ValueRule {
        /**
         * Validates the parts.
         *
         * @param name stable name, e.g. {@code trim} or {@code round(2, HALF_EVEN)}
         * @param function the conversion
         * @param delivers the kind of value the conversion turns its input into, when it changes the kind (e.g.
         *     {@link Transforms#atZone} delivers {@link SqlType.Kind#TIMESTAMP_WITH_TIME_ZONE}); empty when it
         *     keeps the kind or the kind is unknown. The mapping review reads it to judge the target type against
         *     what the field delivers.
         */
        public Convert {
            Names.requireName(name, "converter name");
            checkNotNull(function, "function of converter %s", name);
            checkNotNull(delivers, "delivers of converter %s", name);
        }

        /**
         * A conversion that keeps the kind of value, or whose kind is unknown.
         *
         * @param name the conversion's name, as documents and results show it
         * @param function the conversion
         */
        public Convert(String name, ValueFunction function) {
            this(name, function, Optional.empty());
        }

        @Override
        public Object apply(Object value, Row source) {
            return function.apply(value);
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /**
     * Replaces NULL with a default value.
     *
     * @param value the default; not null
     */
    record DefaultFill(Object value) implements ValueRule {
        /**
         * Validates the value.
         *
         * @param value the default; not null
         */
        public DefaultFill {
            checkNotNull(value, "default value must not be null (NULL is what it replaces)");
        }

        @Override
        public Object apply(Object current, Row source) {
            return current == null ? value : current;
        }

        @Override
        public String describe() {
            return "default " + ValueText.literal(value) + " when NULL";
        }
    }

    /**
     * Always the same value.
     *
     * @param value the value; not null
     */
    record Constant(Object value) implements ValueRule {
        /**
         * Validates the value.
         *
         * @param value the value; not null
         */
        public Constant {
            checkNotNull(value, "constant value must not be null");
        }

        @Override
        public Object apply(Object current, Row source) {
            return value;
        }

        @Override
        public String describe() {
            return "constant " + ValueText.literal(value);
        }
    }

    /**
     * A value computed from the source row by a Java function. The function sees only the columns
     * it declares: reading any other fails, so the declared reads stay true.
     *
     * @param name stable name of the derivation, shown in documents and part of the fingerprint
     * @param reads the source columns the function reads
     * @param function the derivation
     */
    record Derive(String name, List<String> reads, RowFunction function) implements ValueRule {
        /**
         * Validates the parts.
         *
         * @param name stable name of the derivation, shown in documents and part of the fingerprint
         * @param reads the source columns the function reads
         * @param function the derivation
         */
        public Derive {
            Names.requireName(name, "derivation name");
            reads = Names.requireNames(reads, "column read by derivation " + name);
            checkNotNull(function, "function of derivation %s", name);
        }

        @Override
        public Object apply(Object value, Row source) {
            return function.apply(source);
        }

        @Override
        public String describe() {
            return "derive " + name + " from " + String.join(", ", reads);
        }
    }

    /**
     * A source column deliberately not migrated.
     *
     * @param column the source column
     * @param reason why it is not carried over
     */
    record Drop(String column, String reason) implements TransformRule {
        /**
         * Validates the parts.
         *
         * @param column the source column
         * @param reason why it is not carried over
         */
        public Drop {
            Names.requireName(column, "dropped column");
            checkNotNull(reason, "reason for dropping %s", column);
        }

        @Override
        public String describe() {
            return "drop " + column + ": " + reason;
        }
    }

    /**
     * Keeps only the source rows the predicate accepts; the others are counted as filtered by this
     * rule's name.
     *
     * @param name the rule's name, as reported in results
     * @param reads the source columns the predicate reads
     * @param keep true for rows to migrate
     */
    record Filter(String name, List<String> reads, RowPredicate keep) implements TransformRule {
        /**
         * Validates the parts.
         *
         * @param name the rule's name, as reported in results
         * @param reads the source columns the predicate reads
         * @param keep true for rows to migrate
         */
        public Filter {
            Names.requireName(name, "filter name");
            reads = Names.requireNames(reads, "column read by filter " + name);
            checkNotNull(keep, "predicate of filter %s", name);
        }

        @Override
        public String describe() {
            return "filter '" + name + "' reading " + String.join(", ", reads);
        }
    }
}
