package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerifierTest {
    private static final MappingSpec SPEC = MappingSpec.builder("s")
            .table("a", t -> t.key("id")).table("b").to("bee", t -> t.key("id")).build();

    @Test
    void mistakesAreReportedBeforeAnythingRuns() {
        JdbcDataSource ds = new JdbcDataSource();
        assertThatThrownBy(() -> Verifier.between(ds, ds).verify()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no mapping spec");
        assertThatThrownBy(() -> Verifier.between(ds, ds).spec(SPEC).tables("c").verify())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table 'c' is not mapped by spec 's'")
                .hasMessageContaining("b -> bee");
        assertThatThrownBy(() -> Verifier.between(ds, ds).chunkSize(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk size must be at least 2, got 1");
        assertThatThrownBy(() -> Verifier.between(ds, ds).floatTolerance(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float tolerance");
        assertThatThrownBy(() -> Verifier.between(null, ds)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("source data source");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMissingTableOrColumnFailsThatTableAndTheOthersStillRun(Engine engine) {
        try (TestDatabase source = engine.create("v-source"); TestDatabase target = engine.create("v-target")) {
            source.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)",
                    "INSERT INTO a VALUES (1)", "INSERT INTO b VALUES (1)");
            target.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE bee (other INT)",
                    "INSERT INTO a VALUES (1)");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC).verify();

            assertThat(report.table("a").orElseThrow().passed()).isTrue();
            assertThat(report.table("bee").orElseThrow().errors()).singleElement().asString()
                    .contains("has no column 'id'").contains("other");
            assertThat(report.passed()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void tablesCanBeSelectedAndNamesMatchIgnoringCase(Engine engine) {
        try (TestDatabase source = engine.create("v-source"); TestDatabase target = engine.create("v-target")) {
            source.execute("CREATE TABLE a (id INT PRIMARY KEY)", "INSERT INTO a VALUES (1), (2)");
            target.execute("CREATE TABLE \"A\" (\"ID\" INT PRIMARY KEY)", "INSERT INTO \"A\" VALUES (1), (2)");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .tables("a").verify();

            assertThat(report.tables()).singleElement().satisfies(t -> assertThat(t.passed()).isTrue());
            assertThat(report.passed()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void progressReachesTheListener(Engine engine) {
        try (TestDatabase source = engine.create("v-source"); TestDatabase target = engine.create("v-target")) {
            for (TestDatabase db : java.util.List.of(source, target)) {
                db.execute("CREATE TABLE a (id INT PRIMARY KEY)", "CREATE TABLE b (id INT PRIMARY KEY)",
                        "INSERT INTO a VALUES (1), (2)", "INSERT INTO b VALUES (1)");
            }
            target.execute("CREATE TABLE bee (id INT PRIMARY KEY)", "INSERT INTO bee VALUES (1)");
            java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

            Verifier.between(source.dataSource(), target.dataSource()).spec(SPEC)
                    .listener(new VerificationListener() {
                        @Override
                        public void tableStarted(dev.migrationstudio.inventory.TableId table) {
                            events.add("started " + table);
                        }

                        @Override
                        public void progress(dev.migrationstudio.inventory.TableId table, String phase, long done,
                                             long total) {
                            events.add(table + " " + phase + " " + done + "/" + total);
                        }

                        @Override
                        public void tableFinished(TableVerification result) {
                            events.add("finished " + result.target() + " " + result.passed());
                        }
                    })
                    .verify();

            assertThat(events).containsSubsequence("started a", "a checksums 2/2", "finished a true",
                    "started bee", "bee checksums 2/2", "finished bee true");
        }
    }
}
