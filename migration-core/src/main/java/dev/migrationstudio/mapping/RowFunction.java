package dev.migrationstudio.mapping;

import java.io.Serializable;
import java.util.function.Function;

/**
 * The function of a derivation ({@link TableRules#derive}): the source row in, the target column's
 * value out. Write it as a lambda or method reference, as for any {@link Function}; it is
 * {@link Serializable} so that the spec's fingerprint can cover its code (see
 * {@link MappingSpec#fingerprint()}). Nothing is ever serialized.
 */
@FunctionalInterface
public interface RowFunction extends Function<Row, Object>, Serializable {
}
