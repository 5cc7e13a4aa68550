package dev.migrationstudio.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.RowLayout;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyWriterTest {

    private static String encoded(Object... values) throws SQLException {
        StringBuilder out = new StringBuilder();
        String[] columns = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            columns[i] = "c" + i;
        }
        CopyWriter.encode(RowLayout.of(List.of(columns)).adopt(values), out);
        return out.toString();
    }

    @Test
    void writesDecimalsInPlainDigitsWhateverTheirScale() throws SQLException {
        assertThat(encoded(new BigDecimal("12.50"), new BigDecimal("0.00"), new BigDecimal("-0.000001"),
                new BigDecimal("0.0000001"), new BigDecimal("1E+3"), new BigDecimal("123456789012345678901234.5"),
                new BigDecimal("-7")))
                .isEqualTo("12.50\t0.00\t-0.000001\t0.0000001\t1000\t123456789012345678901234.5\t-7\n");
    }
}
