package dev.migrationstudio.verify;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How a table's checksums compared. A digest is the row count and the sum of the 128-bit row hashes
 * (of the canonical encoding, see {@link CanonicalValues}); a sum rather than an XOR, so that a
 * duplicated row changes it.
 *
 * @param sourceDigest the digest of the source rows projected through the mapping (loaded rows only)
 * @param targetDigest the digest of the target rows
 * @param chunks key-range chunks (hash buckets for tables without a key) the table was split into
 * @param chunksDiffering chunks whose digests differed
 * @param rangesBisected key ranges re-read and split to localise differences
 * @param rowsComparedIndividually rows compared value by value in the smallest ranges
 * @param pushdown whether digests were computed inside the databases
 * @param method how rows were compared, e.g. {@code key ranges} or {@code multiset (no key)}
 */
public record ChecksumSummary(String sourceDigest, String targetDigest, int chunks, int chunksDiffering,
                              int rangesBisected, long rowsComparedIndividually, boolean pushdown, String method) {

    /**
     * Validates the parts.
     *
     * @param sourceDigest the digest of the source rows projected through the mapping (loaded rows only)
     * @param targetDigest the digest of the target rows
     * @param chunks key-range chunks (hash buckets for tables without a key) the table was split into
     * @param chunksDiffering chunks whose digests differed
     * @param rangesBisected key ranges re-read and split to localise differences
     * @param rowsComparedIndividually rows compared value by value in the smallest ranges
     * @param pushdown whether digests were computed inside the databases
     * @param method how rows were compared, e.g. {@code key ranges} or {@code multiset (no key)}
     */
    public ChecksumSummary {
        checkNotNull(sourceDigest, "sourceDigest");
        checkNotNull(targetDigest, "targetDigest");
        checkNotNull(method, "method");
    }

    /**
     * Whether the whole-table digests are equal.
     *
     * @return {@code true} when both sides hold the same rows, as far as the digests tell
     */
    public boolean matches() {
        return sourceDigest.equals(targetDigest);
    }
}
