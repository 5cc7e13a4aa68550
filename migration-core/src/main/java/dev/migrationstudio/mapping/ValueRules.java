package dev.migrationstudio.mapping;

import dev.migrationstudio.inventory.SqlType;

/** Rules that change the value of the column being mapped, applied in the order written. */
public interface ValueRules extends TableRules {

    /**
     * Applies a converter (see {@link Transforms}).
     *
     * @param converter the converter
     * @return these rules
     */
    ValueRules transform(TransformRule.Convert converter);

    /**
     * Casts to a SQL type, rejecting values that would lose information (see {@link TransformRule.Cast}).
     *
     * @param type the target type
     * @return these rules
     */
    ValueRules cast(SqlType type);

    /**
     * Casts to a SQL type given as text, e.g. {@code "DECIMAL(12,2)"}.
     *
     * @param type the type's text, as {@link dev.migrationstudio.inventory.SqlType#parse(String)} reads it
     * @return these rules
     */
    ValueRules cast(String type);

    /**
     * Replaces NULL with a default value ("default fill").
     *
     * @param value the default, used where the value is NULL
     * @return these rules
     */
    ValueRules ifNull(Object value);

    /**
     * Records why the column is mapped this way, for the people who review the mapping.
     *
     * @param why the note, for people
     * @return these rules
     */
    ValueRules note(String why);

    /**
     * Names a derivation for documents and results (default: the target column). The fingerprint
     * covers the name and the function's code.
     *
     * @param derivationName the name; not blank
     * @return these rules
     */
    ValueRules named(String derivationName);
}
