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

    private static void twoDigits(int value, StringBuilder out) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
