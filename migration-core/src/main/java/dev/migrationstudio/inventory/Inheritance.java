package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How a table belongs to a parent table whose reads return its rows too: a PostgreSQL inheritance
 * child ({@code CREATE TABLE ... INHERITS (parent)}) or a declarative partition
 * ({@code CREATE TABLE ... PARTITION OF parent}). Reading the parent already returns the child's
 * rows, so mapping both copies those rows twice.
 *
 * @param parent the parent table
 * @param kind inheritance or partition
 */
public record Inheritance(TableId parent, Kind kind) {

    /** The two ways PostgreSQL nests tables. */
    public enum Kind {
        /** {@code INHERITS (parent)}: the child may add columns of its own. */
        INHERITS,
        /** {@code PARTITION OF parent}: the child holds a range or list of the parent's rows. */
        PARTITION_OF
    }

    /**
     * Validates the parts.
     *
     * @param parent the parent table
     * @param kind inheritance or partition
     */
    public Inheritance {
        checkNotNull(parent, "parent");
        checkNotNull(kind, "kind");
    }

    /**
     * E.g. {@code partition of public.measurement}.
     *
     * @return the kind and the parent, on one line
     */
    public String describe() {
        return (kind == Kind.INHERITS ? "inherits from " : "partition of ") + parent;
    }
}
