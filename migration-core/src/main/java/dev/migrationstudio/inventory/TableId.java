package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.Comparator;
import java.util.Optional;

/**
 * The name of a table or view, optionally qualified by its schema. Names are kept exactly as given
 * (no case folding, no parsing of dots), so {@code "Order Lines"} and {@code "select"} are fine.
 *
 * @param schema the schema, or the empty string when unqualified
 * @param name the table's own name
 */
public record TableId(String schema, String name) implements Comparable<TableId> {

    private static final Comparator<TableId> ORDER =
            Comparator.comparing(TableId::schema).thenComparing(TableId::name);

    /**
     * Validates the parts.
     *
     * @param schema the schema, or the empty string when unqualified
     * @param name the table's own name
     */
    public TableId {
        checkNotNull(schema, "schema must not be null (use the empty string for none)");
        Names.requireName(name, "table name");
    }

    /**
     * An unqualified table name.
     *
     * @param name the table's name; not blank
     * @return the id
     */
    public static TableId of(String name) {
        return new TableId("", name);
    }

    /**
     * A schema-qualified table name.
     *
     * @param schema the schema's name; not blank
     * @param name the table's name; not blank
     * @return the id
     */
    public static TableId of(String schema, String name) {
        return new TableId(Names.requireName(schema, "schema"), name);
    }

    /**
     * The schema, when qualified.
     *
     * @return the schema; empty for an unqualified name
     */
    public Optional<String> schemaName() {
        return schema.isEmpty() ? Optional.empty() : Optional.of(schema);
    }

    /**
     * Whether {@code other} names this table: equal, or {@code other} unqualified with the same name.
     *
     * @param other another id; not null
     * @return {@code true} if it names this table
     */
    public boolean matches(TableId other) {
        return equals(other) || (other.schema.isEmpty() && name.equals(other.name));
    }

    @Override
    public int compareTo(TableId other) {
        return ORDER.compare(this, other);
    }

    /** {@code schema.name}, or {@code name} when unqualified; for display only. */
    @Override
    public String toString() {
        return schema.isEmpty() ? name : schema + "." + name;
    }
}
