package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Row accounting, multisets, sampling, integrity and float tolerance, on every engine. */
class VerificationBehaviourTest {

    private static MappingSpec peopleSpec() {
        return MappingSpec.builder("people")
                .table("people", t -> t.key("id").field("name").cast("VARCHAR(5)").field("status")
                        .filter("test accounts excluded", List.of("status"), r -> !"test".equals(r.string("status"))))
                .build();
    }

    private static void people(TestDatabase source, TestDatabase target) {
        source.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(50), status VARCHAR(10))",
                "INSERT INTO people VALUES (1, 'Ada', 'live'), (2, 'Grace', 'live'), (3, 'Barbara', 'live'),"
                        + " (4, 'Tim', 'test'), (5, 'Linus', 'live'), (6, 'Katherine', 'live')");
        target.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(5), status VARCHAR(10))");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everySourceRowIsAccountedForAsLoadedFilteredOrQuarantined(Engine engine) {
        try (TestDatabase source = engine.create("people-source"); TestDatabase target = engine.create("people-target")) {
            people(source, target);
            SpecLoader.load(source.dataSource(), target.dataSource(), peopleSpec());

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(peopleSpec())
                    .rowCounts().checksums().verify();

            assertThat(report.failures()).isEmpty();
            RowReconciliation counts = report.table("people").orElseThrow().rowCounts().orElseThrow();
            assertThat(counts.sourceRows()).isEqualTo(6);
            assertThat(counts.expectedLoaded()).isEqualTo(3);
            assertThat(counts.filteredByRule()).containsExactly(java.util.Map.entry("test accounts excluded", 1L));
            assertThat(counts.expectedQuarantined()).isEqualTo(2);
            assertThat(counts.quarantineExamples()).hasSize(2).first().asString().startsWith("id=3: name");
            assertThat(counts.targetRows()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rowsTheMappingRejectsButALoaderCutToFitAreExtraRows(Engine engine) {
        try (TestDatabase source = engine.create("people-source"); TestDatabase target = engine.create("people-target")) {
            people(source, target);
            SpecLoader.load(source.dataSource(), target.dataSource(), peopleSpec());
            target.execute("INSERT INTO people VALUES (3, 'Barba', 'live')");

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(peopleSpec())
                    .verify();

            assertThat(report.passed()).isFalse();
            TableVerification people = report.table("people").orElseThrow();
            assertThat(people.rowCounts().orElseThrow().difference()).isEqualTo(1);
            assertThat(people.discrepancies()).extracting(Discrepancy::describe)
                    .containsExactly("people: extra row id=3");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMissingCopyOfADuplicatedRowIsFoundInATableWithoutKey(Engine engine) {
        try (TestDatabase source = engine.create("tags-source"); TestDatabase target = engine.create("tags-target")) {
            for (TestDatabase db : List.of(source, target)) {
                db.execute("CREATE TABLE tags (item INT, tag VARCHAR(10))");
            }
            source.execute("INSERT INTO tags VALUES (1, 'red'), (1, 'red'), (1, 'red'), (2, 'blue'), (3, NULL), (3, '')");
            target.execute("INSERT INTO tags VALUES (1, 'red'), (1, 'red'), (2, 'blue'), (3, NULL), (3, '')");
            MappingSpec spec = MappingSpec.builder("tags")
                    .table("tags", t -> t.field("item").field("tag").withoutKey("a bag of labels")).build();

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(spec)
                    .checksums().verify();

            TableVerification tags = report.table("tags").orElseThrow();
            assertThat(tags.keyless()).isTrue();
            assertThat(tags.missingRows()).isEqualTo(1);
            Discrepancy.Missing missing = (Discrepancy.Missing) tags.discrepancies().get(0);
            assertThat(missing.expected()).containsEntry("item", 1).containsEntry("tag", "red");
            assertThat(missing.copies()).isEqualTo(1);
            assertThat(tags.discrepancies()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSampleDependsOnlyOnTheSeed(Engine engine) {
        try (TestDatabase source = engine.create("sample-source"); TestDatabase target = engine.create("sample-target")) {
            Orders.create(source);
            Orders.create(target);
            Orders.fill(source, 2_000);
            Orders.fill(target, 2_000);
            target.execute("UPDATE orders SET customer = 'changed' WHERE MOD(order_no, 2) = 0");

            Set<String> first = sampledKeys(source, target, 7);
            Set<String> again = sampledKeys(source, target, 7);
            Set<String> other = sampledKeys(source, target, 8);

            assertThat(first).hasSizeBetween(5, 35).isEqualTo(again).isNotEqualTo(other);
        }
    }

    private static Set<String> sampledKeys(TestDatabase source, TestDatabase target, long seed) {
        VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(Orders.spec())
                .sample(40).seed(seed).parallelism(3).verify();
        SampleSummary sample = report.table("orders").orElseThrow().sample().orElseThrow();
        assertThat(sample.checked()).isEqualTo(40);
        assertThat(sample.mismatches()).allMatch(d -> d instanceof Discrepancy.Changed);
        return sample.mismatches().stream().map(Discrepancy::keyText).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void integrityIsCheckedWithQueriesAgainstTheIntendedSchemaEvenWithoutDeclaredConstraints(Engine engine) {
        try (TestDatabase source = engine.create("int-source"); TestDatabase target = engine.create("int-target")) {
            source.execute("CREATE TABLE team (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "CREATE TABLE player (id INT PRIMARY KEY, team_id INT REFERENCES team (id), nick VARCHAR(20))",
                    "INSERT INTO team VALUES (1, 'red'), (2, 'blue')",
                    "INSERT INTO player VALUES (10, 1, 'ace'), (11, 2, 'bolt'), (12, NULL, 'solo')");
            // The loader created bare tables: no keys, no foreign keys, no NOT NULL.
            target.execute("CREATE TABLE team (id INT, name VARCHAR(20))",
                    "CREATE TABLE player (id INT, team_id INT, nick VARCHAR(20))",
                    "INSERT INTO team VALUES (1, 'red'), (2, NULL)",
                    "INSERT INTO player VALUES (10, 1, 'ace'), (11, 3, 'bolt'), (12, NULL, 'solo'), (12, NULL, 'solo')");
            MappingSpec spec = MappingSpec.builder("league")
                    .table("team", t -> t.key("id").field("name"))
                    .table("player", t -> t.key("id").field("team_id").field("nick")).build();
            Inventory intended = Inventory.builder()
                    .table(TableInfo.builder("team").notNullColumn("id", SqlType.integer())
                            .notNullColumn("name", SqlType.varchar(20)).primaryKey("id"))
                    .table(TableInfo.builder("player").notNullColumn("id", SqlType.integer())
                            .column("team_id", SqlType.integer()).column("nick", SqlType.varchar(20)).primaryKey("id")
                            .index(new IndexInfo("player_nick_idx", List.of("nick"), false)))
                    .build();

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(spec)
                    .constraints().intendedTarget(intended).verify();

            List<String> failed = report.tables().stream().flatMap(t -> t.integrity().stream())
                    .filter(IntegrityCheck::failed).map(c -> c.table() + " " + c.kind() + " " + c.columns()).toList();
            assertThat(failed).containsExactlyInAnyOrder(
                    "team NOT_NULL [name]",
                    "player PRIMARY_KEY [id]",
                    "player UNIQUE [id]",
                    "player FOREIGN_KEY [team_id]",
                    "player INDEX [nick]");
            IntegrityCheck orphan = report.table("player").orElseThrow().integrity().stream()
                    .filter(c -> c.kind() == IntegrityCheck.Kind.FOREIGN_KEY).findFirst().orElseThrow();
            assertThat(orphan.expectedBy()).isEqualTo("source foreign key");
            assertThat(orphan.examples()).singleElement().satisfies(e -> assertThat(e).containsEntry("id", 11)
                    .containsEntry("team_id", 3));
            assertThat(report.summary()).contains("id=11");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void floatingPointValuesAreEqualWithinTheTolerance(Engine engine) {
        try (TestDatabase source = engine.create("float-source"); TestDatabase target = engine.create("float-target")) {
            source.execute("CREATE TABLE m (id INT PRIMARY KEY, r REAL, d DOUBLE PRECISION)",
                    "INSERT INTO m VALUES (1, 1.1, 0.30000000000000004), (2, 2.5, 100.0), (3, 3.3, 1.0)");
            target.execute("CREATE TABLE m (id INT PRIMARY KEY, r DOUBLE PRECISION, d DOUBLE PRECISION)");
            SpecLoader.load(source.dataSource(), target.dataSource(), MappingSpec.builder("m")
                    .table("m", t -> t.key("id").field("r").field("d")).build());
            target.execute("UPDATE m SET d = 0.3 WHERE id = 1", "UPDATE m SET d = 100.00000000000001 WHERE id = 2",
                    "UPDATE m SET d = 1.001 WHERE id = 3");
            MappingSpec spec = MappingSpec.builder("m").table("m", t -> t.key("id").field("r").field("d")).build();

            VerificationReport strict = Verifier.between(source.dataSource(), target.dataSource()).spec(spec)
                    .checksums().verify();
            VerificationReport lenient = Verifier.between(source.dataSource(), target.dataSource()).spec(spec)
                    .checksums().floatTolerance(0.01).verify();

            assertThat(strict.discrepancies()).extracting(Discrepancy::keyText).containsExactly("id=3");
            assertThat(lenient.passed()).isTrue();
        }
    }
}
