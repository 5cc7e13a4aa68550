package dev.migrationstudio.mapping;

import dev.migrationstudio.mapping.FindingKind;
import java.util.List;

/**
 * The rules of one table mapping, as written inside {@code MappingSpec.builder(..).table(..).to(.., t -> ...)}.
 * Every source column should end up mapped ({@link #key}, {@link #field}), read by a derivation or
 * filter, or dropped with a reason ({@link #drop}); the mapping review reports any left over.
 */
public interface TableRules {

    /**
     * Maps a key column: rows are identified, chunked, resumed and verified by it. Call once per
     * column of a composite key, in key order.
     *
     * @param sourceColumn the key column's source name
     * @return the field's rules, to rename, transform or cast it
     */
    FieldRules key(String sourceColumn);

    /**
     * Maps a source column to a target column of the same name, unless {@link FieldRules#to} renames it.
     *
     * @param sourceColumn the source column's name
     * @return the field's rules, to rename, transform or cast it
     */
    FieldRules field(String sourceColumn);

    /**
     * A target column computed from the source row. The function sees only the columns in
     * {@code reads}; reading another fails, so the declaration stays true.
     *
     * @param targetColumn the column it fills
     * @param reads the source columns the function reads
     * @param function the derivation; its name for documents is the target column's, refine it with
     *     {@link ValueRules#named(String)}; the fingerprint covers the name and the function's code
     * @return the value's rules, to transform or cast the derived value
     */
    ValueRules derive(String targetColumn, List<String> reads, RowFunction function);

    /**
     * A target column with no source, filled with a default value (its "default fill").
     *
     * @param targetColumn the column it fills
     * @param value the value, or {@code null}
     * @return the value's rules
     */
    ValueRules fill(String targetColumn, Object value);

    /**
     * A target column that always holds the same value, whatever the source says.
     *
     * @param targetColumn the column it fills
     * @param value the value, or {@code null}
     * @return the value's rules
     */
    ValueRules constant(String targetColumn, Object value);

    /**
     * A source column deliberately not migrated; the reason is required and is shown in documents.
     *
     * @param sourceColumn the source column's name
     * @param reason why it is not migrated; not blank
     * @return these rules
     */
    TableRules drop(String sourceColumn, String reason);

    /**
     * Keeps only rows for which {@code keep} is true; the others are counted as filtered by {@code name}.
     * Filters run first, in the order declared, on the source row as read: before any rename,
     * transform or cast (the order of every step: {@link TableMapping#apply}).
     *
     * @param name the rule's name, as reported in results (e.g. "test accounts excluded")
     * @param reads the source columns the predicate reads
     * @param keep true for the rows to migrate
     * @return these rules
     */
    TableRules filter(String name, List<String> reads, RowPredicate keep);

    /**
     * Declares that the table has no key to track rows by: it is reloaded whole, and verified as a
     * multiset. The reason is shown in documents and the run's warnings.
     *
     * @param reason why there is no key; not blank
     * @return these rules
     */
    TableRules withoutKey(String reason);

    /**
     * Accepts a finding of the mapping review with a reason: the review keeps the finding, marks it
     * acknowledged and no longer counts it as a blocker. {@code column} is the source or target column
     * the finding is about; the acknowledgement is part of the spec's fingerprint.
     *
     * <pre>{@code
     * .acknowledge("fax", FindingKind.BROKEN_CONSUMER, "the CRM export stops reading fax in release 12")
     * }</pre>
     *
     * @param column the source or target column
     * @param kind the kind of finding accepted
     * @param reason why it is accepted; not blank
     * @return these rules
     */
    TableRules acknowledge(String column, FindingKind kind, String reason);
}
