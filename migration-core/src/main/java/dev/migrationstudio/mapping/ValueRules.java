package dev.migrationstudio.mapping;

import dev.migrationstudio.inventory.SqlType;

/** Rules that change the value of the column being mapped, applied in the order written. */
public interface ValueRules extends TableRules {

    /** Applies a converter (see {@link Transforms}). */
    ValueRules transform(TransformRule.Convert converter);

    /** Casts to a SQL type, rejecting values that would lose information (see {@link TransformRule.Cast}). */
    ValueRules cast(SqlType type);

    /** Casts to a SQL type given as text, e.g. {@code "DECIMAL(12,2)"}. */
    ValueRules cast(String type);

    /** Replaces NULL with a default value ("default fill"). */
    ValueRules ifNull(Object value);

    /** Records why the column is mapped this way, for the people who review the mapping. */
    ValueRules note(String why);

    /**
     * Names a derivation for documents and results (default: the target column). The fingerprint
     * covers the name and the function's code.
     */
    ValueRules named(String derivationName);
}
