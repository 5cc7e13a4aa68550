package dev.migrationstudio.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.Domain;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainCheckTest {

    private static DomainCheck check(String... checks) {
        return DomainCheck.of(new Domain("d", List.of(checks)));
    }

    @Test
    void evaluatesRangesAsPostgresqlRendersThem() {
        DomainCheck year = check("CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))");

        assertThat(year.complete()).isTrue();
        assertThat(year.refusal(1901)).isEmpty();
        assertThat(year.refusal(2155L)).isEmpty();
        assertThat(year.refusal(null)).isEmpty();
        assertThat(year.refusal(1900)).hasValue("VALUE >= 1901");
        assertThat(year.refusal(new BigDecimal("2155.5"))).hasValue("VALUE <= 2155");
    }

    @Test
    void evaluatesBetweenAndInLists() {
        DomainCheck between = check("CHECK (VALUE BETWEEN 0 AND 10)");
        DomainCheck rating = check("CHECK ((VALUE = ANY (ARRAY['G'::text, 'PG'::text, 'R'::text])))");
        DomainCheck in = check("CHECK (VALUE IN ('a', 'it''s'))");

        assertThat(between.refusal(11)).isPresent();
        assertThat(between.refusal(0)).isEmpty();
        assertThat(rating.complete()).isTrue();
        assertThat(rating.refusal("PG")).isEmpty();
        assertThat(rating.refusal("X")).isPresent();
        assertThat(in.refusal("it's")).isEmpty();
        assertThat(in.refusal("b")).isPresent();
    }

    @Test
    void leavesWhatItCannotReadUnjudged() {
        DomainCheck mixed = check("CHECK (((VALUE > 0) AND (length(VALUE::text) < 5)))");
        DomainCheck either = check("CHECK (((VALUE < 0) OR (VALUE > 10)))");

        assertThat(mixed.complete()).isFalse();
        assertThat(mixed.refusal(-1)).hasValue("VALUE > 0");
        assertThat(mixed.refusal(123456)).isEmpty();
        assertThat(either.evaluable()).isFalse();
        assertThat(either.refusal(5)).isEmpty();
    }
}
