package dev.migrationstudio.jdbc.internal;

import java.sql.SQLDataException;

/**
 * A value the target database has no way to hold, found before it is sent (NaN or infinity for an
 * engine without them, or in a column type without them). A data exception (SQLSTATE 22000), so the
 * row is a bad row under the run's policy, named by its key like any row the database refuses.
 */
final class UnstorableValueException extends SQLDataException {
    private static final long serialVersionUID = 1L;

    private final String column;

    UnstorableValueException(String column, String message) {
        super(message, "22000");
        this.column = column;
    }

    /** The target column the value was for. */
    String column() {
        return column;
    }
}
