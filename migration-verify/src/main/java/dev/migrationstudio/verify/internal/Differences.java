package dev.migrationstudio.verify.internal;

import dev.migrationstudio.verify.Discrepancy;
import java.util.List;

/**
 * The rows that differ between the two sides of a table: the listed discrepancies (at most the
 * configured number) and the totals, which count every differing row, listed or not.
 */
record Differences(List<Discrepancy> listed, long missing, long extra, long changed) {
    /** No difference. */
    static final Differences NONE = new Differences(List.of(), 0, 0, 0);

    Differences {
        listed = List.copyOf(listed);
    }

    /** These totals plus rows counted beyond what could be listed. */
    Differences plusUnlisted(long moreMissing, long moreExtra, long moreChanged) {
        return new Differences(listed, missing + moreMissing, extra + moreExtra, changed + moreChanged);
    }
}
