package dev.migrationstudio.review;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.FindingKind;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One thing the mapping review found, with the numbers measured in the source data and a fix.
 *
 * <pre>{@code
 * BLOCKER length narrowing at track.name -> song.title: 37 of 3,503 values exceed VARCHAR(50);
 * the longest has 73 characters (key track_id=1234). Fix: widen song.title to VARCHAR(73) or more, ...
 * }</pre>
 *
 * @param kind what it is about
 * @param severity how much it matters
 * @param location where: {@code table.column}, {@code source.column -> target.column}, or a table
 * @param message what was found, with the measured numbers
 * @param fix a suggested change to the mapping or the target schema
 * @param affectedRows the rows measured to be affected, when the finding is about data and the data was measured
 * @param sourceTable the source table concerned, as discovered, when there is one (for blast radii)
 * @param acknowledgement the reason the spec gives for accepting it, when acknowledged
 */
public record Finding(FindingKind kind, FindingSeverity severity, String location, String message, String fix,
                      OptionalLong affectedRows, Optional<TableId> sourceTable, Optional<String> acknowledgement) {

    /**
     * Validates the parts.
     *
     * @param kind what it is about
     * @param severity how much it matters
     * @param location where: {@code table.column}, {@code source.column -> target.column}, or a table
     * @param message what was found, with the measured numbers
     * @param fix a suggested change to the mapping or the target schema
     * @param affectedRows the rows measured to be affected, when the finding is about data and the data was
     *     measured
     * @param sourceTable the source table concerned, as discovered, when there is one (for blast radii)
     * @param acknowledgement the reason the spec gives for accepting it, when acknowledged
     */
    public Finding {
        checkNotNull(kind, "kind");
        checkNotNull(severity, "severity");
        Names.requireName(location, "location");
        Names.requireName(message, "message");
        checkNotNull(fix, "fix");
        checkNotNull(affectedRows, "affectedRows");
        checkNotNull(sourceTable, "sourceTable");
        checkNotNull(acknowledgement, "acknowledgement");
    }

    /**
     * Whether the spec accepts this finding with a reason.
     *
     * @return {@code true} if acknowledged
     */
    public boolean isAcknowledged() {
        return acknowledgement.isPresent();
    }

    /**
     * Whether this finding stops the migration: a blocker the spec does not acknowledge.
     *
     * @return {@code true} for an unacknowledged blocker
     */
    public boolean isBlocking() {
        return severity == FindingSeverity.BLOCKER && acknowledgement.isEmpty();
    }

    /**
     * This finding, acknowledged with a reason.
     *
     * @param reason why it is accepted; not blank
     * @return a copy of this finding with the acknowledgement
     */
    public Finding acknowledged(String reason) {
        return new Finding(kind, severity, location, message, fix, affectedRows, sourceTable,
                Optional.of(Names.requireName(reason, "reason")));
    }

    /**
     * One line: severity, kind, location, message, fix and acknowledgement.
     *
     * @return the description
     */
    public String describe() {
        return severity + " " + kind.title() + " at " + location + ": " + message
                + (fix.isEmpty() ? "" : " Fix: " + fix)
                + acknowledgement.map(r -> " (acknowledged: " + r + ")").orElse("");
    }
}
