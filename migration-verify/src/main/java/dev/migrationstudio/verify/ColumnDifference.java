package dev.migrationstudio.verify;

import com.google.common.io.BaseEncoding;
import dev.migrationstudio.Names;
import java.util.Arrays;

/**
 * One column of a row that differs between what the mapping says the target should hold and what it
 * holds.
 *
 * @param column the target column
 * @param expected the value the source row maps to; {@code null} stands for SQL NULL
 * @param actual the value found in the target; {@code null} stands for SQL NULL
 */
public record ColumnDifference(String column, Object expected, Object actual) {

    /** Bytes shown on each side of the first differing byte. */
    private static final int CONTEXT = 8;

    private static final BaseEncoding HEX = BaseEncoding.base16();

    /**
     * Validates the column name.
     *
     * @param column the target column
     * @param expected the value the source row maps to; {@code null} stands for SQL NULL
     * @param actual the value found in the target; {@code null} stands for SQL NULL
     */
    public ColumnDifference {
        Names.requireName(column, "column");
    }

    /**
     * E.g. {@code total: expected 1.98, found 1.99}. Two binary values are shown where they first differ,
     * since a preview of their starts would show the same bytes: {@code data: expected 2000 bytes, found
     * 2000 bytes, differing from offset 1000: ...0A0B[C3]0D0E... vs ...0A0B[00]0D0E...}.
     *
     * @return the column, the expected and the found value, on one line
     */
    public String describe() {
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            return column + ": " + binaryDifference(e, a);
        }
        return column + ": expected " + CanonicalValues.display(expected) + ", found " + CanonicalValues.display(actual);
    }

    private static String binaryDifference(byte[] expected, byte[] actual) {
        int offset = Arrays.mismatch(expected, actual);
        String lengths = "expected " + expected.length + " bytes, found " + actual.length + " bytes";
        if (offset < 0) {
            return lengths + ", the same bytes";
        }
        return lengths + ", differing from offset " + offset + ": " + around(expected, offset) + " vs "
                + around(actual, offset);
    }

    /** The bytes around {@code offset} in hexadecimal, the one at the offset in brackets ({@code []} past the end). */
    private static String around(byte[] bytes, int offset) {
        int from = Math.max(0, offset - CONTEXT);
        int to = Math.min(bytes.length, offset + 1 + CONTEXT);
        StringBuilder text = new StringBuilder(from > 0 ? "..." : "");
        text.append(HEX.encode(bytes, from, Math.min(offset, bytes.length) - from)).append('[');
        if (offset < bytes.length) {
            text.append(HEX.encode(bytes, offset, 1)).append(']').append(HEX.encode(bytes, offset + 1, to - offset - 1));
        } else {
            text.append(']');
        }
        return text.append(to < bytes.length ? "..." : "").toString();
    }
}
