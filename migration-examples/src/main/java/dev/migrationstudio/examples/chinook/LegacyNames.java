package dev.migrationstudio.examples.chinook;

import com.google.common.base.CaseFormat;

/**
 * How legacy Chinook spells its names. The PostgreSQL script says {@code invoice_line.unit_price};
 * the MySQL script says {@code InvoiceLine.UnitPrice}. The data and the decisions are the same, so the
 * mapping is written once, in the v2 spelling, and every legacy name goes through {@link #of}.
 */
public enum LegacyNames {
    /** The PostgreSQL script's names, as v2 spells them: {@code invoice_line.unit_price}. */
    SNAKE_CASE,
    /** The MySQL script's names: {@code InvoiceLine.UnitPrice}. */
    PASCAL_CASE;

    /** The legacy name of a table or column spelled in snake case, e.g. {@code media_type_id}. */
    public String of(String snakeCase) {
        return this == SNAKE_CASE ? snakeCase : CaseFormat.LOWER_UNDERSCORE.to(CaseFormat.UPPER_CAMEL, snakeCase);
    }

    /** A column of a table, as {@code table.column}. */
    public String of(String table, String column) {
        return of(table) + "." + of(column);
    }
}
