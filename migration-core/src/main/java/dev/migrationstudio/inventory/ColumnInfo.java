package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.internal.Names;
import java.util.Optional;

/**
 * One column of a table: name, type, nullability and default.
 *
 * <pre>{@code
 * ColumnInfo.of("email", SqlType.varchar(60)).notNull()
 * }</pre>
 *
 * @param name the column name, exactly as in the database
 * @param type its SQL type
 * @param nullable whether NULL is allowed
 * @param defaultExpression the column default as the engine reports it, if any
 */
public record ColumnInfo(String name, SqlType type, boolean nullable, Optional<String> defaultExpression) {

    /** Validates the parts. */
    public ColumnInfo {
        Names.requireName(name, "column name");
        checkNotNull(type, "type of column %s", name);
        checkNotNull(defaultExpression, "defaultExpression of column %s", name);
    }

    /** A nullable column without a default. */
    public static ColumnInfo of(String name, SqlType type) {
        return new ColumnInfo(name, type, true, Optional.empty());
    }

    /** This column, NOT NULL. */
    public ColumnInfo notNull() {
        return new ColumnInfo(name, type, false, defaultExpression);
    }

    /** This column with a default expression, e.g. {@code "'ACTIVE'"} or {@code "now()"}. */
    public ColumnInfo withDefault(String expression) {
        return new ColumnInfo(name, type, nullable, Optional.of(Names.requireName(expression, "default")));
    }

    /** Whether the database fills this column when an insert leaves it out. */
    public boolean hasDefault() {
        return defaultExpression.isPresent();
    }
}
