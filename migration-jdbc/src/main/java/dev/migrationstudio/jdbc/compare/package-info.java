/**
 * The canonical comparison of rows that the migration engine's catch-up and the verifier share: one
 * encoding of values ({@link dev.migrationstudio.jdbc.compare.CanonicalEncoder}: decimals without
 * trailing zeros, timestamps in UTC, NULL distinct from empty, length-prefixed text), the 128-bit
 * hash of a row, the order-independent {@link dev.migrationstudio.jdbc.compare.Digest} of a multiset
 * of rows, and the Java order of keys ({@link dev.migrationstudio.jdbc.compare.Keys}). Two rows are
 * "the same" for a catch-up exactly when they are for the verifier.
 */
package dev.migrationstudio.jdbc.compare;
