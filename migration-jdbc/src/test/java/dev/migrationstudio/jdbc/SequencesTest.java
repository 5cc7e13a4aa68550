package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.cutover.Cutover;
import dev.migrationstudio.cutover.CutoverResult;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A load that copies keys leaves identity sequences behind; the cutover step moves them past the data. */
class SequencesTest {
    private static final MappingSpec ACCOUNTS = MappingSpec.builder("accounts")
            .table("account", t -> t.key("id").field("name"))
            .build();

    private static void accounts(TestDatabase source, TestDatabase target, String targetKey) {
        source.execute("CREATE TABLE account (id INT PRIMARY KEY, name VARCHAR(20))");
        StringJoiner values = new StringJoiner(", ", "INSERT INTO account VALUES ", "");
        for (int id = 1; id <= 50; id++) {
            values.add("(" + id + ", 'account " + id + "')");
        }
        source.execute(values.toString());
        target.execute("CREATE TABLE account (id " + targetKey + " PRIMARY KEY, name VARCHAR(20))");
        JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(ACCOUNTS)
                .logProgress(false).load().migrate();
    }

    private static List<String> advance(TestDatabase target, String... tables) {
        CutoverResult result = Cutover.withoutRollback(Runbook.named("after the load")
                .step("advance sequences").owner("dba").run(CutoverSteps.advanceSequences(target.dataSource(), tables))
                .build()).execute();
        assertThat(result.outcome()).isEqualTo(CutoverResult.Outcome.COMPLETED);
        return result.entries().get(0).evidence();
    }

    private static void assertNextInsertGets(TestDatabase target, long id) {
        target.execute("INSERT INTO account (name) VALUES ('opened after cutover')");
        assertThat(((Number) target.queryValue("SELECT MAX(id) FROM account")).longValue()).isEqualTo(id);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdentityColumnMovesPastTheLoadedKeysOnce(Engine engine) {
        try (TestDatabase source = engine.create("seq-src"); TestDatabase target = engine.create("seq-tgt")) {
            accounts(source, target, FixtureSql.identity(engine));
            if (engine == Engine.MARIADB) {
                // MariaDB moves an AUTO_INCREMENT past every key written: the step finds nothing to do.
                assertThat(advance(target, "account")).containsExactly("no sequence needed to move");
                assertNextInsertGets(target, 51);
                target.execute("DELETE FROM account WHERE id = 51");
                assertThat(advance(target, "account")).containsExactly("no sequence needed to move");
                assertNextInsertGets(target, 52);
                return;
            }
            assertThatThrownBy(() -> target.execute("INSERT INTO account (name) VALUES ('collides')"))
                    .hasMessageContaining("account");

            assertThat(advance(target, "account")).containsExactly("sequences moved: public.account.id continues after 50");
            assertNextInsertGets(target, 51);
            assertThat(advance(target, "account")).containsExactly("no sequence needed to move");
            assertNextInsertGets(target, 52);
        }
    }

    @Test
    void aPostgresSerialColumnMovesToo() {
        try (TestDatabase source = Engine.H2.create("seq-src"); TestDatabase target = Engine.POSTGRES.create("seq-tgt")) {
            accounts(source, target, "SERIAL");

            assertThat(advance(target, "account")).containsExactly("sequences moved: public.account.id continues after 50");
            assertNextInsertGets(target, 51);
        }
    }

    @Test
    void aPostgresIdentityColumnLoadedFromMariaDbMovesToo() {
        try (TestDatabase source = Engine.MARIADB.create("seq-src"); TestDatabase target = Engine.POSTGRES.create("seq-tgt")) {
            accounts(source, target, FixtureSql.identity(Engine.POSTGRES));

            assertThat(advance(target, "account")).containsExactly("sequences moved: public.account.id continues after 50");
            assertNextInsertGets(target, 51);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anEmptyTableOrOneWithoutSequencesIsLeftAsItIs(Engine engine) {
        try (TestDatabase target = engine.create("seq-tgt")) {
            target.execute("CREATE TABLE account (id " + FixtureSql.identity(engine) + " PRIMARY KEY, name VARCHAR(20))",
                    "CREATE TABLE plain (id INT PRIMARY KEY)", "INSERT INTO plain VALUES (7)");

            assertThat(advance(target, "account", "plain")).containsExactly("no sequence needed to move");
            assertNextInsertGets(target, 1);
        }
    }
}
