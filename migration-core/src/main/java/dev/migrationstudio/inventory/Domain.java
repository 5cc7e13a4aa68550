package dev.migrationstudio.inventory;

import dev.migrationstudio.Names;
import java.util.List;

/**
 * A user-defined type over a base type that adds constraints, such as PostgreSQL's
 * {@code CREATE DOMAIN year AS integer CHECK (VALUE BETWEEN 1901 AND 2155)}. The column's
 * {@link SqlType} is the base type; {@link SqlType#domain()} names the domain. A closed list of
 * values (a PostgreSQL enum type, a MySQL or MariaDB {@code ENUM}) is read as a domain too, whose check
 * is the list: {@code CHECK (VALUE IN ('new', 'paid'))}.
 *
 * @param name the domain's name, schema-qualified when the engine reports a schema
 * @param checks its CHECK constraints as the engine renders them, e.g.
 *     {@code CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))}; empty when it has none
 */
public record Domain(String name, List<String> checks) {

    /**
     * Validates the parts.
     *
     * @param name the domain's name, schema-qualified when the engine reports a schema
     * @param checks its CHECK constraints as the engine renders them, e.g.
     *     {@code CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))}; empty when it has none
     */
    public Domain {
        Names.requireName(name, "domain name");
        checks = List.copyOf(checks);
    }

    /**
     * E.g. {@code domain public.year CHECK (...)}.
     *
     * @return the name and checks, on one line
     */
    public String describe() {
        return "domain " + name + (checks.isEmpty() ? "" : " " + String.join(" ", checks));
    }
}
