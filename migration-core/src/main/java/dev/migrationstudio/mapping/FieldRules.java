package dev.migrationstudio.mapping;

/** Rules for a column copied from the source: it may be renamed, then its value changed. */
public interface FieldRules extends ValueRules {

    /**
     * The target column's name, when it differs from the source column's.
     *
     * @param targetColumn the target column's name
     * @return these rules, to add more
     */
    FieldRules to(String targetColumn);
}
