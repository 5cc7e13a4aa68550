package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves the wiring: each engine starts, and jOOQ creates, writes and reads through a DataSource. */
class JdbcWiringTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void roundTripsRowsThroughJooqWithQuotedNames(Engine engine) throws Exception {
        try (TestDatabase db = engine.create("wiring"); Connection connection = db.dataSource().getConnection()) {
            DSLContext sql = DSL.using(connection);
            var table = table(name("Order Lines"));
            var id = field(name("id"), SQLDataType.INTEGER);
            var text = field(name("select"), SQLDataType.VARCHAR(40));
            var amount = field(name("Amount"), SQLDataType.DECIMAL(10, 2));
            sql.createTable(table).column(id).column(text).column(amount).execute();

            sql.insertInto(table, id, text, amount).values(1, "it's \"quoted\" ✓", new BigDecimal("12.30")).execute();
            Result<Record> rows = sql.select().from(table).fetch();

            assertThat(connection.getMetaData().getDatabaseProductName())
                    .isEqualTo(engine == Engine.H2 ? "H2" : engine == Engine.POSTGRES ? "PostgreSQL" : "MariaDB");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(text)).isEqualTo("it's \"quoted\" ✓");
            assertThat(rows.get(0).get(amount)).isEqualByComparingTo("12.30");
        }
    }
}
