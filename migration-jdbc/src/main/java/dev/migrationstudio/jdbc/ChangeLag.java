package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * How far a change feed's applied changes are behind the source.
 *
 * @param feed the feed's name
 * @param behind the time between the last applied change's commit in the source and now
 * @param bytesBehind the source's log written since the last applied change (-1 where the feed cannot tell)
 * @param changesApplied changes applied by this call so far
 * @param position the last applied position
 */
public record ChangeLag(String feed, Duration behind, long bytesBehind, long changesApplied, String position) {
    /**
     * Checks the parts.
     *
     * @param feed the feed's name
     * @param behind the time between the last applied change's commit in the source and now
     * @param bytesBehind the source's log written since the last applied change (-1 where the feed cannot tell)
     * @param changesApplied changes applied by this call so far
     * @param position the last applied position
     */
    public ChangeLag {
        checkNotNull(feed, "feed");
        checkNotNull(behind, "behind");
        checkNotNull(position, "position");
    }

    /**
     * One line for logs: {@code slot chinook: 0.4 s and 12,288 bytes behind, 1,204 changes applied}.
     *
     * @return the lag in seconds and bytes, the changes applied and the position, on one line
     */
    public String describe() {
        return String.format("%s: %.1f s%s behind, %,d changes applied (at %s)", feed, behind.toMillis() / 1000.0,
                bytesBehind < 0 ? "" : String.format(" and %,d bytes", bytesBehind), changesApplied, position);
    }
}
