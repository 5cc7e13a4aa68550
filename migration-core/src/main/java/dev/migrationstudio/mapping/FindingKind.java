package dev.migrationstudio.mapping;

/**
 * What a finding of the mapping review ({@code dev.migrationstudio.review.Finding}) is about, and what an
 * {@link Acknowledgement} accepts. Each kind names one way a mapping can lose
 * data, fail at load time, or break something that depends on the data.
 */
public enum FindingKind {
    /** Text or binary values longer than the target column holds. */
    LENGTH_NARROWING("length narrowing"),
    /** Numbers with more integer digits than the target DECIMAL holds, floating-point targets that cannot
     *  hold every decimal exactly, or fractional seconds beyond the target's precision. */
    PRECISION_NARROWING("precision narrowing"),
    /** Numbers with more decimal places than the target keeps. */
    SCALE_NARROWING("scale narrowing"),
    /** Integers outside the target integer type's range. */
    INTEGER_RANGE("integer range"),
    /** Timestamps with a time of day going into a DATE. */
    TIMESTAMP_TO_DATE("timestamp to date"),
    /** Timestamps losing their time zone, or local timestamps given one that the data does not say. */
    TIME_ZONE_LOSS("time zone loss"),
    /** MySQL or MariaDB dates with a zero year, month or day ({@code '0000-00-00'}), which no other engine holds. */
    ZERO_DATE("zero date"),
    /** Text with characters the target column's character set cannot store (4-byte characters into
     *  {@code utf8mb3}). */
    CHARACTER_SET("character set"),
    /** A unique key whose collation compares differently on the two sides: values distinct in the source
     *  that collide under the target's case- or trailing-space-insensitive collation, or a key the source
     *  enforced case-insensitively that the target enforces more weakly. */
    COLLATION("collation"),
    /** A column type Migration Studio does not carry (spatial types). */
    UNSUPPORTED_TYPE("unsupported type"),
    /** A table in a storage engine without transactions (MyISAM): a failed write is not rolled back. */
    NON_TRANSACTIONAL_TABLE("table without transactions"),
    /** A source column that numbers new rows ({@code AUTO_INCREMENT}, identity, sequence default) filling a
     *  target column that does not: new rows after cutover get no number. */
    NUMBERING_LOST("numbering lost"),
    /** Source and target types of different families with no cast between them, or values that do not convert. */
    TYPE_INCOMPATIBLE("type incompatibility"),
    /** Values a rule of the mapping (a cast, a dictionary, a derivation) rejects: those rows are quarantined. */
    VALUES_REJECTED("values rejected by a rule"),
    /** A source column that is neither mapped, read by a rule, nor dropped with a reason. */
    UNMAPPED_SOURCE_COLUMN("unmapped source column"),
    /** A source table that no table mapping reads. */
    UNMAPPED_SOURCE_TABLE("unmapped source table"),
    /** A source table mapped together with its inheritance parent or partitioned table, whose reads
     *  already return its rows: they would be copied twice. */
    ROWS_COPIED_TWICE("rows copied twice"),
    /** A column whose type is a domain with a constraint: the source's constraint the target does not
     *  keep, or values the target domain's constraint would refuse. */
    DOMAIN_CONSTRAINT("domain constraint"),
    /** A table the spec names that the source or target inventory does not list. */
    UNKNOWN_TABLE("unknown table"),
    /** A field, derivation, filter or drop that names a column the source table does not have. */
    UNKNOWN_SOURCE_COLUMN("unknown source column"),
    /** A mapping that fills a column the target table does not have. */
    UNKNOWN_TARGET_COLUMN("unknown target column"),
    /** A NOT NULL target column without a default that nothing fills: every insert fails. */
    UNFILLED_NOT_NULL("NOT NULL column not filled"),
    /** A NOT NULL target column fed by values that are NULL. */
    NULLS_INTO_NOT_NULL("NULLs into NOT NULL"),
    /** A primary or unique key (or the mapping's own key) fed by source values that repeat. */
    NON_UNIQUE_KEY("non-unique key"),
    /** A foreign key of a target table whose parent table nothing migrates. */
    FK_PARENT_NOT_MIGRATED("foreign-key parent not migrated"),
    /** A target column the database generates (GENERATED ALWAYS) that the mapping fills: inserts fail. */
    GENERATED_COLUMN_FILLED("generated column filled"),
    /** A target column numbered by a sequence that the mapping fills: the sequence stays behind the data. */
    SEQUENCE_BEHIND("sequence behind the loaded values"),
    /** A target column that no mapping fills: it stays NULL or gets its default. */
    UNFILLED_TARGET_COLUMN("target column not filled"),
    /** A view or declared artifact that reads or writes columns or tables the mapping renames, retypes,
     *  drops or does not migrate: one finding per consumer, naming everything it uses that changes. */
    BROKEN_CONSUMER("broken downstream consumer"),
    /** An acknowledgement in the spec that matches no finding (stale, or naming the wrong column or kind). */
    UNUSED_ACKNOWLEDGEMENT("unused acknowledgement");

    private final String title;

    FindingKind(String title) {
        this.title = title;
    }

    /**
     * A short human-readable name, e.g. {@code length narrowing}.
     *
     * @return the title, lower-case
     */
    public String title() {
        return title;
    }
}
