package dev.migrationstudio.examples.repositories;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.examples.chinook.ChinookV2;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.junit.DatabasePair;
import javax.sql.DataSource;

/** Legacy Chinook on embedded H2, and v2 migrated from it. */
public final class MigratedChinook implements DatabasePair, AutoCloseable {
    private final TestDatabase legacy = Engine.H2.create("chinook-legacy");
    private final TestDatabase v2 = Engine.H2.create("chinook-v2");

    /** Loads legacy and migrates it. */
    public MigratedChinook() {
        ChinookDataset.load(legacy.dataSource());
        v2.execute(ChinookV2.schema().toArray(String[]::new));
        Inventory inventory = JdbcInventory.scan(legacy.dataSource());
        JdbcMigrator.configure().source(legacy.dataSource()).target(v2.dataSource())
                .spec(ChinookV2.mapping(inventory)).logProgress(false).load().migrate();
    }

    @Override
    public DataSource source() {
        return legacy.dataSource();
    }

    @Override
    public DataSource target() {
        return v2.dataSource();
    }

    @Override
    public void close() {
        legacy.close();
        v2.close();
    }
}
