package dev.migrationstudio.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.jdbc.BadRows;
import org.junit.jupiter.api.Test;

class BadRowPolicyTest {

    @Test
    void failFastStopsAtTheFirstBadRowNamingIt() {
        assertThatThrownBy(() -> new BadRowPolicy(BadRows.failFast()).badRow("item -> product, id=7: too long",
                "the chunk was rolled back"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("bad row in item -> product, id=7: too long (policy: fail fast; the chunk was rolled back)");
    }

    @Test
    void quarantineGoesOnUntilTheRunHasQuarantinedMoreThanTheLimitOverAllCallers() {
        BadRowPolicy policy = new BadRowPolicy(BadRows.quarantine().upTo(3));
        policy.badRow("a", "b");
        policy.quarantined(2, "first table");
        policy.quarantined(1, "second table");

        assertThatThrownBy(() -> policy.quarantined(1, "the retry's row"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("4 rows quarantined in this run, more than the limit of 3; one of them: the retry's row");
    }

    @Test
    void quarantineWithoutLimitNeverStops() {
        BadRowPolicy policy = new BadRowPolicy(BadRows.quarantine());

        assertThatCode(() -> policy.quarantined(1_000_000, "many")).doesNotThrowAnyException();
    }
}
