package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One measured value, with the key of the row that holds it, for findings people can act on:
 * {@code key track_id=1234, value 'Wholly Unnecessary Remastered Edition ...' (73 characters)}.
 *
 * @param key the row's key as {@code column=value} pairs, or {@code row N} for tables without a key
 * @param value the value as shown in messages (strings quoted, long values cut)
 * @param detail what is wrong with it (a rejection reason), or the empty string
 */
public record ValueExample(String key, String value, String detail) {

    /**
     * Validates the parts.
     *
     * @param key the row's key as {@code column=value} pairs, or {@code row N} for tables without a key
     * @param value the value as shown in messages (strings quoted, long values cut)
     * @param detail what is wrong with it (a rejection reason), or the empty string
     */
    public ValueExample {
        checkNotNull(key, "key");
        checkNotNull(value, "value");
        checkNotNull(detail, "detail");
    }

    /**
     * E.g. {@code track_id=1234: 'abc' (not a number)}.
     *
     * @return the key, value and detail, on one line
     */
    public String describe() {
        return key + ": " + value + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
