package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repair of more keys than one statement can bind (PostgreSQL and MariaDB take at most 65,535
 * parameters): here 40,000 rows of a two-column key, 80,000 key values. Not on H2, which has no such
 * limit, and which reads a list of row values by scanning the table once per statement (40,000 keys
 * take minutes there).
 */
class LargeRepairTest {
    private static final int ROWS = 40_000;

    private static final MappingSpec SPEC = MappingSpec.builder("pairs")
            .table("pair").to("pair", t -> t.key("a").key("b").field("name"))
            .build();

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRES", "MARIADB"})
    void aRepairOfMoreKeysThanAStatementBindsRepairsEveryRow(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            String table = "CREATE TABLE pair (a INTEGER NOT NULL, b INTEGER NOT NULL, name VARCHAR(20),"
                    + " PRIMARY KEY (a, b))";
            source.execute(table, "INSERT INTO pair (a, b, name) SELECT x, x % 7, 'row' FROM "
                    + FixtureSql.series(engine, ROWS));
            target.execute(table);
            JdbcMigrator migrator = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(SPEC).logProgress(false).load();
            migrator.migrate();
            target.execute("UPDATE pair SET name = 'changed'");

            List<RepairPlan.Row> rows = new ArrayList<>();
            for (int x = 1; x <= ROWS; x++) {
                Map<String, Object> key = new LinkedHashMap<>();
                key.put("a", x);
                key.put("b", x % 7);
                rows.add(new RepairPlan.Row(RepairPlan.Change.UPDATE, key, Map.of("name", "row")));
            }
            RepairPlan plan = new RepairPlan(SPEC.name(),
                    List.of(new RepairPlan.Table(TableId.of("pair"), TableId.of("pair"), rows)), List.of());

            CatchUpResult result = migrator.repair(plan);

            assertThat(result.total().changed()).as(result.summary()).isEqualTo(ROWS);
            assertThat(((Number) target.queryValue("SELECT COUNT(*) FROM pair WHERE name = 'row'")).longValue())
                    .isEqualTo(ROWS);
            assertThat(migrator.repair(plan).total().changed()).as("applied again, it changes nothing").isZero();
        }
    }
}
