package dev.migrationstudio.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformsTest {

    private static Object apply(TransformRule.ValueRule rule, Object value) {
        return rule.apply(value, Row.of());
    }

    @Test
    void textConvertersPassNullThrough() {
        assertThat(apply(Transforms.trim(), null)).isNull();
        assertThat(apply(Transforms.lowerCase(), null)).isNull();
    }

    @Test
    void textConverters() {
        assertThat(apply(Transforms.trim(), "\u2003 Ada \t")).isEqualTo("Ada");
        assertThat(apply(Transforms.lowerCase(), "ÉMILE@EXAMPLE.COM")).isEqualTo("émile@example.com");
        assertThat(apply(Transforms.upperCase(), "istanbul")).isEqualTo("ISTANBUL");
        assertThat(apply(Transforms.nullIfBlank(), "   ")).isNull();
        assertThat(apply(Transforms.replaceAll("[^0-9+]", ""), "+1 (555) 010-0000")).isEqualTo("+15550100000");
        assertThat(apply(Transforms.truncate(3), "a🎵bcd")).isEqualTo("a🎵b");
    }

    @Test
    void textConvertersRejectOtherTypesByName() {
        assertThatThrownBy(() -> apply(Transforms.trim(), 12))
                .isInstanceOf(RejectedValueException.class)
                .hasMessage("trim applies to text, got Integer 12");
    }

    @Test
    void roundingIsExplicit() {
        assertThat(apply(Transforms.round(2, RoundingMode.HALF_EVEN), new BigDecimal("2.345")))
                .isEqualTo(new BigDecimal("2.34"));
        assertThat(apply(Transforms.round(1, RoundingMode.HALF_UP), 2.25)).isEqualTo(new BigDecimal("2.3"));
        assertThat(Transforms.round(2, RoundingMode.HALF_EVEN).describe()).isEqualTo("round to 2 places HALF_EVEN");
    }

    @Test
    void dictionaryLookupRejectsUnknownValues() {
        TransformRule.Convert countries = Transforms.map(Map.of("UK", "GB", "USA", "US"));

        assertThat(apply(countries, "UK")).isEqualTo("GB");
        assertThatThrownBy(() -> apply(countries, "Brasil"))
                .hasMessage("no mapping for 'Brasil' in the dictionary ['UK', 'USA']");
        assertThat(countries.describe()).isEqualTo("map {'UK'='GB', 'USA'='US'}");
    }

    @Test
    void timeZonesAreGivenAndRemovedExplicitly() {
        LocalDateTime local = LocalDateTime.of(2024, 7, 1, 12, 0);
        OffsetDateTime paris = (OffsetDateTime) apply(Transforms.atZone(ZoneId.of("Europe/Paris")), local);

        assertThat(paris.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(apply(Transforms.toUtc(), paris)).isEqualTo(LocalDateTime.of(2024, 7, 1, 10, 0));
        assertThat(apply(Transforms.truncateTo(ChronoUnit.MICROS), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_234_567)))
                .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_234_000));
    }

    @Test
    void customConvertersKeepTheirName() {
        TransformRule.Convert cents = Transforms.convert("euros to cents v1",
                v -> v == null ? null : ((BigDecimal) v).movePointRight(2).intValueExact());

        assertThat(apply(cents, new BigDecimal("1.25"))).isEqualTo(125);
        assertThat(cents.describe()).isEqualTo("euros to cents v1");
    }

    @Test
    void zeroDatesAreRejectedByACastAndBecomeNullOnlyByTheirRule() {
        ZeroDate zero = new ZeroDate("2020-00-15");

        assertThatThrownBy(() -> apply(Transforms.cast("DATE"), zero))
                .isInstanceOf(RejectedValueException.class).hasMessageContaining("2020-00-15")
                .hasMessageContaining("zeroDatesAsNull()");
        assertThat(apply(Transforms.cast("VARCHAR(10)"), zero)).isEqualTo("2020-00-15");
        assertThat(apply(Transforms.zeroDatesAsNull(), zero)).isNull();
        assertThat(apply(Transforms.zeroDatesAsNull(), java.time.LocalDate.of(2020, 1, 15)))
                .isEqualTo(java.time.LocalDate.of(2020, 1, 15));
        assertThat(ZeroDate.isZeroDate("0000-00-00 00:00:00")).isTrue();
        assertThat(ZeroDate.isZeroDate("2020-01-15")).isFalse();
        assertThatThrownBy(() -> new ZeroDate("2020-01-15")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSetBecomesTheListOfItsMembers() {
        assertThat(apply(Transforms.setToArray(), "red,blue")).isEqualTo(java.util.List.of("red", "blue"));
        assertThat(apply(Transforms.setToArray(), "")).isEqualTo(java.util.List.of());
        assertThat(apply(Transforms.setToArray(), null)).isNull();
    }
}
