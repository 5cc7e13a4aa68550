package dev.migrationstudio.format;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one way every document and message of the library writes times, durations, counts and
 * plurals, so that a reader sees the same value written the same way everywhere.
 */
public final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /**
     * An instant in UTC to the millisecond, e.g. {@code 2026-11-30T08:00:00.123Z}.
     *
     * @param instant the instant; not null
     * @return the ISO-8601 text
     */
    public static String time(Instant instant) {
        return TIME.format(checkNotNull(instant, "instant"));
    }

    /**
     * A duration as people say it: {@code 120 ms}, {@code 4.5 s}, {@code 2 min}, {@code 1 h 5 min}.
     *
     * @param duration the duration; not null
     * @return the text: milliseconds under a second, tenths of seconds under a minute, then hours, minutes and
     *     (under an hour) seconds
     */
    public static String duration(Duration duration) {
        checkNotNull(duration, "duration");
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(" h ");
        }
        if (minutes > 0) {
            text.append(minutes).append(" min ");
        }
        if (rest > 0 && hours == 0) {
            text.append(rest).append(" s");
        }
        return text.toString().trim();
    }

    /**
     * A count with thousands separators, e.g. {@code 15,607}.
     *
     * @param value the count
     * @return the text, with commas every three digits
     */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * A byte count as people say it: {@code 512 B}, {@code 1.5 MiB}.
     *
     * @param bytes the count of bytes
     * @return the text, in binary units (KiB, MiB, GiB...) from 1,024 bytes on
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * A count and a noun that agrees with it: {@code 1 gate}, {@code 2 gates}, {@code 0 gates}.
     * The plural adds an {@code s}; use {@link #plural(long, String, String)} for other nouns.
     *
     * @param count the count
     * @param singular the noun for one, e.g. {@code "gate"}; not null
     * @return the count and the noun
     */
    public static String plural(long count, String singular) {
        return plural(count, singular, singular + "s");
    }

    /**
     * A count and a noun that agrees with it: {@code 1 entry}, {@code 3 entries}.
     *
     * @param count the count
     * @param singular the noun for one; not null
     * @param plural the noun for any other count; not null
     * @return the count and the noun
     */
    public static String plural(long count, String singular, String plural) {
        checkNotNull(singular, "singular");
        checkNotNull(plural, "plural");
        return count(count) + " " + (count == 1 ? singular : plural);
    }
}
