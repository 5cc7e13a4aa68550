package dev.migrationstudio.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void holdsNullsAndKeepsColumnOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("b", null);
        values.put("a", 1);

        Row row = Row.of(values);

        assertThat(row.columns()).containsExactly("b", "a");
        assertThat(row.isNull("b")).isTrue();
        assertThat(row.asMap()).containsEntry("b", null);
        assertThat(row).isEqualTo(Row.of("b", null, "a", 1));
    }

    @Test
    void typedGettersConvertExactNumbersAndNameTheColumnOtherwise() {
        Row row = Row.of("n", 5L, "d", 2.5, "s", "x", "big", 5_000_000_000L);

        assertThat(row.integer("n")).isEqualTo(5);
        assertThat(row.decimal("d")).isEqualTo(new BigDecimal("2.5"));
        assertThatThrownBy(() -> row.integer("s")).hasMessage("column 's' holds String x, not a number");
        assertThatThrownBy(() -> row.integer("big")).hasMessage("column 'big' holds Long 5000000000, not an Integer");
        assertThatThrownBy(() -> row.string("n")).hasMessage("column 'n' holds Long 5, not a String");
        assertThatThrownBy(() -> row.get("missing")).hasMessage("row has no column 'missing'; its columns are [n, d, s, big]");
    }

    @Test
    void isImmutable() {
        Object[] values = {1, "a"};
        Row row = RowLayout.of("id", "name").row(values);
        values[0] = 2;

        assertThat(row.get("id")).isEqualTo(1);
        assertThatThrownBy(() -> row.asMap().put("id", 3)).isInstanceOf(UnsupportedOperationException.class);
        row.values()[0] = 4;
        assertThat(row.get("id")).isEqualTo(1);
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> Row.of("a")).hasMessageContaining("name/value pairs");
        assertThatThrownBy(() -> RowLayout.of("a", "a")).hasMessageContaining("column 'a' appears twice");
        assertThatThrownBy(() -> RowLayout.of("a").row(1, 2)).hasMessageContaining("has 1 columns but 2 values");
    }
}
