package dev.migrationstudio.mapping;

import dev.migrationstudio.MigrationException;

/**
 * Thrown by a rule when a value cannot be carried to the target without losing or inventing
 * information: text that is not a number, a string longer than the target column, a decimal with
 * more digits than the target keeps. Mapping turns it into a {@link RowResult.Rejected}; custom
 * converters may throw it to reject a value with their own reason.
 */
public final class RejectedValueException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /** @param reason why the value cannot be carried, naming the value and the limit it breaks */
    public RejectedValueException(String reason) {
        super(reason);
    }
}
