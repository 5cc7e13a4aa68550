package dev.migrationstudio.jdbc.internal;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Dates, times and bytes written as the text the bulk loaders read (PostgreSQL's COPY, MariaDB's
 * LOAD DATA), straight into the buffer: this runs for every value of every row, so it builds no
 * intermediate strings.
 */
final class TextValues {
    private TextValues() {
    }

    /** {@code YYYY-MM-DD}; beyond four-digit years, ISO-8601's own rendering (sign, more digits). */
    static void date(LocalDate date, StringBuilder out) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            out.append(date);
            return;
        }
        out.append(year).append('-');
        twoDigits(date.getMonthValue(), out);
        out.append('-');
        twoDigits(date.getDayOfMonth(), out);
    }

    /** {@code HH:MM:SS}, with the fraction of a second to the nanosecond when there is one. */
    static void time(LocalTime time, StringBuilder out) {
        twoDigits(time.getHour(), out);
        out.append(':');
        twoDigits(time.getMinute(), out);
        out.append(':');
        twoDigits(time.getSecond(), out);
        int nanos = time.getNano();
        if (nanos > 0) {
            out.append('.').append(Integer.toString(1_000_000_000 + nanos), 1, 10);
        }
    }

    /** Two hex digits a byte. */
    static void hex(byte[] bytes, StringBuilder out) {
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
    }

    /**
     * Escapes what the loaders' text format reads specially: the backslash, the field and line
     * terminators (tab, newline) and carriage return; for LOAD DATA also NUL and Ctrl-Z, which it reads
     * as {@code \0} and {@code \Z} (COPY would read {@code \Z} as a plain Z). Text without any of them
     * is appended as it is.
     */
    static void escape(String text, boolean loadData, StringBuilder out) {
        int length = text.length();
        int plain = 0;
        while (plain < length && !special(text.charAt(plain), loadData)) {
            plain++;
        }
        out.append(text, 0, plain);
        for (int i = plain; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\0': out.append(loadData ? "\\0" : "\0"); break;
                case '\u001a': out.append(loadData ? "\\Z" : "\u001a"); break;
                default: out.append(c);
            }
        }
    }

    private static boolean special(char c, boolean loadData) {
        return c == '\\' || c == '\n' || c == '\r' || c == '\t' || loadData && (c == '\0' || c == '\u001a');
    }

    private static void twoDigits(int value, StringBuilder out) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
