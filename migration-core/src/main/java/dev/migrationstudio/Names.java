package dev.migrationstudio;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * Argument checks for the names given to builders (tables, columns, schemas, rules), shared by the
 * builders of every module so that a blank or missing name fails the same way everywhere, naming
 * what was expected: {@code Names.requireName(schema, "target schema")} throws
 * {@code IllegalArgumentException: target schema must not be blank}.
 */
public final class Names {
    private Names() {
    }

    /** Checks that {@code value} is a non-blank name; {@code what} names it in the message. */
    public static String requireName(String value, String what) {
        checkNotNull(value, "%s must not be null", what);
        checkArgument(!value.isBlank(), "%s must not be blank", what);
        return value;
    }

    /** Checks that every element is a non-blank name and returns an immutable copy. */
    public static List<String> requireNames(List<String> values, String what) {
        checkNotNull(values, "%s must not be null", what);
        for (String value : values) {
            requireName(value, what);
        }
        return List.copyOf(values);
    }

    /** Checks varargs names: at least one, none blank. */
    public static List<String> requireNames(String[] values, String what) {
        checkNotNull(values, "%s must not be null", what);
        checkArgument(values.length > 0, "at least one %s is required", what);
        return requireNames(List.of(values), what);
    }
}
