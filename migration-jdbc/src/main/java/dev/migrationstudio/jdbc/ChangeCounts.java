package dev.migrationstudio.jdbc;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What a catch-up did to one table: every source row it read is inserted, updated, unchanged,
 * filtered or quarantined; target rows without a source row are deleted (when this migration had
 * loaded them) or kept.
 *
 * @param read source rows read
 * @param inserted rows written that the target did not have (new rows, rows no longer filtered,
 *     quarantined rows that became valid, rows whose key changed)
 * @param updated target rows whose values were set to the source's
 * @param unchanged rows the target already held as the spec makes them
 * @param filtered rows a filter of the spec leaves out (their target row, if any, is deleted)
 * @param quarantined rows that cannot be carried (a rule or the target refused them)
 * @param deleted target rows deleted: their source row is gone, filtered out or quarantined
 * @param kept target rows without a source row that this migration never loaded, left in place
 */
public record ChangeCounts(long read, long inserted, long updated, long unchanged, long filtered, long quarantined,
                           long deleted, long kept) {

    /**
     * Validates that no count is negative.
     *
     * @param read source rows read
     * @param inserted rows written that the target did not have (new rows, rows no longer filtered, quarantined
     *     rows that became valid, rows whose key changed)
     * @param updated target rows whose values were set to the source's
     * @param unchanged rows the target already held as the spec makes them
     * @param filtered rows a filter of the spec leaves out (their target row, if any, is deleted)
     * @param quarantined rows that cannot be carried (a rule or the target refused them)
     * @param deleted target rows deleted: their source row is gone, filtered out or quarantined
     * @param kept target rows without a source row that this migration never loaded, left in place
     */
    public ChangeCounts {
        checkArgument(read >= 0 && inserted >= 0 && updated >= 0 && unchanged >= 0 && filtered >= 0
                && quarantined >= 0 && deleted >= 0 && kept >= 0, "change counts must not be negative");
    }

    /**
     * No rows.
     *
     * @return counts that are all zero, the identity of {@link #plus}
     */
    public static ChangeCounts zero() {
        return new ChangeCounts(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Whether read = inserted + updated + unchanged + filtered + quarantined, as it must always be.
     *
     * @return {@code true} when every row read is accounted for
     */
    public boolean isBalanced() {
        return read == inserted + updated + unchanged + filtered + quarantined;
    }

    /**
     * Rows written: inserted, updated and deleted.
     *
     * @return the number of target rows written
     */
    public long changed() {
        return inserted + updated + deleted;
    }

    /**
     * The sum of two counts.
     *
     * @param other the counts to add; not null
     * @return new counts, each the sum of the two
     */
    public ChangeCounts plus(ChangeCounts other) {
        return new ChangeCounts(read + other.read, inserted + other.inserted, updated + other.updated,
                unchanged + other.unchanged, filtered + other.filtered, quarantined + other.quarantined,
                deleted + other.deleted, kept + other.kept);
    }

    /**
     * E.g.
     * {@code 412 read = 3 inserted + 2 updated + 405 unchanged + 1 filtered + 1 quarantined; 4 deleted, 0 kept}.
     *
     * @return the counts on one line, for logs
     */
    public String describe() {
        return String.format("%,d read = %,d inserted + %,d updated + %,d unchanged + %,d filtered + %,d quarantined; "
                + "%,d deleted, %,d kept", read, inserted, updated, unchanged, filtered, quarantined, deleted, kept);
    }
}
