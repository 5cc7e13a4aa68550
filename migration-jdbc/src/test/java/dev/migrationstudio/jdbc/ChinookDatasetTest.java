package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Chinook sample loads identically on every engine. */
class ChinookDatasetTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void loadsEveryRowOnEveryEngine(Engine engine) {
        try (TestDatabase db = engine.create("chinook")) {
            ChinookDataset.load(db.dataSource());

            ChinookDataset.ROW_COUNTS.forEach((table, rows) ->
                    assertThat(((Number) db.queryValue("SELECT COUNT(*) FROM " + table)).longValue())
                            .as(table).isEqualTo(rows));
            assertThat(db.queryValue("SELECT name FROM artist WHERE artist_id = 1")).isEqualTo("AC/DC");
            assertThat((BigDecimal) db.queryValue("SELECT SUM(total) FROM invoice")).isEqualByComparingTo("2328.60");
            Object hired = db.queryValue("SELECT hire_date FROM employee WHERE employee_id = 1");
            assertThat(hired.toString()).startsWith("2002-08-14");
            assertThat(db.queryValue("SELECT name FROM track WHERE track_id = 3435"))
                    .isEqualTo("Cavalleria Rusticana \\ Act \\ Intermezzo Sinfonico");
        }
    }

    @Test
    void publishesElevenTablesAndTheirCounts() {
        assertThat(ChinookDataset.ROW_COUNTS).hasSize(11);
        assertThat(ChinookDataset.ROW_COUNTS.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(15_607);
    }
}
