package dev.migrationstudio.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.SpecialValue;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SourceCursorTest {

    private static TestDatabase items(Engine engine) {
        TestDatabase db = engine.create("cursor");
        db.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, price DECIMAL(8,2), sold DATE, label VARCHAR(20))",
                "INSERT INTO item VALUES (1, 1.50, DATE '2024-01-31', 'one'), (2, NULL, NULL, NULL),"
                        + " (3, 3.00, DATE '2024-03-01', 'three')");
        return db;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void streamsBoundQueriesAsTheModelsJavaTypes(Engine engine) throws SQLException {
        try (TestDatabase db = items(engine); Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<Object[]> read = new ArrayList<>();
            try (SourceCursor rows = SourceCursor.open(connection,
                    "SELECT id, price, sold, label FROM item WHERE id > ? ORDER BY id", List.of(0L), 2)) {
                assertThat(rows.columns()).map(String::toLowerCase).containsExactly("id", "price", "sold", "label");
                for (Object[] row = rows.next(); row != null; row = rows.next()) {
                    read.add(row);
                }
                assertThat(rows.rowsRead()).isEqualTo(3);
                assertThat(rows.next()).isNull();
            }
            assertThat(read.get(0)).containsExactly(1L, new BigDecimal("1.50"), LocalDate.of(2024, 1, 31), "one");
            assertThat(read.get(1)).containsExactly(2L, null, null, null);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void stopsAtMaxRowsEvenWithoutATransaction(Engine engine) throws SQLException {
        try (TestDatabase db = items(engine); Connection connection = db.dataSource().getConnection();
             SourceCursor rows = SourceCursor.open(connection, "SELECT id FROM item ORDER BY id", List.of(), 10, 2)) {
            assertThat(rows.next()).containsExactly(1L);
            assertThat(rows.next()).containsExactly(2L);
            assertThat(rows.next()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void knowsTheEngineAndRendersQuotedIdentifiers(Engine engine) throws SQLException {
        try (TestDatabase db = items(engine); Connection connection = db.dataSource().getConnection()) {
            SQLDialect dialect = Dialects.of(connection);

            assertThat(dialect).isEqualTo(engine == Engine.POSTGRES ? SQLDialect.POSTGRES
                    : engine == Engine.MARIADB ? SQLDialect.MARIADB : SQLDialect.H2);
            assertThat(Dialects.renderer(dialect).render(org.jooq.impl.DSL.selectOne()
                    .from(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("item")))))
                    .contains(engine == Engine.MARIADB ? "`item`" : "\"item\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusesANonPositiveFetchSize(Engine engine) throws SQLException {
        try (TestDatabase db = items(engine); Connection connection = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> SourceCursor.open(connection, "SELECT 1", List.of(), 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fetchSize must be positive");
        }
    }

    @org.junit.jupiter.api.Test
    void readsPostgresqlNanAndInfinitiesAsSpecialValuesNotAsNumbersOrFarDates() throws SQLException {
        try (TestDatabase db = Engine.POSTGRES.create("cursor"); Connection connection = db.dataSource().getConnection()) {
            db.execute("CREATE TABLE reading (id INT, amount NUMERIC, fixed NUMERIC(10,2), taken TIMESTAMP, day DATE,"
                            + " stamped TIMESTAMPTZ)",
                    "INSERT INTO reading VALUES (1, 'NaN', 'NaN', 'infinity', 'infinity', 'infinity'),"
                            + " (2, 'Infinity', 1.5, '-infinity', '-infinity', '-infinity'),"
                            + " (3, '-Infinity', NULL, '2024-01-31 13:45', '2024-01-31', NULL)");
            connection.setAutoCommit(false);
            List<Object[]> read = new ArrayList<>();
            try (SourceCursor rows = SourceCursor.open(connection,
                    "SELECT amount, fixed, taken, day, stamped FROM reading WHERE taken > ? ORDER BY id",
                    List.of(SpecialValue.NEGATIVE_INFINITY), 2)) {
                for (Object[] row = rows.next(); row != null; row = rows.next()) {
                    read.add(row);
                }
            }
            assertThat(read).hasSize(2);
            assertThat(read.get(0)).containsExactly(SpecialValue.NAN, SpecialValue.NAN, SpecialValue.POSITIVE_INFINITY,
                    SpecialValue.POSITIVE_INFINITY, SpecialValue.POSITIVE_INFINITY);
            assertThat(read.get(1)).containsExactly(SpecialValue.NEGATIVE_INFINITY, null,
                    java.time.LocalDateTime.of(2024, 1, 31, 13, 45), LocalDate.of(2024, 1, 31), null);
        }
    }
}
