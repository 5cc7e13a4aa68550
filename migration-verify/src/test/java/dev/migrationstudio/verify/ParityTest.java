package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The caller's queries are run as given on both sides and their results compared. */
class ParityTest {

    private static VerificationReport parity(TestDatabase source, TestDatabase target, ParityCheck... checks) {
        Verifier verifier = Verifier.between(source.dataSource(), target.dataSource())
                .spec(MappingSpec.builder("sales").table("sales", t -> t.key("id").field("country").field("amount"))
                        .build());
        for (ParityCheck check : checks) {
            verifier.parity(check);
        }
        return verifier.verify();
    }

    private static void sales(TestDatabase db, String amounts) {
        db.execute("CREATE TABLE sales (id INT PRIMARY KEY, country VARCHAR(10), amount NUMERIC(10,2))",
                "INSERT INTO sales VALUES " + amounts);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void equalResultsPassWhateverTheRowOrderAndScale(Engine engine) {
        try (TestDatabase source = engine.create("parity-source"); TestDatabase target = engine.create("parity-target")) {
            sales(source, "(1, 'FR', 10.50), (2, 'DE', 3.00), (3, 'FR', 1.25)");
            sales(target, "(3, 'FR', 1.25), (1, 'FR', 10.5), (2, 'DE', 3)");

            VerificationReport report = parity(source, target,
                    ParityCheck.of("by country", "SELECT country, SUM(amount) FROM sales GROUP BY country",
                            "SELECT country, SUM(amount) FROM sales GROUP BY country ORDER BY country DESC"),
                    ParityCheck.of("averages", "SELECT AVG(amount) FROM sales", "SELECT AVG(amount) FROM sales")
                            .tolerance(0.0001));

            assertThat(report.parity()).allMatch(ParityResult::passed);
            assertThat(report.parity("by country").orElseThrow().sourceRows()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void differencesShowTheFirstDifferingRows(Engine engine) {
        try (TestDatabase source = engine.create("parity-source"); TestDatabase target = engine.create("parity-target")) {
            sales(source, "(1, 'FR', 10.50), (2, 'DE', 3.00), (3, 'IT', 1.25)");
            sales(target, "(1, 'FR', 10.51), (2, 'DE', 3.00), (3, 'IT', 1.25)");

            VerificationReport report = parity(source, target,
                    ParityCheck.of("ordered", "SELECT id, amount FROM sales ORDER BY id",
                            "SELECT id, amount FROM sales ORDER BY id").ordered(),
                    ParityCheck.of("within a cent", "SELECT country, amount FROM sales",
                            "SELECT country, amount FROM sales").tolerance(0.01),
                    ParityCheck.of("wrong width", "SELECT id FROM sales", "SELECT id, amount FROM sales"),
                    ParityCheck.of("broken", "SELECT id FROM sales", "SELECT nothing FROM nowhere"));

            ParityResult ordered = report.parity("ordered").orElseThrow();
            assertThat(ordered.passed()).isFalse();
            assertThat(ordered.differingRows()).isEqualTo(1);
            assertThat(ordered.firstDifferences()).singleElement().satisfies(d -> {
                assertThat(d.position()).isEqualTo(1);
                assertThat(d.sourceRow().orElseThrow()).containsExactly(1, new BigDecimal("10.50"));
                assertThat(d.targetRow().orElseThrow()).containsExactly(1, new BigDecimal("10.51"));
            });
            assertThat(report.parity("within a cent").orElseThrow().passed()).isTrue();
            assertThat(report.parity("wrong width").orElseThrow().error()).hasValueSatisfying(
                    e -> assertThat(e).contains("1 columns").contains("2"));
            assertThat(report.parity("broken").orElseThrow().error()).hasValueSatisfying(
                    e -> assertThat(e).startsWith("the target query failed"));
            assertThat(report.failures()).filteredOn(f -> f.startsWith("parity")).hasSize(3);
        }
    }

    @org.junit.jupiter.api.Test
    void checksAreValidated() {
        assertThatThrownBy(() -> ParityCheck.of("x", "SELECT 1", "SELECT 1").tolerance(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance of parity check x");
        Verifier verifier = Verifier.between(new org.h2.jdbcx.JdbcDataSource(), new org.h2.jdbcx.JdbcDataSource())
                .parity("same", "SELECT 1", "SELECT 1");
        assertThatThrownBy(() -> verifier.parity("same", "SELECT 2", "SELECT 2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'same' is declared twice");
        assertThat(List.of(ParityCheck.of("a", "s", "t").ordered().inOrder())).containsExactly(true);
    }
}
