package dev.migrationstudio.verify;

import static dev.migrationstudio.mapping.Transforms.trim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A spec renamed after its load takes over the ledger with {@code renamedFrom}: the verifier, reading
 * the ledger under the new name, accounts for the rows the loader quarantined and passes; a rule whose
 * code threw is marked as such in its report.
 */
class RenamedSpecVerificationTest {

    /** Items to products; the code derive fails on items without a name (a bug, not bad data). */
    private static MappingSpec spec(String name) {
        return MappingSpec.builder(name)
                .table("item").to("product", t -> t
                        .key("id").to("product_id")
                        .field("name").to("title").transform(trim())
                        .derive("code", List.of("name"), row -> row.string("name").trim().toUpperCase(Locale.ROOT))
                        .field("price"))
                .build();
    }

    private static JdbcMigrator.Configuration migrator(TestDatabase source, TestDatabase target, MappingSpec spec) {
        return JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource()).spec(spec)
                .chunkSize(40).onBadRow(BadRows.quarantine()).logProgress(false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRenamedSpecsRunCopiesNothingAgainAndVerifies(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            source.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100), price NUMERIC(10,2))");
            StringBuilder insert = new StringBuilder("INSERT INTO item VALUES ");
            for (int i = 1; i <= 200; i++) {
                String name = i == 7 ? "NULL" : i % 50 == 0 ? "'an item whose name is far too long'" : "' item " + i + " '";
                insert.append(i == 1 ? "" : ", ").append("(").append(i).append(", ").append(name).append(", ")
                        .append(i).append(".25)");
            }
            source.execute(insert.toString());
            target.execute("CREATE TABLE product (product_id INTEGER PRIMARY KEY, title VARCHAR(20) NOT NULL,"
                    + " code VARCHAR(20) NOT NULL, price NUMERIC(12,2))");
            migrator(source, target, spec("items-v1")).load().migrate();

            MigrationResult renamed = migrator(source, target, spec("catalogue")).renamedFrom("items-v1").load().migrate();

            assertThat(renamed.table("item").orElseThrow().thisRun().read()).isZero();
            assertThat(renamed.table("item").orElseThrow().total().loaded()).isEqualTo(195);
            assertThat(renamed.table("item").orElseThrow().total().isBalanced()).isTrue();
            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(spec("catalogue"))
                    .rowCounts().checksums().verify();
            assertThat(report.passed()).as(report.summary()).isTrue();
            assertThat(report.toMarkdown()).contains("quarantined by the loader 4")
                    .contains("of migration 'catalogue': 5 quarantined rows recorded");
            assertThat(report.toJson()).containsPattern("id=7: code \\(derive code from name\\): NullPointerException.*"
                    + "\\[rule failed\\]");
        }
    }
}
