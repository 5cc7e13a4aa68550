package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.ColumnProfile;
import dev.migrationstudio.review.Loss;
import dev.migrationstudio.review.TableProfile;
import dev.migrationstudio.review.ValueExample;
import java.util.Locale;
import java.util.Optional;

/** Messages and fixes for the kinds of narrowing, with the measured numbers. */
final class Narrowing {
    private Narrowing() {
    }

    static String measured(FindingKind kind, Loss loss, long rows, SqlType to) {
        String share = Texts.count(loss.rows()) + " of " + Texts.count(rows) + " values";
        String worst = loss.worstExample().map(e -> "key " + e.key()).orElse("?");
        String worstValue = loss.worstExample().map(ValueExample::value).orElse("?");
        switch (kind) {
            case LENGTH_NARROWING:
                return String.format(Locale.ROOT, "%s exceed %s; the longest has %,d %s (%s)", share, to.render(),
                        loss.worst(), to.kind().isBinary() ? "bytes" : "characters", worst);
            case SCALE_NARROWING:
                return to.kind().isInteger()
                        ? String.format(Locale.ROOT, "%s have a fractional part that %s drops (e.g. %s, value %s)",
                                share, to.render(), worst, worstValue)
                        : String.format(Locale.ROOT, "%s have more decimal places than %s keeps; the most is %d "
                                + "(%s, value %s)", share, to.render(), loss.worst(), worst, worstValue);
            case INTEGER_RANGE:
                return String.format(Locale.ROOT, "%s are outside the range of %s (up to %,d); the widest has %d "
                                + "digits (%s, value %s)", share, to.render(), to.integerMax().getAsLong(),
                        loss.worst(), worst, worstValue);
            case PRECISION_NARROWING:
                if (to.kind() == SqlType.Kind.REAL || to.kind() == SqlType.Kind.DOUBLE) {
                    return String.format(Locale.ROOT, "%s cannot be held exactly by %s (binary floating point; "
                            + "e.g. %s, value %s)", share, to.render(), worst, worstValue);
                }
                if (to.kind().isTemporal()) {
                    return String.format(Locale.ROOT, "%s have fractional seconds beyond %s's %d digits; the finest "
                            + "has %d (%s, value %s)", share, to.render(), to.precision().orElse(0), loss.worst(),
                            worst, worstValue);
                }
                return String.format(Locale.ROOT, "%s have more integer digits than %s holds; the widest has %d "
                        + "(%s, value %s)", share, to.render(), loss.worst(), worst, worstValue);
            case TIMESTAMP_TO_DATE:
                return String.format(Locale.ROOT, "%s have a time of day that %s drops (e.g. %s, value %s)", share,
                        to.render(), worst, worstValue);
            case TIME_ZONE_LOSS:
                return to.kind() == SqlType.Kind.TIMESTAMP_WITH_TIME_ZONE
                        ? String.format(Locale.ROOT, "%s have no time zone, which %s needs (e.g. %s, value %s)",
                                share, to.render(), worst, worstValue)
                        : String.format(Locale.ROOT, "%s carry a time zone that %s drops (e.g. %s, value %s)",
                                share, to.render(), worst, worstValue);
            case ZERO_DATE:
                return String.format(Locale.ROOT, "%s are zero dates (a zero year, month or day), which %s has no "
                        + "value for (e.g. %s, value %s)", share, to.render(), worst, worstValue);
            case CHARACTER_SET:
                return String.format(Locale.ROOT, "%s have characters beyond the Basic Multilingual Plane (emoji, "
                        + "4 bytes in UTF-8) that the target's character set cannot store; the most in one value is "
                        + "%,d (%s)", share, loss.worst(), worst);
            default:
                return share + " do not fit " + to.render();
        }
    }

    /** How close today's values come to the limit, when the source column was measured. */
    static String headroom(FindingKind kind, FieldMapping field, TableProfile measurement) {
        if (measurement == null || field.source().isEmpty()) {
            return "";
        }
        Optional<ColumnProfile> column = measurement.column(field.source().get());
        if (column.isEmpty()) {
            return "";
        }
        ColumnProfile c = column.get();
        if (kind == FindingKind.LENGTH_NARROWING && c.maxLength().isPresent()) {
            return " (the longest has " + Texts.count(c.maxLength().getAsLong()) + ")";
        }
        if ((kind == FindingKind.PRECISION_NARROWING || kind == FindingKind.INTEGER_RANGE)
                && c.maxIntegerDigits().isPresent()) {
            return " (at most " + c.maxIntegerDigits().getAsInt() + " integer digits; values from " + c.min()
                    .map(v -> v.toPlainString()).orElse("?") + " to " + c.max().map(v -> v.toPlainString()).orElse("?")
                    + ")";
        }
        if (kind == FindingKind.SCALE_NARROWING && c.maxScale().isPresent()) {
            return " (at most " + c.maxScale().getAsInt() + " decimal places used)";
        }
        if (kind == FindingKind.TIMESTAMP_TO_DATE) {
            return " (" + Texts.count(c.withTimeOfDay()) + " with a time of day)";
        }
        return "";
    }

    static String fix(FindingKind kind, SqlType to, String targetColumn, Optional<Loss> loss) {
        long worst = loss.map(Loss::worst).orElse(0L);
        switch (kind) {
            case LENGTH_NARROWING:
                return loss.isPresent()
                        ? String.format(Locale.ROOT, "widen %s to %s(%d) or more, or add .transform(truncate(%d)) "
                                + "to cut values on purpose", targetColumn, to.kind(), worst,
                                to.length().orElse(1))
                        : "widen " + targetColumn + ", or add .transform(truncate(n)) to cut values on purpose";
            case SCALE_NARROWING:
                return String.format(Locale.ROOT, "widen the scale of %s%s, or add .transform(round(%d, "
                        + "RoundingMode.HALF_EVEN)) to round on purpose", targetColumn,
                        loss.isPresent() ? " to " + worst : "", to.scale().orElse(0));
            case INTEGER_RANGE:
                return "use BIGINT or DECIMAL for " + targetColumn;
            case PRECISION_NARROWING:
                if (to.kind() == SqlType.Kind.REAL || to.kind() == SqlType.Kind.DOUBLE) {
                    return "use a DECIMAL target for " + targetColumn + " to keep exact values";
                }
                if (to.kind().isTemporal()) {
                    return "widen the fractional-second precision of " + targetColumn
                            + ", or add .transform(truncateTo(ChronoUnit.MILLIS)) (or another unit) on purpose";
                }
                return String.format(Locale.ROOT, "widen %s to DECIMAL(%s,%d) or more", targetColumn,
                        loss.isPresent() ? String.valueOf(worst + to.scale().orElse(0)) : "p", to.scale().orElse(0));
            case TIMESTAMP_TO_DATE:
                return "keep a TIMESTAMP in " + targetColumn + ", or drop the time of day explicitly with a converter";
            case TIME_ZONE_LOSS:
                return to.kind() == SqlType.Kind.TIMESTAMP_WITH_TIME_ZONE
                        ? "say which zone the values are in: .transform(atZone(ZoneId.of(\"...\")))"
                        : "convert explicitly: .transform(toUtc()) stores the instants as UTC";
            case ZERO_DATE:
                return "say what a zero date becomes: .transform(zeroDatesAsNull()) loads NULL on purpose; "
                        + "without it those rows are quarantined";
            case CHARACTER_SET:
                return "store " + targetColumn + " in utf8mb4, or remove the characters with a converter on purpose";
            default:
                return "";
        }
    }
}
