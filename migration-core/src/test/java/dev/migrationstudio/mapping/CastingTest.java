package dev.migrationstudio.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.inventory.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Casts carry values exactly or reject them with a reason; they never lose information silently. */
class CastingTest {

    private static Object cast(Object value, String type) {
        return Transforms.cast(type).apply(value, Row.of());
    }

    private static String rejection(Object value, String type) {
        try {
            cast(value, type);
        } catch (RejectedValueException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected " + value + " to be rejected by " + type);
    }

    @Test
    void nullStaysNull() {
        assertThat(cast(null, "INTEGER")).isNull();
    }

    @Test
    void convertsExactly() {
        assertThat(cast(" 42 ", "INTEGER")).isEqualTo(42);
        assertThat(cast(new BigDecimal("42.000"), "BIGINT")).isEqualTo(42L);
        assertThat(cast(12, "DECIMAL(12,2)")).isEqualTo(new BigDecimal("12.00"));
        assertThat(cast("1.5", "DECIMAL(12,2)")).isEqualTo(new BigDecimal("1.50"));
        assertThat(cast(new BigDecimal("12.30"), "VARCHAR(10)")).isEqualTo("12.30");
        assertThat(cast("yes", "BOOLEAN")).isEqualTo(true);
        assertThat(cast(LocalDateTime.of(2024, 1, 31, 0, 0), "DATE")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(cast("2024-01-31 13:45:00", "TIMESTAMP")).isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 45));
        assertThat(cast(LocalDate.of(2024, 1, 31), "TIMESTAMP")).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 0));
        assertThat(cast("2024-01-31T13:45:00+01:00", "TIMESTAMPTZ"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 0, ZoneOffset.ofHours(1)));
        assertThat(cast("6f1c1a7e-3b5c-4c7a-9d38-2b7f6f1c1a7e", "UUID"))
                .isEqualTo(UUID.fromString("6f1c1a7e-3b5c-4c7a-9d38-2b7f6f1c1a7e"));
        assertThat(cast("Luís 🎵", "VARCHAR(6)")).isEqualTo("Luís 🎵");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|INTEGER|cannot cast 'abc' to INTEGER: it is not a number",
            "1.5|INTEGER|cannot cast '1.5' to INTEGER: it has a fractional part; round it explicitly first",
            "40000|SMALLINT|cannot cast '40000' to SMALLINT: out of range (SMALLINT holds up to 32767)",
            "1.234|DECIMAL(10,2)|cannot cast '1.234' to DECIMAL(10,2): it has 3 decimal places and the target keeps 2; round it explicitly first",
            "123456789.5|DECIMAL(10,2)|cannot cast '123456789.5' to DECIMAL(10,2): it has 9 integer digits and DECIMAL(10,2) holds 8",
            "maybe|BOOLEAN|cannot cast 'maybe' to BOOLEAN: only true/false, yes/no, 1/0 convert to BOOLEAN",
            "not-a-date|DATE|cannot cast 'not-a-date' to DATE: it is not an ISO date or timestamp such as 2024-01-31 13:45:00",
            "2024-01-31 10:15|DATE|cannot cast '2024-01-31 10:15' to DATE: it has a time of day (10:15) that DATE would lose; truncate it explicitly first",
            "abcdef|VARCHAR(5)|value too long for VARCHAR(5): 6 characters, 'abcdef'; the target holds 5"
    })
    void rejectsWhatWouldLoseInformation(String value, String type, String message) {
        assertThat(rejection(value, type)).isEqualTo(message);
    }

    @Test
    void refusesToDropOrInventATimeZone() {
        assertThat(rejection(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), "TIMESTAMP"))
                .contains("its time zone would be lost; convert it explicitly (Transforms.toUtc())");
        assertThat(rejection(LocalDateTime.of(2024, 1, 1, 0, 0), "TIMESTAMP WITH TIME ZONE"))
                .contains("it has no time zone; say which with Transforms.atZone(zone) first");
    }

    @Test
    void refusesFractionalSecondsBeyondTheTargetPrecision() {
        assertThat(rejection(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_500_000), "TIMESTAMP(3)"))
                .contains("its fractional seconds go beyond 3 digits");
        assertThat(cast(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_000_000), "TIMESTAMP(3)"))
                .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_000_000));
    }

    @Test
    void refusesNonFiniteNumbersAndBinaryAsText() {
        assertThat(rejection(Double.NaN, "DOUBLE PRECISION")).contains("it is not a finite number");
        assertThat(rejection(new byte[] {1, 2}, "TEXT")).contains("binary data does not convert to text implicitly");
        assertThatThrownBy(() -> cast(new byte[] {1, 2, 3}, "VARBINARY(2)"))
                .hasMessage("value too long for VARBINARY(2): 3 bytes; the target holds 2");
    }

    @Test
    void describesItselfExactly() {
        assertThat(Transforms.cast(SqlType.decimal(12, 2)).describe()).isEqualTo("cast to DECIMAL(12,2)");
    }

    @Test
    void nanAndInfinitiesStayWhereTheTypeHoldsThemAndAreRejectedWhereItCannot() {
        assertThat(cast(SpecialValue.NAN, "NUMERIC")).isEqualTo(SpecialValue.NAN);
        assertThat(cast(SpecialValue.POSITIVE_INFINITY, "TIMESTAMP")).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(cast(SpecialValue.NEGATIVE_INFINITY, "DATE")).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        assertThat((Double) cast(SpecialValue.NAN, "DOUBLE PRECISION")).isNaN();
        assertThat(cast(SpecialValue.NEGATIVE_INFINITY, "DOUBLE PRECISION")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(cast(SpecialValue.POSITIVE_INFINITY, "VARCHAR(10)")).isEqualTo("Infinity");
        assertThat(rejection(SpecialValue.NAN, "DECIMAL(10,2)")).contains("NaN").contains("not a finite number");
        assertThat(rejection(SpecialValue.POSITIVE_INFINITY, "DECIMAL(10,2)")).contains("Infinity");
        assertThat(rejection(SpecialValue.NAN, "INTEGER")).contains("not a finite number");
        assertThat(rejection(SpecialValue.NAN, "TIMESTAMP")).contains("not a point in time");
    }

    @Test
    void specialValuesParseAsPostgresqlReadsThem() {
        assertThat(SpecialValue.parse("NaN")).isEqualTo(SpecialValue.NAN);
        assertThat(SpecialValue.parse("infinity")).isEqualTo(SpecialValue.POSITIVE_INFINITY);
        assertThat(SpecialValue.parse("-Infinity")).isEqualTo(SpecialValue.NEGATIVE_INFINITY);
        assertThat(SpecialValue.parse("12.5")).isNull();
        assertThat(SpecialValue.parse(null)).isNull();
    }
}
