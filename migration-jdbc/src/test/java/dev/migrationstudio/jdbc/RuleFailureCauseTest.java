package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.migrationstudio.jdbc.ledger.MigrationLedger;
import dev.migrationstudio.jdbc.ledger.QuarantineEntry;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.RejectedValueException;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An exception thrown by a user's derive is a bug in the spec, not bad data: after a run, the ledger,
 * the result and its report tell it from a value a rule refused and from a row the target refused.
 */
class RuleFailureCauseTest {

    /** The nickname derive forgets that a name may be NULL; ages below zero are refused on purpose. */
    private static final MappingSpec PEOPLE = MappingSpec.builder("people")
            .table("person", t -> t
                    .key("id")
                    .field("name")
                    .derive("nickname", List.of("name"), row -> row.string("name").toLowerCase(Locale.ROOT))
                    .derive("age", List.of("age"), row -> {
                        if (row.integer("age") < 0) {
                            throw new RejectedValueException("age " + row.integer("age") + " is below zero");
                        }
                        return row.integer("age");
                    }))
            .build();

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDeriveThatThrowsIsQuarantinedAsARuleFailureNotAsBadData(Engine engine) {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            source.execute("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(40), age INT)",
                    "INSERT INTO person VALUES (1, 'Ada', 36), (2, NULL, 40), (3, 'Bob', -1), (4, 'Bartholomew', 50)");
            target.execute("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(8), nickname VARCHAR(8), age INT)");

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(PEOPLE).onBadRow(BadRows.quarantine()).logProgress(false).load().migrate();

            assertThat(result.table("person").orElseThrow().total().loaded()).isEqualTo(1);
            List<QuarantineEntry> quarantined = MigrationLedger.read(target.dataSource(), "people").orElseThrow()
                    .quarantined();
            assertThat(quarantined).extracting(e -> e.row().key(), e -> e.row().cause()).containsExactlyInAnyOrder(
                    tuple("id=2", RowResult.Cause.RULE_FAILED),
                    tuple("id=3", RowResult.Cause.VALUE),
                    tuple("id=4", RowResult.Cause.VALUE));
            assertThat(quarantined).filteredOn(e -> e.row().ruleFailed()).singleElement()
                    .satisfies(e -> assertThat(e.row().reason()).startsWith("NullPointerException"));
            assertThat(target.query("SELECT cause FROM ms_quarantine ORDER BY chunk_no, seq"))
                    .extracting(r -> r[0]).contains("RULE_FAILED", "VALUE");

            assertThat(result.table("person").orElseThrow().quarantined())
                    .filteredOn(QuarantinedRow::ruleFailed).extracting(QuarantinedRow::key).containsExactly("id=2");
            assertThat(result.toMarkdown()).contains("rule failed (a bug in the rule's code)");
            assertThat(result.toJson()).contains("RULE_FAILED");
        }
    }
}
