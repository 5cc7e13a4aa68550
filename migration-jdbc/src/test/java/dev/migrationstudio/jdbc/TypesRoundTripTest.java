package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every common type arrives exactly, through batched inserts (H2), COPY (PostgreSQL) and LOAD DATA
 * (MariaDB, whose timestamp without a time zone is DATETIME).
 */
class TypesRoundTripTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void valuesOfEveryCommonTypeArriveExactly(Engine engine) {
        try (TestDatabase source = engine.create("types-src"); TestDatabase target = engine.create("types-tgt")) {
            String binary = FixtureSql.binaryType(engine, 16);
            String ddl = "CREATE TABLE t (id BIGINT PRIMARY KEY, small SMALLINT, amount NUMERIC(20,6), ratio DOUBLE PRECISION,"
                    + " ok BOOLEAN, on_day DATE, moment " + (engine == Engine.MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)")
                    + ", clock TIME, bytes " + binary + ", label VARCHAR(50))";
            source.execute(ddl);
            target.execute(ddl);
            String bytes = FixtureSql.bytes(engine, "00ff10");
            source.execute("INSERT INTO t VALUES (1, -32768, 123456789.000001, 1.5e-10, TRUE, DATE '0999-12-31',"
                            + " TIMESTAMP '2024-02-29 23:59:59.123456', TIME '00:00:01', " + bytes + ", 'tab\\there')",
                    "INSERT INTO t VALUES (2, 0, -0.000001, -2.25, FALSE, DATE '2024-01-01',"
                            + " TIMESTAMP '1970-01-01 00:00:00', TIME '23:59:59', NULL, '')",
                    "INSERT INTO t VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            MappingSpec spec = MappingSpec.builder("types").table("t", r -> r.key("id").field("small").field("amount")
                    .field("ratio").field("ok").field("on_day").field("moment").field("clock").field("bytes").field("label"))
                    .build();

            JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec)
                    .logProgress(false).load().migrate();

            String select = "SELECT id, small, amount, ratio, ok, on_day, moment, clock, bytes, label FROM t ORDER BY id";
            assertThat(target.query(select)).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(source.query(select));
        }
    }
}
