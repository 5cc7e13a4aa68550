package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.OptionalLong;

/**
 * A sequence, which a migration must move past the highest migrated key before cutover.
 *
 * @param id the sequence's name
 * @param currentValue the last value handed out, when known
 */
public record SequenceInfo(TableId id, OptionalLong currentValue) {

    /**
     * Validates the parts.
     *
     * @param id the sequence's name
     * @param currentValue the last value handed out, when known
     */
    public SequenceInfo {
        checkNotNull(id, "sequence id");
        checkNotNull(currentValue, "currentValue of %s", id);
    }

    /**
     * A sequence known by name only.
     *
     * @param name the sequence's name, alone or with its schema
     * @return the sequence, with no current value
     */
    public static SequenceInfo of(String name) {
        return new SequenceInfo(TableId.of(name), OptionalLong.empty());
    }
}
