package dev.migrationstudio.examples.flyway;

import dev.migrationstudio.examples.QuickStartPlan;
import dev.migrationstudio.flyway.SpecMigration;
import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.mapping.MappingSpec;

// snippet:start flyway
/** Loads the v2 tables that V1 created from the legacy shop, then verifies them: Flyway fails it otherwise. */
public class V2__Load_clients extends SpecMigration {
    @Override
    protected MappingSpec spec() {
        return QuickStartPlan.plan().mapping();    // an edited spec changes the checksum
    }

    @Override
    protected String source() {
        return "legacy";                           // NamedSources.register("legacy", legacyDataSource)
    }

    @Override
    protected JdbcMigrator.Configuration configure(JdbcMigrator.Configuration migration) {
        return migration.onBadRow(BadRows.quarantine().upTo(100));
    }
}
// snippet:end flyway
