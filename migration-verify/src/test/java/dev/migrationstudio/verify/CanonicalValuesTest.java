package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.SpecialValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalValuesTest {
    private final CanonicalValues canonical = CanonicalValues.standard();

    @Test
    void decimalsAreEqualWhateverTheirScaleOrJavaType() {
        assertThat(canonical.same(new BigDecimal("10.50"), new BigDecimal("10.5"))).isTrue();
        assertThat(canonical.same(new BigDecimal("7.000"), 7)).isTrue();
        assertThat(canonical.same(7L, 7)).isTrue();
        assertThat(canonical.same(new BigDecimal("0.00"), 0)).isTrue();
        assertThat(canonical.same(new BigDecimal("1E+2"), 100)).isTrue();
        assertThat(canonical.text(new BigDecimal("10.500"))).isEqualTo("10.5");
    }

    @Test
    void aCentIsADifference() {
        assertThat(canonical.same(new BigDecimal("1.98"), new BigDecimal("1.99"))).isFalse();
    }

    @Test
    void nullIsNotAnEmptyStringAndSpacesCount() {
        assertThat(canonical.same(null, "")).isFalse();
        assertThat(canonical.same("a", "a ")).isFalse();
        assertThat(canonical.same("Luís", "Luis")).isFalse();
        assertThat(canonical.text("")).isEqualTo("''");
        assertThat(canonical.text(null)).isEqualTo("NULL");
        assertThat(canonical.text("a ")).isEqualTo("'a '");
    }

    @Test
    void stringsAreLengthPrefixedSoCompositeKeysCannotCollide() {
        assertThat(canonical.encodeRow(List.of("ab", "c"))).isNotEqualTo(canonical.encodeRow(List.of("a", "bc")));
        assertThat(canonical.rowHash(List.of("ab", "c"))).isNotEqualTo(canonical.rowHash(List.of("a", "bc")));
        assertThat(canonical.encodeRow(Arrays.asList("", null))).isNotEqualTo(canonical.encodeRow(Arrays.asList(null, "")));
    }

    @Test
    void timestampsAreKeptToTheMicrosecondAndInstantsNormalisedToUtc() {
        LocalDateTime local = LocalDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_789);
        assertThat(canonical.same(local, local.withNano(123_456_000))).isTrue();
        assertThat(canonical.same(local, local.plusSeconds(1))).isFalse();
        assertThat(canonical.text(local)).isEqualTo("TIMESTAMP '2024-01-31T13:45:00.123456'");
        OffsetDateTime paris = OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.ofHours(1));
        assertThat(canonical.same(paris, paris.withOffsetSameInstant(ZoneOffset.UTC))).isTrue();
        assertThat(canonical.same(paris, paris.withOffsetSameLocal(ZoneOffset.UTC))).isFalse();
        assertThat(canonical.same(paris.toLocalDateTime(), paris)).as("a lost time zone is a difference").isFalse();
        assertThat(canonical.text(paris)).isEqualTo("TIMESTAMP WITH TIME ZONE '2024-01-31T09:00Z'");
    }

    @Test
    void datesBooleansBinaryAndUuidsHaveTheirOwnTags() {
        assertThat(canonical.same(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 1, 31))).isTrue();
        assertThat(canonical.same(LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 0, 0))).isFalse();
        assertThat(canonical.same(true, 1)).isFalse();
        assertThat(canonical.same(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(canonical.same(new byte[] {1, 2}, "\u0001\u0002")).isFalse();
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(canonical.same(id, UUID.fromString(id.toString()))).isTrue();
        assertThat(canonical.same(id, id.toString())).isFalse();
    }

    @Test
    void floatsAreRoundedToTheDigitsKeptAndWidenedExactly() {
        assertThat(canonical.same(0.1 + 0.2, 0.3)).isTrue();
        assertThat(canonical.same(1.1f, (double) 1.1f)).isTrue();
        assertThat(canonical.same(2.5, new BigDecimal("2.5"))).isTrue();
        assertThat(canonical.same(1.0, 1.0001)).isFalse();
        assertThat(CanonicalValues.withFloatDigits(17).same(0.1 + 0.2, 0.3)).isFalse();
        assertThat(canonical.same(Double.NaN, Double.NaN)).isTrue();
        assertThat(canonical.same(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
        assertThatThrownBy(() -> CanonicalValues.withFloatDigits(18)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEncodingIsDocumentedBytes() {
        assertThat(canonical.encode(null)).containsExactly('N');
        assertThat(canonical.encode("é")).containsExactly('S', 0, 0, 0, 2, 0xC3 - 256, 0xA9 - 256);
        assertThat(canonical.encode(new BigDecimal("1.50"))).containsExactly('D', 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 15);
        assertThat(canonical.encode(100)).containsExactly('D', -1, -1, -1, -2, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(canonical.encode(true)).containsExactly('B', 1);
    }

    @Test
    void nanAndInfinitiesAreNeverAFiniteValueNorNullNorEachOther() {
        List<Object> specials = List.of(SpecialValue.NAN, SpecialValue.POSITIVE_INFINITY, SpecialValue.NEGATIVE_INFINITY);
        List<Object> finite = Arrays.asList(null, 0, BigDecimal.ZERO, new BigDecimal("1E+9999"), "NaN", "Infinity",
                LocalDateTime.MAX, LocalDateTime.MIN, LocalDate.MAX, LocalDate.MIN, OffsetDateTime.MAX, Double.MAX_VALUE);
        for (Object special : specials) {
            for (Object value : finite) {
                assertThat(canonical.same(special, value)).as("%s vs %s", special, value).isFalse();
            }
            for (Object other : specials) {
                assertThat(canonical.same(special, other)).isEqualTo(special == other);
            }
        }
        // A numeric NaN mapped to a floating-point column is the same value.
        assertThat(canonical.same(SpecialValue.NAN, Double.NaN)).isTrue();
        assertThat(canonical.same(SpecialValue.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY)).isTrue();
        assertThat(canonical.text(SpecialValue.POSITIVE_INFINITY)).isEqualTo("'Infinity'");
    }
}
