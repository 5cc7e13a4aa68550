package dev.migrationstudio.mapping;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * The predicate of a filter ({@link TableRules#filter}): true for the source rows to migrate. Write
 * it as a lambda or method reference, as for any {@link Predicate}; it is {@link Serializable} so
 * that the spec's fingerprint can cover its code (see {@link MappingSpec#fingerprint()}). Nothing is
 * ever serialized.
 */
@FunctionalInterface
public interface RowPredicate extends Predicate<Row>, Serializable {
}
